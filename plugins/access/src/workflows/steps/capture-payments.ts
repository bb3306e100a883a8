import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type CaptureOutcome = { captured: string[]; failed: { payment_id: string; message: string }[] }

/**
 * Captures each payment through Medusa's own capturePaymentWorkflow (provider call, order
 * transaction, `payment.captured`), collecting failures instead of throwing: a declined or
 * lapsed authorization is an outcome the parent acts on (it revokes access), not a crash.
 * No compensation: a capture is the point of no return (undoing it is a refund, which is a
 * business decision), and this is the parent's last step that can succeed with money moved.
 */
export const capturePaymentsStep = createStep(
  "capture-order-payments",
  async ({ payment_ids, captured_by }: { payment_ids: string[]; captured_by: string }, { container }) => {
    const outcome: CaptureOutcome = { captured: [], failed: [] }
    for (const payment_id of payment_ids) {
      const { errors } = await capturePaymentWorkflow(container).run({
        input: { payment_id, captured_by },
        throwOnError: false,
      })
      if (errors?.length) {
        outcome.failed.push({ payment_id, message: errors[0]?.error?.message ?? "" })
      } else {
        outcome.captured.push(payment_id)
      }
    }
    return new StepResponse(outcome)
  }
)
