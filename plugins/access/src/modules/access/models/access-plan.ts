import { model } from "@medusajs/framework/utils"

export const BILLING_TYPES = ["one_time", "subscription"] as const
export const BILLING_INTERVALS = ["week", "month", "year"] as const
/** What a subscription grants: the tier on the product's course, or on every course of its org. */
export const PLAN_SCOPES = ["course", "org"] as const

/**
 * What buying a product variant grants: a tier of its product (1 basic, 2 premium,
 * 3 VIP, ...) for `duration_days` (null = lifetime). One plan per variant. A `subscription`
 * plan bills the variant's Medusa price every `interval_count` x `interval`, after
 * `trial_days`; `max_payments` makes it an installment plan (lifetime access after the last
 * payment); `scope: "org"` grants the tier on every course of the product's org.
 */
export const AccessPlan = model
  .define("access_plan", {
    id: model.id({ prefix: "aplan" }).primaryKey(),
    variant_id: model.text(),
    product_id: model.text(),
    tier: model.number(),
    duration_days: model.number().nullable(),
    billing: model.enum([...BILLING_TYPES]).default("one_time"),
    interval: model.enum([...BILLING_INTERVALS]).nullable(),
    interval_count: model.number().nullable(),
    trial_days: model.number().default(0),
    max_payments: model.number().nullable(),
    scope: model.enum([...PLAN_SCOPES]).default("course"),
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
    {
      name: "access_plan_subscription_interval",
      expression: (columns) =>
        `${columns.billing} <> 'subscription' OR (${columns.interval} IS NOT NULL AND ${columns.interval_count} >= 1)`,
    },
    { name: "access_plan_trial_days_range", expression: (columns) => `${columns.trial_days} >= 0` },
    {
      name: "access_plan_max_payments_positive",
      expression: (columns) => `${columns.max_payments} IS NULL OR ${columns.max_payments} >= 1`,
    },
  ])
