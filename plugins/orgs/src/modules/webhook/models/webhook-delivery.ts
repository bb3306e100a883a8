import { model } from "@medusajs/framework/utils"

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const

/**
 * One event for one endpoint. Unique per (endpoint, event_key): a replayed event enqueues
 * nothing, so each event reaches an endpoint successfully at most once. The drain claims due
 * rows with FOR UPDATE SKIP LOCKED and a lease (`claimed_until`), so workers never send the
 * same row at once. `first_due_at` starts the 3-day retry window; the last attempt's outcome
 * is kept (response code, error, duration) with the attempt count.
 */
export const WebhookDelivery = model
  .define("webhook_delivery", {
    id: model.id({ prefix: "whdl" }).primaryKey(),
    org_id: model.text(),
    endpoint_id: model.text(),
    event_name: model.text(),
    event_key: model.text(),
    payload: model.json(),
    status: model.enum([...DELIVERY_STATUSES]).default("pending"),
    attempts: model.number().default(0),
    first_due_at: model.dateTime(),
    next_attempt_at: model.dateTime().nullable(),
    claimed_until: model.dateTime().nullable(),
    response_status: model.number().nullable(),
    last_error: model.text().nullable(),
    duration_ms: model.number().nullable(),
    last_attempt_at: model.dateTime().nullable(),
    delivered_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["endpoint_id", "event_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["next_attempt_at"], where: "deleted_at IS NULL AND status = 'pending'" },
    { on: ["org_id", "endpoint_id"], where: "deleted_at IS NULL" },
  ])
