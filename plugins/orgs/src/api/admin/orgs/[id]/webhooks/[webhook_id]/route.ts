import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { asJsonColumn } from "../../../../../../types/json-column"
import type { AdminUpdateWebhook } from "../../../../../webhook-validators"
import { MedusaError } from "@medusajs/framework/utils"
import { WEBHOOK_MODULE } from "../../../../../../modules/webhook"
import type WebhookModuleService from "../../../../../../modules/webhook/service"
import { orgAccess } from "../../../../../utils/org-access"
import { checkWebhookUrl, ENDPOINT_FIELDS } from "../route"
import { forgetWebhookSubscriptions } from "../../../../../../webhooks/wanted"

/** The org's endpoint named in the path; another org's answers exactly like a missing one. */
export async function loadEndpoint(req: AuthenticatedMedusaRequest) {
  const { org_id } = orgAccess(req)
  const webhooks = req.scope.resolve<WebhookModuleService>(WEBHOOK_MODULE)
  const [webhook] = await webhooks.listWebhookEndpoints({ id: req.params.webhook_id, org_id }, { select: ENDPOINT_FIELDS })
  if (!webhook) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook "${req.params.webhook_id}" was not found`)
  return { webhook, webhooks, org_id }
}

/** GET /admin/orgs/:id/webhooks/:webhook_id */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { webhook } = await loadEndpoint(req)
  res.json({ webhook })
}

/** POST /admin/orgs/:id/webhooks/:webhook_id: URL, events, description, enable/disable. Enabling clears the failure record. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateWebhook>, res: MedusaResponse) {
  const { webhook, webhooks } = await loadEndpoint(req)
  const body = req.validatedBody
  if (body.url !== undefined) await checkWebhookUrl(body.url)
  const enabling = body.enabled === true && !webhook.enabled
  const { events, ...changes } = body
  await webhooks.updateWebhookEndpoints({
    id: webhook.id,
    ...changes,
    ...(events ? { events: asJsonColumn(events) } : {}),
    ...(enabling ? { disabled_reason: null, failing_since: null } : {}),
    ...(body.enabled === false ? { disabled_reason: "Disabled by staff" } : {}),
  })
  forgetWebhookSubscriptions()
  const [updated] = await webhooks.listWebhookEndpoints({ id: webhook.id }, { select: ENDPOINT_FIELDS })
  res.json({ webhook: updated })
}

/** DELETE /admin/orgs/:id/webhooks/:webhook_id: nothing more is sent to it. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { webhook, webhooks } = await loadEndpoint(req)
  await webhooks.softDeleteWebhookEndpoints(webhook.id)
  forgetWebhookSubscriptions()
  res.json({ id: webhook.id, object: "webhook", deleted: true })
}
