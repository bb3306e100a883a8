import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { WEBHOOK_MODULE } from "../modules/webhook"
import type WebhookModuleService from "../modules/webhook/service"
import { toOrgWebhookEvents, type WebhookSourceData } from "../webhooks/events"

/*
 * Outbound webhooks on Medusa's workflow engine. No step is compensated: enqueuing is an
 * insert that ignores duplicates (unique endpoint + event key), and a drain that fails
 * part-way leaves its deliveries leased until the lease expires, when a later drain takes
 * them again; a delivery that succeeded is never attempted again.
 */

export type EnqueueWebhookEventInput = { name: string; data: Record<string, unknown>; now?: string }

const enqueueStep = createStep("webhook-enqueue-event", async (input: EnqueueWebhookEventInput, { container }) => {
  // An emitted event's payload: the source events carry string ids (WebhookSourceData).
  const events = await toOrgWebhookEvents(container, input.name, input.data as WebhookSourceData)
  const webhooks = container.resolve<WebhookModuleService>(WEBHOOK_MODULE)
  const now = input.now ? new Date(input.now) : new Date()
  const ids: string[] = []
  for (const e of events) {
    ids.push(...(await webhooks.enqueueDeliveries({ org_id: e.org_id, event_name: e.event, event_key: e.key, payload: e.data, now })))
  }
  return new StepResponse(ids)
})

/** Turns an emitted event into a delivery per subscribed endpoint of its org (once per endpoint). */
export const enqueueWebhookEventWorkflow = createWorkflow(
  "webhook-enqueue-event",
  (input: EnqueueWebhookEventInput) => new WorkflowResponse(enqueueStep(input))
)
