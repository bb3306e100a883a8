import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { drainDueDeliveries } from "../webhooks/drain"

export type DrainWebhooksInput = { now?: string; limit?: number; ids?: string[] }

const drainStep = createStep("webhook-drain-due", async (input: DrainWebhooksInput, { container }) => {
  const result = await drainDueDeliveries(container, { now: input.now ? new Date(input.now) : undefined, limit: input.limit, ids: input.ids })
  return new StepResponse(result)
})

/**
 * Sends the deliveries due at `now` (default: the clock; tests pass a later time to move
 * through the backoff). Safe in several workers at once (FOR UPDATE SKIP LOCKED).
 */
export const drainWebhookDeliveriesWorkflow = createWorkflow(
  "webhook-drain-due",
  (input: DrainWebhooksInput) => new WorkflowResponse(drainStep(input))
)
