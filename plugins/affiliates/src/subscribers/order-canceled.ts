import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ListenedEvents } from "../events"
import { clawbackOrderCommissionsWorkflow } from "../workflows/clawback-order-commissions"

/**
 * order.canceled -> claw back all of the order's commissions (idempotent). Medusa's cancel
 * refunds a captured payment without emitting payment.refunded, so the refund subscriber
 * never hears of it; an uncaptured order's pending commissions are voided.
 */
export default async function affiliateOrderCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  await clawbackOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = { event: ListenedEvents.ORDER_CANCELED, context: { subscriberId: "affiliates-order-canceled" } }
