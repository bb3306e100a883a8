import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { subscriptionNow } from "../utils/clock"
import { startSubscriptionsForOrderWorkflow } from "../workflows/start-subscriptions-for-order"

/** order.placed of a subscription variant -> the subscription and its access (idempotent). */
export default async function orderSubscriptionsSubscriber({ event, container }: SubscriberArgs<{ id: string }>) {
  await startSubscriptionsForOrderWorkflow(container).run({ input: { order_id: event.data.id, now: subscriptionNow(container) } })
}

export const config: SubscriberConfig = { event: "order.placed", context: { subscriberId: "access-order-subscriptions" } }
