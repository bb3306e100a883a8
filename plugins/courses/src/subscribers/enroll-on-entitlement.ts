import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ENTITLEMENT_CLAIMED, ENTITLEMENT_GRANTED } from "../events"
import { enrollCustomerForProductsWorkflow } from "../workflows/enrollments"

/**
 * entitlement.granted, or entitlement.claimed (a guest's access moved to their account)
 * -> enroll the customer in the courses of those products (idempotent).
 */
export default async function enrollOnEntitlement({
  event,
  container,
}: SubscriberArgs<{ customer_id: string; product_ids: string[] }>) {
  if (!event.data?.customer_id || !event.data.product_ids?.length) return
  await enrollCustomerForProductsWorkflow(container).run({
    input: { customer_id: event.data.customer_id, product_ids: event.data.product_ids },
  })
}

export const config: SubscriberConfig = { event: [ENTITLEMENT_GRANTED, ENTITLEMENT_CLAIMED] }
