import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { subscriptionNow } from "../utils/clock"
import { grantMembershipsForProductsWorkflow } from "../workflows/grant-memberships-for-products"

/** product.created -> org-wide memberships of its org get the new course. */
export default async function productMembershipsSubscriber({ event, container }: SubscriberArgs<{ id: string }>) {
  await grantMembershipsForProductsWorkflow(container).run({
    input: { product_ids: [event.data.id], now: subscriptionNow(container) },
  })
}

export const config: SubscriberConfig = { event: "product.created", context: { subscriberId: "access-product-memberships" } }
