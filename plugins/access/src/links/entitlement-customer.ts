import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import AccessModule from "../modules/access"

// Read-only: an entitlement's customer, for query.graph.
export default defineLink(
  { linkable: AccessModule.linkable.entitlement.id, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
