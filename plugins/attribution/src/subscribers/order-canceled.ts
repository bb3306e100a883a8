import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ListenedEvents } from "../events"
import { reverseOrderRevenueWorkflow } from "../workflows/reverse-order-revenue"

/**
 * order.canceled -> reverse the refunds the cancel made (idempotent). Medusa's cancel
 * refunds captured payments through refundPaymentsWorkflow, which emits no
 * payment.refunded; the refunds are on the order all the same. Nothing posted (an
 * uncaptured order): nothing to reverse.
 */
export default async function orderCanceledRevenueSubscriber({ event, container }: SubscriberArgs<{ id: string }>) {
  await reverseOrderRevenueWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = { event: ListenedEvents.ORDER_CANCELED, context: { subscriberId: "attribution-order-canceled" } }
