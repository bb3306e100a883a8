import { PromotionActions } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, createPromotionsWorkflow, releaseLockStep, updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { unlinkUpgradePromotionOnRollbackStep } from "./steps/plan-upgrade-credit"
import { planSubscriptionTrialStep, type SubscriptionTrialPlanInput } from "./steps/plan-subscription-trial"

export type ApplySubscriptionTrialInput = SubscriptionTrialPlanInput & { org_id: string }

/**
 * A trial checkout charges nothing: every line of the cart whose subscription plan has a
 * trial the customer may take is made free by a promotion of its own (100 % off one unit of
 * those variants, usable once, whose rules hold only for this cart, customer, channel and
 * currency; linked to the org). The order then totals 0 for those lines, the subscription it
 * starts is `trialing`, and the first charge is the renewal at the trial's end, on the method
 * the customer saved before (POST /store/customers/me/payment-methods). A promotion rather
 * than a hand-made adjustment because Medusa recomputes adjustments from promotions on every
 * cart refresh, and the order keeps the adjustment with its code (see applyUpgradeCredit).
 *
 * Lock on the cart -> read-only plan -> compensated promotion -> the cart's codes replaced
 * (its other codes kept; payment collection refreshed) -> unlock. A replay creates nothing.
 */
export const applySubscriptionTrialWorkflow = createWorkflow("apply-subscription-trial", (input: ApplySubscriptionTrialInput) => {
  const lockKey = transform({ input }, ({ input }) => `subscription-trial:${input.cart_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 }).config({ name: "lock-subscription-trial" })
  const plan = planSubscriptionTrialStep(transform({ input }, ({ input }) => ({ cart_id: input.cart_id, customer_id: input.customer_id })))
  when("create-trial-promotion", { plan }, ({ plan }) => !!plan.promotion).then(() => {
    createPromotionsWorkflow.runAsStep({
      input: transform({ plan, input }, ({ plan, input }) => ({
        promotionsData: plan.promotion ? [plan.promotion] : [],
        additional_data: { org_id: input.org_id },
      })),
    })
    unlinkUpgradePromotionOnRollbackStep(transform({ plan, input }, ({ plan, input }) => ({ cart_id: input.cart_id, code: plan.code! })))
  })
  when("replace-cart-trial-code", { plan }, ({ plan }) => !!plan.apply_codes).then(() => {
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ plan, input }, ({ plan, input }) => ({
        cart_id: input.cart_id,
        promo_codes: plan.apply_codes!,
        action: PromotionActions.REPLACE,
        force_refresh_payment_collection: true,
      })),
    })
  })
  releaseLockStep({ key: lockKey }).config({ name: "unlock-subscription-trial" })
  return new WorkflowResponse(transform({ plan }, ({ plan }) => ({ code: plan.code, lines: plan.lines })))
})
