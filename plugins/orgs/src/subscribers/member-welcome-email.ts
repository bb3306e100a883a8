import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { sendEmail } from "../email"
import { OrgEvents } from "../events"

/**
 * A customer who joins an org (registers on its storefront, buys there, or signs in there
 * for the first time) is welcomed once per org, with a link to My learning. Guest customers
 * (no account) are not: their order emails carry what they need.
 */
export default async function memberWelcomeEmail({ event, container }: SubscriberArgs<{ id: string; org_id: string; customer_id: string }>) {
  const { id, org_id, customer_id } = event.data
  if (!customer_id) return
  const [customer] = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: customer_id }, { select: ["id", "email", "first_name", "has_account"] })
  if (!customer?.email || !customer.has_account) return
  await sendEmail(container, {
    org_id,
    to: customer.email,
    template: "customer-welcome",
    // In the customer's language (metadata.locale) when the org enabled it.
    receiver_id: customer.id,
    data: (brand) => ({ url: `${brand.storefront_url}/learn`, first_name: customer.first_name }),
    idempotency_key: `org-welcome:${id}`,
    resource: { type: "org_member", id },
  })
}

export const config: SubscriberConfig = { event: OrgEvents.MEMBER_JOINED }
