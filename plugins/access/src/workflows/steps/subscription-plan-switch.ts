import type { CreateCartWorkflowInputDTO } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { currencyDecimals, fromMinorUnits } from "../../rules/subscription-proration"
import type { EntitlementUpdate } from "./entitlement-records"
import { quoteSubscriptionSwitch, type SwitchQuote } from "../../utils/subscription-switch"

export type SwitchPlan = {
  quote: SwitchQuote
  /** What charging an upgrade needs (null when nothing is charged now). */
  charge: { cart: CreateCartWorkflowInputDTO; session: { provider_id: string; customer_id: string; data: Record<string, unknown> } } | null
}

/**
 * The quote of a plan switch (utils/subscription-switch.ts) and, for a charged upgrade,
 * its cart (the new variant at the prorated price, in the subscription's region, channel
 * and currency; `metadata.subscription_id` so it starts no subscription) and the saved
 * method's off-session session. Reads only.
 */
export const quoteSubscriptionSwitchStep = createStep(
  "quote-subscription-switch",
  async (input: { subscription_id: string; variant_id: string; now: Date }, { container }) => {
    const quote = await quoteSubscriptionSwitch(container, input)
    if (!(quote.applies === "now" && quote.amount_minor > 0)) return new StepResponse<SwitchPlan>({ quote, charge: null })
    const [s] = await container.resolve<AccessModuleService>(ACCESS_MODULE).listSubscriptions({ id: quote.subscription_id })
    const cart: CreateCartWorkflowInputDTO = {
      region_id: s.region_id,
      customer_id: s.customer_id,
      email: s.email ?? undefined,
      currency_code: s.currency_code,
      sales_channel_id: s.sales_channel_id ?? undefined,
      items: [
        {
          variant_id: quote.to.variant_id,
          quantity: 1,
          unit_price: fromMinorUnits(quote.amount_minor, currencyDecimals(s.currency_code)),
          metadata: { prorated_from_variant_id: quote.from.variant_id, prorated_seconds: quote.remaining_seconds, period_seconds: quote.period_seconds },
        },
      ],
      metadata: { subscription_id: s.id, subscription_switch: "upgrade" },
    }
    const session = {
      provider_id: s.payment_provider_id,
      customer_id: s.customer_id,
      data: { ...(s.payment_method_ref ?? {}), off_session: true, confirm: true },
    }
    return new StepResponse<SwitchPlan>({ quote, charge: { cart, session } })
  }
)

type AccessChange = { subscription_id: string; tier: number; variant_id: string; product_id: string }

/**
 * Moves a subscription's live grants to its new plan: every grant gets the new tier, the
 * grant on the plan's own product the new variant. Compensation restores both.
 */
export const switchSubscriptionAccessStep = createStep(
  "switch-subscription-access",
  async ({ subscription_id, tier, variant_id, product_id }: AccessChange, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const live = await service.listEntitlements(
      { source_type: "subscription", source_id: { $like: `${subscription_id}:%` }, status: "active" },
      { select: ["id", "tier", "variant_id", "product_id"] }
    )
    if (live.length) {
      await service.updateEntitlements(
        live.map((e): EntitlementUpdate => ({ id: e.id, tier, ...(e.product_id === product_id ? { variant_id } : {}) }))
      )
    }
    return new StepResponse(live.map((e) => e.id), live.map((e): EntitlementUpdate => ({ id: e.id, tier: e.tier, variant_id: e.variant_id })))
  },
  async (before, { container }) => {
    if (!before?.length) return
    await container.resolve<AccessModuleService>(ACCESS_MODULE).updateEntitlements(before)
  }
)

/**
 * After a renewal paid the pending plan's variant: the subscription takes that plan (its
 * variant, plan and tier) and its grants the tier. Nothing when no downgrade is pending.
 * Compensation restores the subscription and the grants.
 */
export const applyPendingPlanStep = createStep(
  "apply-pending-subscription-plan",
  async ({ subscription_id }: { subscription_id: string }, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [sub] = await service.listSubscriptions(
      { id: subscription_id },
      { select: ["id", "variant_id", "plan_id", "tier", "product_id", "pending_variant_id", "pending_plan_id"] }
    )
    if (!sub?.pending_variant_id) return new StepResponse(null, null)
    const [plan] = await service.listAccessPlans({ variant_id: sub.pending_variant_id })
    const tier = plan?.tier ?? sub.tier
    await service.updateSubscriptions({
      id: sub.id,
      variant_id: sub.pending_variant_id,
      // Set together with pending_variant_id (switchSubscriptionPlanWorkflow), so not null here.
      plan_id: (plan?.id ?? sub.pending_plan_id) as string,
      tier,
      pending_variant_id: null,
      pending_plan_id: null,
    })
    const live = await service.listEntitlements(
      { source_type: "subscription", source_id: { $like: `${sub.id}:%` }, status: "active" },
      { select: ["id", "tier", "variant_id", "product_id"] }
    )
    if (live.length) {
      await service.updateEntitlements(
        live.map((e): EntitlementUpdate => ({ id: e.id, tier, ...(e.product_id === sub.product_id ? { variant_id: sub.pending_variant_id } : {}) }))
      )
    }
    return new StepResponse(
      { variant_id: sub.pending_variant_id, tier },
      {
        subscription: {
          id: sub.id, variant_id: sub.variant_id, plan_id: sub.plan_id, tier: sub.tier,
          pending_variant_id: sub.pending_variant_id, pending_plan_id: sub.pending_plan_id,
        },
        grants: live.map((e): EntitlementUpdate => ({ id: e.id, tier: e.tier, variant_id: e.variant_id })),
      }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    await service.updateSubscriptions(undo.subscription)
    if (undo.grants.length) await service.updateEntitlements(undo.grants)
  }
)
