import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ListenedEvents } from "../events"
import { clawbackOrderCommissionsWorkflow } from "../workflows/clawback-order-commissions"

/** payment.refunded -> claw back the order's commissions in proportion (idempotent). */
export default async function affiliatePaymentRefunded({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.id"], filters: { id: event.data.id } })
  const orderId = payment?.payment_collection?.order?.id
  if (!orderId) return
  await clawbackOrderCommissionsWorkflow(container).run({ input: { order_id: orderId } })
}

export const config: SubscriberConfig = { event: ListenedEvents.PAYMENT_REFUNDED, context: { subscriberId: "affiliates-payment-refunded" } }
