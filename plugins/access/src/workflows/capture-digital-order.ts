import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { captureFailureReason } from "../rules/digital-order"
import { grantEntitlementsForOrderWorkflow } from "./grant-entitlements-for-order"
import { revokeEntitlementsForOrderWorkflow } from "./revoke-entitlements-for-order"
import { capturePaymentsStep } from "./steps/capture-payments"
import { discardInterruptedCapturesStep } from "./steps/discard-interrupted-captures"
import { AUTO_CAPTURE_ACTOR, planDigitalCaptureStep } from "./steps/plan-digital-capture"

export { AUTO_CAPTURE_ACTOR, CAPTURE_SKIPPED } from "./steps/plan-digital-capture"

/**
 * order.placed -> capture an all-digital order's authorized payments right away, so access,
 * ledger postings (payment.captured) and commissions follow in seconds without an operator.
 * A lock on the order plus "nothing left to capture" make any number of deliveries capture
 * once. The grant runs first (idempotent, the same one the order.placed grant subscriber
 * runs): if the capture fails, the revoke that follows must find the access to take back,
 * and a grant arriving later sees the line already granted (revoked rows included) and adds
 * nothing. The revoke reason names the provider's error, where staff see entitlements. An
 * auto capture abandoned half-way by a dead process (rules/interrupted-capture) is discarded
 * and made again here, under the same lock, so the sweep of placed orders can finish it.
 */
export const captureDigitalOrderWorkflow = createWorkflow(
  "capture-digital-order",
  (input: { order_id: string }) => {
    const captureKey = transform({ input }, ({ input }) => `capture:order:${input.order_id}`)
    // The grant and revoke workflows' own lock steps are skipped when they run as a
    // sub-workflow (Medusa's acquireLockStep), so their lock on the order's entitlements is
    // taken here, around each of them only: never held across the provider's capture call.
    const entitlementsKey = transform({ input }, ({ input }) => `entitlements:order:${input.order_id}`)
    acquireLockStep({ key: captureKey, timeout: 60, ttl: 120 }).config({ name: "lock-order-capture" })
    const plan = planDigitalCaptureStep({ order_id: input.order_id })
    const outcome = when("digital-order-to-capture", { plan }, ({ plan }) => plan.payment_ids.length > 0).then(() => {
      acquireLockStep({ key: entitlementsKey, timeout: 30, ttl: 60 }).config({ name: "lock-entitlements-for-grant" })
      grantEntitlementsForOrderWorkflow.runAsStep({ input: { order_id: input.order_id } })
      releaseLockStep({ key: entitlementsKey }).config({ name: "unlock-entitlements-after-grant" })
      discardInterruptedCapturesStep(transform({ plan }, ({ plan }) => ({ capture_ids: plan.discard_capture_ids })))
      return capturePaymentsStep(
        transform({ plan }, ({ plan }) => ({ payment_ids: plan.payment_ids, captured_by: AUTO_CAPTURE_ACTOR }))
      )
    })
    when("digital-capture-failed", { outcome }, ({ outcome }) => (outcome?.failed.length ?? 0) > 0).then(() => {
      acquireLockStep({ key: entitlementsKey, timeout: 30, ttl: 60 }).config({ name: "lock-entitlements-for-revoke" })
      revokeEntitlementsForOrderWorkflow.runAsStep({
        input: transform({ input, outcome }, ({ input, outcome }) => ({
          order_id: input.order_id,
          reason: captureFailureReason(outcome!.failed[0].message),
        })),
      })
      releaseLockStep({ key: entitlementsKey }).config({ name: "unlock-entitlements-after-revoke" })
    })
    releaseLockStep({ key: captureKey }).config({ name: "unlock-order-capture" })
    return new WorkflowResponse(
      transform({ plan, outcome }, ({ plan, outcome }) => ({
        captured: outcome?.captured ?? [],
        failed: outcome?.failed ?? [],
        skipped: plan.skipped || null,
      }))
    )
  }
)
