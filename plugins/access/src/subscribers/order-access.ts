import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { grantEntitlementsForOrderWorkflow } from "../workflows/grant-entitlements-for-order"
import { revokeEntitlementsForOrderWorkflow } from "../workflows/revoke-entitlements-for-order"

/**
 * order.placed -> grant access for paid lines (idempotent);
 * order.canceled -> revoke everything the order granted.
 */
export default async function orderAccessSubscriber({ event, container }: SubscriberArgs<{ id: string }>) {
  if (event.name === "order.canceled") {
    await revokeEntitlementsForOrderWorkflow(container).run({
      input: { order_id: event.data.id, reason: "order canceled" },
    })
    return
  }
  await grantEntitlementsForOrderWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = { event: ["order.placed", "order.canceled"] }
