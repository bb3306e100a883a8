import { model } from "@medusajs/framework/utils"
import { Org } from "./org"

/** A hostname a storefront of the org answers on. Unique across the platform. */
export const OrgDomain = model
  .define("org_domain", {
    id: model.id({ prefix: "odom" }).primaryKey(),
    hostname: model.text(),
    is_primary: model.boolean().default(false),
    verified_at: model.dateTime().nullable(),
    org: model.belongsTo(() => Org, { mappedBy: "domains" }),
  })
  .indexes([{ on: ["hostname"], unique: true, where: "deleted_at IS NULL" }])
