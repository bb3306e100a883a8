import { PromotionActions } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, createPromotionsWorkflow, releaseLockStep, updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { planUpgradeCreditStep, unlinkUpgradePromotionOnRollbackStep, type UpgradeCreditPlanInput } from "./steps/plan-upgrade-credit"

export type ApplyUpgradeCreditInput = UpgradeCreditPlanInput

/**
 * Basic -> Premium pays the difference. The credit (what the customer paid for lower tiers
 * of the product, rules/upgrade-credit.ts) becomes a Medusa promotion of its own: a fixed
 * amount off one unit of that variant, usable once (`limit: 1`), whose rules hold only for
 * this cart, this customer, the org's channel and the cart's currency, linked to the org.
 * A promotion rather than a bare line adjustment because Medusa recomputes a cart's
 * adjustments from its promotions on every refresh (a hand-made adjustment would vanish
 * when an item or the region changes), and the order keeps the adjustment with its code.
 *
 * Lock on the cart -> read-only plan -> compensated promotion (createPromotionsWorkflow,
 * linked to the org by its hook) -> applied to the cart (updateCartPromotionsWorkflow,
 * compensated, payment collection refreshed) -> unlock. A replay finds the credit on the
 * cart and creates nothing.
 */
export const applyUpgradeCreditWorkflow = createWorkflow("apply-upgrade-credit", (input: ApplyUpgradeCreditInput) => {
  const lockKey = transform({ input }, ({ input }) => `upgrade-credit:${input.cart_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 }).config({ name: "lock-upgrade-credit" })
  const plan = planUpgradeCreditStep(input)
  when("create-upgrade-promotion", { plan }, ({ plan }) => !!plan.promotion).then(() => {
    createPromotionsWorkflow.runAsStep({
      input: transform({ plan, input }, ({ plan, input }) => ({
        promotionsData: plan.promotion ? [plan.promotion] : [],
        additional_data: { org_id: input.org_id },
      })),
    })
    unlinkUpgradePromotionOnRollbackStep(transform({ plan, input }, ({ plan, input }) => ({ cart_id: input.cart_id, code: plan.code })))
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ plan, input }, ({ plan, input }) => ({
        cart_id: input.cart_id,
        promo_codes: [plan.code],
        action: PromotionActions.ADD,
        force_refresh_payment_collection: true,
      })),
    })
  })
  releaseLockStep({ key: lockKey }).config({ name: "unlock-upgrade-credit" })
  return new WorkflowResponse(plan)
})
