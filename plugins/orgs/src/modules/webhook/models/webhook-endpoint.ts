import { model } from "@medusajs/framework/utils"

/**
 * An org's webhook endpoint: where deliveries go and which events it wants. The secret signs
 * every delivery (rules/webhooks.ts); the API shows it once, when the endpoint is created.
 * `failing_since` is when the first failure after the last success happened: an endpoint
 * failing for 3 days is disabled (`disabled_reason`) and the org's owners are emailed.
 */
export const WebhookEndpoint = model
  .define("webhook_endpoint", {
    id: model.id({ prefix: "whep" }).primaryKey(),
    org_id: model.text(),
    url: model.text(),
    description: model.text().nullable(),
    events: model.json(),
    secret: model.text(),
    enabled: model.boolean().default(true),
    disabled_reason: model.text().nullable(),
    failing_since: model.dateTime().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([{ on: ["org_id"], where: "deleted_at IS NULL" }])
