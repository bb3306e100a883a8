import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AccessEvents } from "../events"

/**
 * Dunning notices. A canceled subscription's revoked access is emailed by the
 * `entitlement.revoked` email of @volmify/courses; a failed payment has no template in
 * @volmify/orgs/email yet, so it is logged as a notification to send (customer, attempt,
 * next retry) until the email issue adds one.
 */
export default async function subscriptionNotices({ event, container }: SubscriberArgs<Record<string, any>>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const [sub] = await container.resolve<any>("access").listSubscriptions({ id: event.data.id }, { select: ["id", "email", "org_id"] })
  if (!sub) return
  logger.info(
    `subscription notice ${event.name}: to ${sub.email ?? "(no email)"} (org ${sub.org_id}) ${JSON.stringify(event.data)}`
  )
}

export const config: SubscriberConfig = {
  event: [AccessEvents.SUBSCRIPTION_PAYMENT_FAILED, AccessEvents.SUBSCRIPTION_CANCELED],
  context: { subscriberId: "access-subscription-notices" },
}
