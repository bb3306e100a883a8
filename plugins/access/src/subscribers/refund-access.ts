import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isFullyRefunded } from "../rules/paid-order"
import { revokeEntitlementsForOrderWorkflow } from "../workflows/revoke-entitlements-for-order"

/**
 * payment.refunded -> when the order's payment is refunded in full, revoke what the
 * order granted. (Medusa refunds amounts, not lines: a partial refund keeps access; staff
 * revoke by hand when a partial refund stands for one line.)
 */
export default async function refundAccessSubscriber({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: ["id", "payment_collection.captured_amount", "payment_collection.refunded_amount", "payment_collection.order.id"],
    filters: { id: event.data.id },
  })
  const collection = payment?.payment_collection
  const orderId = collection?.order?.id
  if (!orderId || !isFullyRefunded(collection.captured_amount, collection.refunded_amount)) {
    return
  }
  await revokeEntitlementsForOrderWorkflow(container).run({
    input: { order_id: orderId, reason: "order fully refunded" },
  })
}

export const config: SubscriberConfig = { event: "payment.refunded" }
