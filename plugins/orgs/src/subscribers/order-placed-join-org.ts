import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import { joinOrgWorkflow } from "../workflows/join-org"

/** A customer who buys on an org's storefront becomes its member (once). */
export default async function joinOrgOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "customer_id", "sales_channel_id"], filters: { id: event.data.id } })
  if (!order?.customer_id || !order.sales_channel_id) {
    return
  }
  const org = await container.resolve<OrgModuleService>(ORG_MODULE).retrieveOrgBySalesChannel(order.sales_channel_id)
  if (!org) {
    return
  }
  await joinOrgWorkflow(container).run({
    input: { org_id: org.id, customer_id: order.customer_id, type: "customer" },
  })
}

export const config: SubscriberConfig = { event: "order.placed" }
