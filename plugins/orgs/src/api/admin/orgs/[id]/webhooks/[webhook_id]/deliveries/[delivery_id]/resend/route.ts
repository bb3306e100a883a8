import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { drainWebhookDeliveriesWorkflow } from "../../../../../../../../../workflows/drain-webhook-deliveries"
import { loadEndpoint } from "../../../route"
import { DELIVERY_FIELDS } from "../../route"

/**
 * POST /admin/orgs/:id/webhooks/:webhook_id/deliveries/:delivery_id/resend: a delivery that
 * has not succeeded (given up, or waiting for its next retry) is attempted again now, with a
 * fresh 3-day window. A delivery that succeeded is not sent again (409): each event reaches
 * an endpoint successfully at most once.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { webhook, webhooks } = await loadEndpoint(req)
  const [delivery] = await webhooks.listWebhookDeliveries({ id: req.params.delivery_id, endpoint_id: webhook.id }, { select: ["id", "status"] })
  if (!delivery) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Delivery "${req.params.delivery_id}" was not found`)
  if (delivery.status === "succeeded") throw new MedusaError(MedusaError.Types.CONFLICT, "This delivery already succeeded; it is not sent twice")
  if (!webhook.enabled) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The endpoint is disabled; enable it before re-sending")
  const now = new Date()
  await webhooks.updateWebhookDeliveries({ id: delivery.id, status: "pending", first_due_at: now, next_attempt_at: now, claimed_until: null })
  await drainWebhookDeliveriesWorkflow(req.scope).run({ input: { ids: [delivery.id], limit: 1 } })
  const [updated] = await webhooks.listWebhookDeliveries({ id: delivery.id }, { select: DELIVERY_FIELDS })
  res.json({ delivery: updated })
}
