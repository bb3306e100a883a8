import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadEndpoint } from "../route"

export const DELIVERY_FIELDS = [
  "id", "endpoint_id", "event_name", "payload", "status", "attempts", "response_status", "last_error",
  "duration_ms", "first_due_at", "next_attempt_at", "last_attempt_at", "delivered_at", "created_at",
]

/** GET /admin/orgs/:id/webhooks/:webhook_id/deliveries: the endpoint's delivery log, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { webhook, webhooks } = await loadEndpoint(req)
  const q = req.validatedQuery as { status?: "pending" | "succeeded" | "failed"; limit: number; offset: number }
  const [deliveries, count] = await webhooks.listAndCountWebhookDeliveries(
    { endpoint_id: webhook.id, ...(q.status ? { status: q.status } : {}) },
    { select: DELIVERY_FIELDS, order: { created_at: "DESC" }, take: q.limit, skip: q.offset }
  )
  res.json({ deliveries, count, limit: q.limit, offset: q.offset })
}
