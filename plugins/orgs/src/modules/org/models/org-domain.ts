import { model } from "@medusajs/framework/utils"
import { Org } from "./org"

/**
 * A hostname a storefront of the org answers on. Anyone in an org may claim a hostname;
 * only a claim proven by a DNS TXT record (or set by a platform operator) is verified,
 * and a hostname is unique among verified claims only, so an unverified claim never
 * blocks the real owner.
 */
export const OrgDomain = model
  .define("org_domain", {
    id: model.id({ prefix: "odom" }).primaryKey(),
    hostname: model.text(),
    is_primary: model.boolean().default(false),
    verified_at: model.dateTime().nullable(),
    /** Random; the TXT record `_volmify-challenge.<hostname>` must carry it. */
    verification_token: model.text().nullable(),
    org: model.belongsTo(() => Org, { mappedBy: "domains" }),
  })
  .indexes([
    {
      name: "IDX_org_domain_hostname_unique",
      on: ["hostname"],
      unique: true,
      where: "deleted_at IS NULL AND verified_at IS NOT NULL",
    },
    { name: "IDX_org_domain_org_id_hostname_unique", on: ["org_id", "hostname"], unique: true, where: "deleted_at IS NULL" },
  ])
