import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { capturePaymentsStep } from "./steps/capture-payments"
import { AUTO_CAPTURE_ACTOR } from "./steps/plan-digital-capture"
import { planCaptureFinishStep } from "./steps/plan-capture-finish"

/**
 * Finishes a capture a dead process left after Medusa's payment module had captured
 * (`captured_at` set) but before capturePaymentWorkflow recorded the order transaction and
 * emitted `payment.captured` (rules/interrupted-capture, second window). Under the same lock
 * as auto capture, each such payment goes through capturePaymentWorkflow again: the module
 * captures nothing more for a payment with `captured_at` (no provider call), settles the
 * collection ("completed"), the transaction step adds only the missing transactions, and the
 * event posts the revenue. Run by the sweep of placed orders (need `finish_capture`).
 */
export const finishInterruptedCaptureWorkflow = createWorkflow("finish-interrupted-capture", (input: { order_id: string }) => {
  const key = transform({ input }, ({ input }) => `capture:order:${input.order_id}`)
  acquireLockStep({ key, timeout: 60, ttl: 120 }).config({ name: "lock-order-capture-finish" })
  const plan = planCaptureFinishStep({ order_id: input.order_id })
  const outcome = when("capture-to-finish", { plan }, ({ plan }) => plan.payment_ids.length > 0).then(() =>
    capturePaymentsStep(transform({ plan }, ({ plan }) => ({ payment_ids: plan.payment_ids, captured_by: AUTO_CAPTURE_ACTOR }))).config({
      name: "finish-order-captures",
    })
  )
  releaseLockStep({ key }).config({ name: "unlock-order-capture-finish" })
  return new WorkflowResponse(
    transform({ plan, outcome }, ({ plan, outcome }) => ({
      captured: outcome?.captured ?? [],
      failed: outcome?.failed ?? [],
      skipped: plan.skipped || null,
    }))
  )
})
