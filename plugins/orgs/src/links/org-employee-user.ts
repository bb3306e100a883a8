import { defineLink } from "@medusajs/framework/utils"
import UserModule from "@medusajs/medusa/user"
import OrgModule from "../modules/org"

// Read-only: lets query.graph return an employee's user (email, names).
export default defineLink(
  { linkable: OrgModule.linkable.orgEmployee.id, field: "user_id" },
  UserModule.linkable.user,
  { readOnly: true }
)
