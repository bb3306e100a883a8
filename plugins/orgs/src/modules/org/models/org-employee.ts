import { model } from "@medusajs/framework/utils"
import { Org } from "./org"

import { EMPLOYEE_ROLES } from "../../../rules/roles"

export { EMPLOYEE_ROLES }
export const EMPLOYEE_STATUSES = ["active", "inactive"] as const

/** A Medusa admin user working for an org, with a role. */
export const OrgEmployee = model
  .define("org_employee", {
    id: model.id({ prefix: "oemp" }).primaryKey(),
    user_id: model.text(),
    role: model.enum([...EMPLOYEE_ROLES]),
    status: model.enum([...EMPLOYEE_STATUSES]).default("active"),
    display_name: model.text().nullable(),
    title: model.text().nullable(),
    bio: model.text().nullable(),
    org: model.belongsTo(() => Org, { mappedBy: "employees" }),
  })
  .indexes([
    { on: ["org_id", "user_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["user_id"], where: "deleted_at IS NULL" },
  ])
