import { model } from "@medusajs/framework/utils"
import type { FixedAmount } from "../../../rules/commission-rate"

/**
 * A customer (global identity) in one org's program. `code` is unique per org
 * (case-insensitive: stored upper-case). Rate override: `commission_type` null = the
 * program's rule.
 */
export const Affiliate = model
  .define("affiliate", {
    id: model.id({ prefix: "aff" }).primaryKey(),
    org_id: model.text(),
    customer_id: model.text(),
    email: model.text().nullable(),
    code: model.text(),
    status: model.enum(["pending", "approved", "rejected", "suspended"]).default("pending"),
    commission_type: model.enum(["percent", "fixed"]).nullable(),
    commission_bps: model.number().nullable(),
    fixed_amounts: model.json<FixedAmount[]>().nullable(),
    status_changed_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["org_id", "code"], unique: true, where: "deleted_at IS NULL" },
    { on: ["org_id", "customer_id"], unique: true, where: "deleted_at IS NULL" },
  ])
