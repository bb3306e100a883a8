import { randomBytes } from "node:crypto"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreatePromotionDTO } from "@medusajs/framework/types"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"

export type SubscriptionTrialPlanInput = { cart_id: string; customer_id: string }

/** One cart line and whether its plan's trial applies. */
export type TrialLine = { variant_id: string; trial_days: number; eligible: boolean; reason: string | null }

export type SubscriptionTrialPlan = {
  /** The cart's trial promotion code (existing on a replay, new otherwise); null: no line is on trial. */
  code: string | null
  /** The promotion to create; null when the cart already carries this exact trial or none applies. */
  promotion: CreatePromotionDTO | null
  /** The cart's promotion codes once the trial is applied (its other codes kept); null: nothing to change. */
  apply_codes: string[] | null
  lines: TrialLine[]
}

/** Promotion metadata key marking a subscription trial (and the variants it frees). */
export const SUBSCRIPTION_TRIAL_METADATA = "volmify_subscription_trial"

/**
 * Read-only: which lines of the customer's open cart are subscription variants with a trial
 * the customer may take (one trial per customer and product; any earlier subscription of the
 * product, whatever its status, makes the line pay its first period), and the promotion that
 * makes those lines free. Refusals are 4xx naming the problem.
 */
export const planSubscriptionTrialStep = createStep(
  "plan-subscription-trial",
  async (input: SubscriptionTrialPlanInput, { container }): Promise<StepResponse<SubscriptionTrialPlan>> => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [cart],
    } = await query.graph({
      entity: "cart",
      fields: ["id", "customer_id", "currency_code", "sales_channel_id", "completed_at", "items.variant_id", "items.quantity", "promotions.code", "promotions.metadata"],
      filters: { id: input.cart_id },
    })
    if (!cart) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${input.cart_id} was not found`)
    if (cart.completed_at) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This cart is already an order")
    if (cart.customer_id !== input.customer_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A trial goes on your own cart: log in before checking out")
    }
    type Line = { variant_id: string; quantity: unknown }
    const items: Line[] = (cart.items ?? []).flatMap((i: { variant_id?: string | null; quantity: unknown } | null) => (i?.variant_id ? [{ variant_id: i.variant_id, quantity: i.quantity }] : []))
    const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const plans = items.length
      ? (await access.listAccessPlans({ variant_id: items.map((i) => i.variant_id), billing: "subscription" })).filter((p) => p.trial_days > 0)
      : []
    const earlier = plans.length
      ? await access.listSubscriptions({ customer_id: input.customer_id, product_id: plans.map((p) => p.product_id) }, { select: ["product_id"], withDeleted: true })
      : []
    const subscribed = new Set(earlier.map((s) => s.product_id))
    const lines: TrialLine[] = plans.map((plan) => {
      const item = items.find((i) => i.variant_id === plan.variant_id)
      const reason = subscribed.has(plan.product_id)
        ? "you already had a subscription to this course: the first period is charged now"
        : Number(item?.quantity) !== 1
          ? "a trial is for one subscription: set the quantity to 1"
          : null
      return { variant_id: plan.variant_id, trial_days: plan.trial_days, eligible: !reason, reason }
    })
    const variants = lines.filter((l) => l.eligible).map((l) => l.variant_id).sort()
    type TrialMeta = { variant_ids?: string[] }
    type CartPromotion = { code?: string | null; metadata?: Record<string, unknown> | null }
    const promotions: CartPromotion[] = (cart.promotions ?? []).flatMap((p: CartPromotion | null) => (p ? [p] : []))
    const trialMeta = (p: CartPromotion) => p.metadata?.[SUBSCRIPTION_TRIAL_METADATA] as TrialMeta | undefined
    const isTrial = (p: CartPromotion) => !!trialMeta(p)
    const keep_codes = promotions.filter((p) => !isTrial(p) && p.code).map((p) => p.code as string)
    const current = promotions.find(isTrial)
    const sameVariants = (p: CartPromotion) => JSON.stringify(trialMeta(p)?.variant_ids ?? []) === JSON.stringify(variants)
    if (current && sameVariants(current)) return new StepResponse({ code: current.code ?? null, promotion: null, apply_codes: null, lines })
    // No line on trial any more (the cart changed): an earlier trial code comes off.
    if (!variants.length) return new StepResponse({ code: null, promotion: null, apply_codes: current ? keep_codes : null, lines })

    // Unguessable, and useless if guessed: the rules tie it to this cart, customer and variants.
    const code = `TRIAL-${randomBytes(6).toString("hex").toUpperCase()}`
    const promotion: CreatePromotionDTO = {
      code,
      type: "standard",
      status: "active",
      is_automatic: false,
      limit: 1,
      rules: [
        { attribute: "id", operator: "eq", values: [cart.id] },
        { attribute: "customer.id", operator: "eq", values: [input.customer_id] },
        { attribute: "sales_channel_id", operator: "eq", values: [cart.sales_channel_id] },
        { attribute: "currency_code", operator: "eq", values: [cart.currency_code] },
      ],
      application_method: {
        type: "percentage",
        target_type: "items",
        allocation: "each",
        max_quantity: 1,
        value: 100,
        target_rules: [{ attribute: "items.variant.id", operator: "in", values: variants }],
      },
      metadata: { [SUBSCRIPTION_TRIAL_METADATA]: { cart_id: cart.id, customer_id: input.customer_id, variant_ids: variants } },
    }
    return new StepResponse({ code, promotion, apply_codes: [...keep_codes, code], lines })
  }
)
