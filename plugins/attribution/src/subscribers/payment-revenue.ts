import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ListenedEvents } from "../events"
import { postOrderRevenueWorkflow } from "../workflows/post-order-revenue"
import { reverseOrderRevenueWorkflow } from "../workflows/reverse-order-revenue"

/**
 * payment.captured -> post the order's revenue split; payment.refunded -> post the
 * capture first if it is missing (events may arrive out of order), then reverse the
 * refunds not reversed yet. Both workflows are idempotent.
 */
export default async function paymentRevenueSubscriber({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.id"], filters: { id: event.data.id } })
  const orderId = payment?.payment_collection?.order?.id
  if (!orderId) {
    return
  }
  await postOrderRevenueWorkflow(container).run({ input: { order_id: orderId } })
  if (event.name === ListenedEvents.PAYMENT_REFUNDED) {
    await reverseOrderRevenueWorkflow(container).run({ input: { order_id: orderId } })
  }
}

export const config: SubscriberConfig = { event: [ListenedEvents.PAYMENT_CAPTURED, ListenedEvents.PAYMENT_REFUNDED] }
