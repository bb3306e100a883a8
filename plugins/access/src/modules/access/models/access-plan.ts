import { model } from "@medusajs/framework/utils"

export const BILLING_TYPES = ["one_time", "subscription"] as const

/**
 * What buying a product variant grants: a tier of its product (1 basic, 2 premium,
 * 3 VIP, ...) for `duration_days` (null = lifetime). One plan per variant. `subscription`
 * is reserved for recurring billing (a later issue); only `one_time` is granted today.
 */
export const AccessPlan = model
  .define("access_plan", {
    id: model.id({ prefix: "aplan" }).primaryKey(),
    variant_id: model.text(),
    product_id: model.text(),
    tier: model.number(),
    duration_days: model.number().nullable(),
    billing: model.enum([...BILLING_TYPES]).default("one_time"),
  })
  .indexes([
    { on: ["variant_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["product_id"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "access_plan_tier_positive", expression: (columns) => `${columns.tier} >= 1` },
    {
      name: "access_plan_duration_positive",
      expression: (columns) => `${columns.duration_days} IS NULL OR ${columns.duration_days} >= 1`,
    },
  ])
