import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cleanLocale } from "../email/locale"

/**
 * An order placed with a locale (the storefront puts the page's locale on the cart) makes it
 * the customer's language for the org's later emails (`customer.metadata.locale`, issue 26):
 * the latest order wins; other metadata keys are untouched. Idempotent: nothing is written when it is
 * already the customer's locale.
 */
export default async function orderPlacedCustomerLocale({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "locale", "customer_id"], filters: { id: event.data.id } })
  const locale = cleanLocale(order?.locale)
  if (!order?.customer_id || !locale) return
  const customers = container.resolve(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id: order.customer_id }, { select: ["id", "metadata"] })
  if (!customer) return
  if ((customer.metadata as Record<string, unknown> | null)?.locale === locale) return
  // Medusa merges metadata: only this key is written, keys other code keeps stay as they are.
  await customers.updateCustomers(customer.id, { metadata: { locale } })
}

export const config: SubscriberConfig = { event: "order.placed", context: { subscriberId: "orgs-order-placed-customer-locale" } }
