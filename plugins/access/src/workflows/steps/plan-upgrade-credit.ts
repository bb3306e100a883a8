import { randomBytes } from "node:crypto"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { BigNumberInput, CreatePromotionDTO } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMinor } from "../../rules/upgrade-credit"
import { loadUpgradeTarget, quoteUpgrade } from "../../utils/upgrade-quote"

export type UpgradeCreditPlanInput = { cart_id: string; variant_id: string; customer_id: string; org_id: string }

/** The promotion that carries one upgrade credit (see applyUpgradeCreditWorkflow). */
export type UpgradeCreditPlan = {
  code: string
  /** null: the cart already carries this credit (replay); nothing to create. */
  promotion: CreatePromotionDTO | null
  currency_code: string
  credit_minor: string
  amount_due_minor: string
  from_tier: number | null
  to_tier: number
}

/** Promotion metadata key marking an upgrade credit (and what it was computed from). */
export const UPGRADE_CREDIT_METADATA = "volmify_upgrade_credit"

type CartRow = {
  id: string
  customer_id: string | null
  currency_code: string
  sales_channel_id: string | null
  completed_at: Date | string | null
  items?: ({ id: string; variant_id: string | null; unit_price: BigNumberInput } | null)[] | null
  promotions?: ({ id: string; code: string | null; metadata: Record<string, unknown> | null } | null)[] | null
}
/** What an upgrade promotion's metadata records (compared on a replay). */
type UpgradeCreditMeta = { variant_id?: string; credit_minor?: string; customer_id?: string }

/**
 * Read-only: checks the cart is the customer's, open and holds the variant, computes the
 * credit from what the customer paid for lower tiers of the product (rules/upgrade-credit.ts)
 * and describes the promotion that will carry it. Refusals are 4xx naming the problem.
 */
export const planUpgradeCreditStep = createStep(
  "plan-upgrade-credit",
  async (input: UpgradeCreditPlanInput, { container }): Promise<StepResponse<UpgradeCreditPlan>> => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [cart],
    }: { data: (CartRow | undefined)[] } = await query.graph({
      entity: "cart",
      fields: [
        "id",
        "customer_id",
        "currency_code",
        "sales_channel_id",
        "completed_at",
        "items.id",
        "items.variant_id",
        "items.unit_price",
        "promotions.id",
        "promotions.code",
        "promotions.metadata",
      ],
      filters: { id: input.cart_id },
    })
    if (!cart) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${input.cart_id} was not found`)
    if (cart.completed_at) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This cart is already an order")
    if (cart.customer_id !== input.customer_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "An upgrade credit goes on your own cart: log in before adding the course to the cart")
    }
    const line = (cart.items ?? []).find((i) => i?.variant_id === input.variant_id)
    if (!line) throw new MedusaError(MedusaError.Types.INVALID_DATA, `The cart has no line for the variant "${input.variant_id}": add it first`)

    const target = await loadUpgradeTarget(container, input.variant_id, input.org_id)
    const decision = await quoteUpgrade(container, { customer_id: input.customer_id, target, price: line.unit_price, currency_code: cart.currency_code })
    if (!decision.ok) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, decision.message)
    if (decision.credit_minor === 0n) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Nothing to credit: you have no paid purchase of a lower tier of this course in ${cart.currency_code.toUpperCase()}`
      )
    }
    const base = {
      currency_code: cart.currency_code,
      credit_minor: decision.credit_minor.toString(),
      amount_due_minor: decision.amount_due_minor.toString(),
      from_tier: decision.from_tier,
      to_tier: target.tier,
    }
    const existing = (cart.promotions ?? []).find((p) => {
      const meta = p?.metadata?.[UPGRADE_CREDIT_METADATA] as UpgradeCreditMeta | undefined
      return meta?.variant_id === input.variant_id && meta?.credit_minor === base.credit_minor && meta?.customer_id === input.customer_id
    })
    if (existing) return new StepResponse({ ...base, code: existing.code!, promotion: null })

    // Unguessable, and useless if guessed: the rules tie it to this cart, customer and variant.
    const code = `UPGRADE-${randomBytes(6).toString("hex").toUpperCase()}`
    const promotion: CreatePromotionDTO = {
      code,
      type: "standard",
      status: "active",
      is_automatic: false,
      limit: 1,
      rules: [
        { attribute: "id", operator: "eq", values: [cart.id] },
        { attribute: "customer.id", operator: "eq", values: [input.customer_id] },
        { attribute: "sales_channel_id", operator: "eq", values: [cart.sales_channel_id!] },
        { attribute: "currency_code", operator: "eq", values: [cart.currency_code] },
      ],
      application_method: {
        type: "fixed",
        target_type: "items",
        allocation: "each",
        max_quantity: 1,
        // The exact decimal string (no float): the module's BigNumber column takes it; its DTO says number.
        value: fromMinor(decision.credit_minor, cart.currency_code) as unknown as number,
        currency_code: cart.currency_code,
        target_rules: [{ attribute: "items.variant.id", operator: "eq", values: [input.variant_id] }],
      },
      metadata: {
        [UPGRADE_CREDIT_METADATA]: {
          cart_id: cart.id,
          customer_id: input.customer_id,
          variant_id: input.variant_id,
          product_id: target.product_id,
          from_tier: decision.from_tier,
          to_tier: target.tier,
          credit_minor: base.credit_minor,
          entitlement_ids: decision.entitlement_ids,
        },
      },
    }
    return new StepResponse({ ...base, code, promotion })
  }
)

/**
 * Rollback guard: Medusa's updateCartPromotionsWorkflow, compensated, restores the cart's
 * adjustments but leaves the cart's link to the new promotion (which the promotion's own
 * compensation then deletes): this step, placed between the two, dismisses that link.
 */
export const unlinkUpgradePromotionOnRollbackStep = createStep(
  "unlink-upgrade-promotion-on-rollback",
  async ({ cart_id, code }: { cart_id: string; code: string }, { container }) => {
    const [promotion] = await container.resolve(Modules.PROMOTION).listPromotions({ code }, { select: ["id"] })
    return new StepResponse(undefined, promotion ? { cart_id, promotion_id: promotion.id } : null)
  },
  async (link, { container }) => {
    if (!link) return
    await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
      [Modules.CART]: { cart_id: link.cart_id },
      [Modules.PROMOTION]: { promotion_id: link.promotion_id },
    })
  }
)
