import { model } from "@medusajs/framework/utils"

export const ENTITLEMENT_SOURCES = ["order_line_item", "subscription", "manual", "gift"] as const
export const ENTITLEMENT_STATUSES = ["active", "revoked", "expired"] as const

/**
 * A customer's right to a tier of a product, from one source. (source_type, source_id)
 * is unique: a replayed order event cannot grant twice. A customer's tier for a product
 * is the max tier over active, started, unexpired rows (rules/resolve-effective-tier.ts).
 */
export const Entitlement = model
  .define("entitlement", {
    id: model.id({ prefix: "ent" }).primaryKey(),
    customer_id: model.text(),
    product_id: model.text(),
    variant_id: model.text().nullable(),
    tier: model.number(),
    source_type: model.enum([...ENTITLEMENT_SOURCES]),
    source_id: model.text(),
    order_id: model.text().nullable(),
    starts_at: model.dateTime(),
    expires_at: model.dateTime().nullable(),
    status: model.enum([...ENTITLEMENT_STATUSES]).default("active"),
    reason: model.text().nullable(),
    granted_by: model.text().nullable(),
    revoked_at: model.dateTime().nullable(),
    revoked_by: model.text().nullable(),
    revoke_reason: model.text().nullable(),
  })
  .indexes([
    { on: ["source_type", "source_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id", "product_id", "status"], where: "deleted_at IS NULL" },
    { on: ["order_id"], where: "deleted_at IS NULL" },
    { on: ["status", "expires_at"], where: "deleted_at IS NULL" },
  ])
  .checks([{ name: "entitlement_tier_positive", expression: (columns) => `${columns.tier} >= 1` }])
