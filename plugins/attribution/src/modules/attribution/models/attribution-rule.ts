import { model } from "@medusajs/framework/utils"

export const RULE_ROLES = ["creator", "collaborator", "manager", "reviewer"] as const
export const RULE_TYPES = ["percent", "fixed", "hybrid"] as const

/**
 * A share of a product's net for one employee of the product's owner org, in effect over
 * [effective_from, effective_to). `percent_bps` is basis points of the net (percent,
 * hybrid); `fixed_amounts` is `[{ currency_code, amount }]`, an amount per unit sold in
 * major units (fixed, hybrid). The 100 % pool is checked by the workflows under a lock
 * per product (rules/percent-pool.ts); the simple bounds are checked in SQL.
 */
export const AttributionRule = model
  .define("attribution_rule", {
    id: model.id({ prefix: "arule" }).primaryKey(),
    org_id: model.text(),
    product_id: model.text(),
    employee_id: model.text(),
    user_id: model.text(),
    role: model.enum([...RULE_ROLES]),
    type: model.enum([...RULE_TYPES]),
    percent_bps: model.number().default(0),
    fixed_amounts: model.json().nullable(),
    effective_from: model.dateTime(),
    effective_to: model.dateTime().nullable(),
    ended_reason: model.text().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([
    { on: ["product_id", "effective_from"], where: "deleted_at IS NULL" },
    { on: ["employee_id"], where: "deleted_at IS NULL" },
    { on: ["org_id"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "attribution_rule_percent_range", expression: (c) => `${c.percent_bps} >= 0 AND ${c.percent_bps} <= 10000` },
    {
      name: "attribution_rule_dates_ordered",
      expression: (c) => `${c.effective_to} IS NULL OR ${c.effective_to} > ${c.effective_from}`,
    },
  ])
