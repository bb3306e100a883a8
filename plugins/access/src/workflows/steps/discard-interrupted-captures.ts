import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * Deletes the capture rows of abandoned auto captures (planned by planDigitalCaptureStep:
 * ours, covering the amount, payment never marked captured, older than the capture lock) so
 * Medusa's capture can run again; it is what Medusa itself does with its capture row when the
 * provider call fails. No compensation: restoring such a row would block the payment again,
 * and the capture that follows is the parent's point of no return.
 */
export const discardInterruptedCapturesStep = createStep(
  "discard-interrupted-captures",
  async ({ capture_ids }: { capture_ids: string[] }, { container }) => {
    if (capture_ids.length) await container.resolve(Modules.PAYMENT).deleteCaptures(capture_ids)
    return new StepResponse({ discarded: capture_ids })
  }
)
