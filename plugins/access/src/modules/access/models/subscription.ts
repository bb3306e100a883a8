import { model } from "@medusajs/framework/utils"
import { BILLING_INTERVALS, PLAN_SCOPES } from "./access-plan"

export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled", "completed"] as const

/**
 * A customer's recurring plan, started by the order of a `subscription` variant
 * (`origin_order_id` is unique: a replayed order.placed starts it once). The plan's terms
 * are copied at start so a later plan edit does not change what the customer agreed to.
 * `payments_made` counts paid periods (the checkout order counts when there is no trial);
 * `next_charge_at` is when the renewal job charges period `payments_made + 1`, null once
 * nothing more will be charged (canceled, completed). The saved payment method is the
 * provider and its reference (Stripe: payment method + customer) read from the checkout
 * payment; renewals charge it off-session.
 */
export const Subscription = model
  .define("subscription", {
    id: model.id({ prefix: "sub" }).primaryKey(),
    customer_id: model.text(),
    org_id: model.text().nullable(),
    plan_id: model.text(),
    variant_id: model.text(),
    product_id: model.text(),
    tier: model.number(),
    scope: model.enum([...PLAN_SCOPES]).default("course"),
    interval: model.enum([...BILLING_INTERVALS]),
    interval_count: model.number(),
    max_payments: model.number().nullable(),
    status: model.enum([...SUBSCRIPTION_STATUSES]),
    origin_order_id: model.text(),
    email: model.text().nullable(),
    region_id: model.text(),
    currency_code: model.text(),
    sales_channel_id: model.text().nullable(),
    payment_provider_id: model.text(),
    payment_method_ref: model.json().nullable(),
    trial_ends_at: model.dateTime().nullable(),
    /** Period k (1-based) is [anchor + (k-1) intervals, anchor + k intervals): no drift. */
    billing_anchor: model.dateTime(),
    current_period_start: model.dateTime(),
    current_period_end: model.dateTime(),
    next_charge_at: model.dateTime().nullable(),
    cancel_at_period_end: model.boolean().default(false),
    canceled_at: model.dateTime().nullable(),
    cancel_reason: model.text().nullable(),
    payments_made: model.number().default(0),
    failed_attempts: model.number().default(0),
    past_due_since: model.dateTime().nullable(),
    /** A downgrade chosen by the customer: the next renewal bills this plan's variant and switches to it. */
    pending_variant_id: model.text().nullable(),
    pending_plan_id: model.text().nullable(),
  })
  .indexes([
    { on: ["origin_order_id"], unique: true, where: "deleted_at IS NULL" },
    // The renewal job's scan: due, live subscriptions in charge order.
    { on: ["next_charge_at"], where: "deleted_at IS NULL AND next_charge_at IS NOT NULL" },
    { on: ["customer_id", "status"], where: "deleted_at IS NULL" },
    { on: ["org_id", "status"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "subscription_payments_made_range", expression: (c) => `${c.payments_made} >= 0` },
    { name: "subscription_interval_count_positive", expression: (c) => `${c.interval_count} >= 1` },
  ])
