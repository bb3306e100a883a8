import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { drainWebhookDeliveriesWorkflow } from "../workflows/drain-webhook-deliveries"
import { enqueueWebhookEventWorkflow } from "../workflows/enqueue-webhook-event"
import { SOURCE_EVENTS } from "../webhooks/events"
import { wantedWebhookEvents } from "../webhooks/wanted"

/** The webhook event a source event becomes (lesson progress is delivered as "lesson completed"). */
const webhookEventOf = (name: string) => (name === "course.lesson_progress.recorded" ? "course.lesson.completed" : name)

/**
 * Outbound webhooks: each event an org's endpoints may want becomes one delivery per
 * subscribed endpoint, attempted at once; failures are retried by the drain job.
 */
export default async function webhookEvents({ event, container }: SubscriberArgs<Record<string, unknown>>) {
  if (!(await wantedWebhookEvents(container)).has(webhookEventOf(event.name))) return
  const { result: ids } = await enqueueWebhookEventWorkflow(container).run({ input: { name: event.name, data: event.data } })
  if (ids.length) await drainWebhookDeliveriesWorkflow(container).run({ input: { ids, limit: ids.length } })
}

export const config: SubscriberConfig = {
  event: SOURCE_EVENTS,
  context: { subscriberId: "webhook-events" },
}
