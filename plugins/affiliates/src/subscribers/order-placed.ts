import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ListenedEvents } from "../events"
import { createOrderCommissionsWorkflow } from "../workflows/create-order-commissions"

/**
 * order.placed -> commissions for an attributed order (idempotent: one per line). Also on
 * access.order.swept: an order whose order.placed was lost, found by @volmify/access's sweep.
 */
export default async function affiliateOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await createOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = { event: [ListenedEvents.ORDER_PLACED, ListenedEvents.ORDER_SWEPT], context: { subscriberId: "affiliates-order-placed" } }
