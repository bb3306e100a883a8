import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import OrgModule from "../modules/org"

// Read-only: lets query.graph return a member's customer record.
export default defineLink(
  { linkable: OrgModule.linkable.orgMember.id, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
