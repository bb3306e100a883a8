import { model } from "@medusajs/framework/utils"
import { Org } from "./org"

export const MEMBER_TYPES = ["learner", "customer", "community"] as const

/** A (global) Medusa customer's membership of an org: at most one row per pair. */
export const OrgMember = model
  .define("org_member", {
    id: model.id({ prefix: "omem" }).primaryKey(),
    customer_id: model.text(),
    type: model.enum([...MEMBER_TYPES]).default("learner"),
    joined_at: model.dateTime(),
    org: model.belongsTo(() => Org, { mappedBy: "members" }),
  })
  .indexes([
    { on: ["org_id", "customer_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"], where: "deleted_at IS NULL" },
  ])
