import { randomBytes } from "node:crypto"
import { asJsonColumn } from "../../../../../types/json-column"
import type { AdminCreateWebhook } from "../../../../webhook-validators"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { WEBHOOK_MODULE } from "../../../../../modules/webhook"
import type WebhookModuleService from "../../../../../modules/webhook/service"
import { resolveWebhookTarget } from "../../../../../webhooks/target"
import { orgAccess } from "../../../../utils/org-access"
import { forgetWebhookSubscriptions } from "../../../../../webhooks/wanted"

/** What the API shows of an endpoint: never its secret (shown once, on creation). */
export const ENDPOINT_FIELDS = ["id", "org_id", "url", "description", "events", "enabled", "disabled_reason", "failing_since", "created_at", "updated_at"]

/** 400 naming the problem when the URL may not receive deliveries (scheme, private address, DNS). */
export async function checkWebhookUrl(url: string) {
  const target = await resolveWebhookTarget(url)
  if (!target.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, target.problem)
}

/** GET /admin/orgs/:id/webhooks: the org's endpoints (owners and admins). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org_id } = orgAccess(req)
  const webhooks = req.scope.resolve<WebhookModuleService>(WEBHOOK_MODULE)
  const endpoints = await webhooks.listWebhookEndpoints({ org_id }, { select: ENDPOINT_FIELDS, order: { created_at: "DESC" } })
  res.json({ webhooks: endpoints })
}

/** POST /admin/orgs/:id/webhooks: a new endpoint; the answer carries its secret, this once. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateWebhook>, res: MedusaResponse) {
  const { org_id, user_id } = orgAccess(req)
  const body = req.validatedBody
  await checkWebhookUrl(body.url)
  const webhooks = req.scope.resolve<WebhookModuleService>(WEBHOOK_MODULE)
  const secret = `whsec_${randomBytes(32).toString("base64url")}`
  const created = await webhooks.createWebhookEndpoints({ ...body, events: asJsonColumn(body.events), description: body.description ?? null, org_id, secret, created_by: user_id })
  forgetWebhookSubscriptions()
  const [webhook] = await webhooks.listWebhookEndpoints({ id: created.id }, { select: ENDPOINT_FIELDS })
  res.status(201).json({ webhook, secret })
}
