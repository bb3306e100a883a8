import { model } from "@medusajs/framework/utils"

export const RENEWAL_STATUSES = ["pending", "paid", "failed"] as const

/**
 * One billing period of a subscription. UNIQUE (subscription_id, period_index): whatever
 * retries, replays or concurrent workers do, a period has one record and is paid by at most
 * one order. A failed attempt stays `failed` with its error and count until a retry pays it.
 */
export const SubscriptionRenewal = model
  .define("subscription_renewal", {
    id: model.id({ prefix: "subren" }).primaryKey(),
    subscription_id: model.text(),
    period_index: model.number(),
    status: model.enum([...RENEWAL_STATUSES]).default("pending"),
    attempts: model.number().default(0),
    order_id: model.text().nullable(),
    last_error: model.text().nullable(),
    period_start: model.dateTime(),
    period_end: model.dateTime(),
  })
  .indexes([
    { on: ["subscription_id", "period_index"], unique: true },
    { on: ["order_id"], where: "order_id IS NOT NULL" },
  ])
