import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { sendEmail } from "../email"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import { WEBHOOK_MODULE } from "../modules/webhook"
import type WebhookModuleService from "../modules/webhook/service"
import { nextAttemptAt, shouldDisableEndpoint } from "../rules/webhooks"
import { attemptDelivery } from "./send"
import { forgetWebhookSubscriptions } from "./wanted"

const LEASE_MS = 5 * 60_000
const CONCURRENCY = 8

export type DrainResult = { claimed: number; succeeded: number; failed: number; gave_up: number; disabled_endpoints: string[] }

/**
 * Sends the deliveries due at `now` (tests move it forward; default the clock): claims them
 * (FOR UPDATE SKIP LOCKED, leased for 5 minutes of real time), POSTs each signed body,
 * records the outcome on the row (status, attempts, response code, duration) and on the
 * endpoint (failing since when; disabled after 3 days of failures, its owners emailed).
 * `ids` limits the drain to given deliveries (a re-send from the admin).
 */
export async function drainDueDeliveries(
  container: MedusaContainer,
  { now = new Date(), limit = 100, ids }: { now?: Date; limit?: number; ids?: string[] } = {}
): Promise<DrainResult> {
  const webhooks = container.resolve<WebhookModuleService>(WEBHOOK_MODULE)
  const leaseNow = new Date()
  const claimed = await webhooks.claimDueDeliveries({ now, limit, ids, leaseNow, leaseUntil: new Date(leaseNow.getTime() + LEASE_MS) })
  const result: DrainResult = { claimed: claimed.length, succeeded: 0, failed: 0, gave_up: 0, disabled_endpoints: [] }
  const outcomes = new Map<string, { ok: boolean }[]>()

  let next = 0
  const worker = async () => {
    while (next < claimed.length) {
      const d = claimed[next++]
      const body = JSON.stringify({ id: d.id, type: d.event_name, org_id: d.org_id, created_at: new Date(d.first_due_at).toISOString(), data: d.payload })
      const attempt = await attemptDelivery({ url: d.url, secret: d.secret, delivery_id: d.id, event_name: d.event_name, body })
      const attempts = d.attempts + 1
      const base = {
        id: d.id,
        attempts,
        response_status: attempt.status,
        last_error: attempt.error,
        duration_ms: attempt.duration_ms,
        last_attempt_at: now,
        claimed_until: null,
      }
      if (attempt.ok) {
        result.succeeded++
        await webhooks.updateWebhookDeliveries({ ...base, status: "succeeded", delivered_at: now, next_attempt_at: null })
      } else {
        const at = nextAttemptAt(new Date(d.first_due_at), attempts, now)
        if (at) result.failed++
        else result.gave_up++
        await webhooks.updateWebhookDeliveries({ ...base, status: at ? "pending" : "failed", next_attempt_at: at })
      }
      outcomes.set(d.endpoint_id, [...(outcomes.get(d.endpoint_id) ?? []), { ok: attempt.ok }])
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker))

  if (outcomes.size) {
    const endpoints = await webhooks.listWebhookEndpoints({ id: [...outcomes.keys()] }, { select: ["id", "org_id", "url", "failing_since", "enabled"] })
    for (const e of endpoints) {
      const list = outcomes.get(e.id)!
      if (list.some((o) => o.ok)) {
        if (e.failing_since) await webhooks.updateWebhookEndpoints({ id: e.id, failing_since: null })
        continue
      }
      const since = e.failing_since ? new Date(e.failing_since) : now
      if (e.enabled && shouldDisableEndpoint(since, now)) {
        await webhooks.updateWebhookEndpoints({ id: e.id, enabled: false, failing_since: since, disabled_reason: `Deliveries failed for 3 days (since ${since.toISOString()})` })
        forgetWebhookSubscriptions()
        result.disabled_endpoints.push(e.id)
        await emailOwners(container, e, since)
      } else if (!e.failing_since) {
        await webhooks.updateWebhookEndpoints({ id: e.id, failing_since: now })
      }
    }
  }
  return result
}

/** Tells the org's active owners that an endpoint was disabled (once per endpoint and failure spell). */
async function emailOwners(container: MedusaContainer, endpoint: { id: string; org_id: string; url: string }, since: Date) {
  const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
  const owners = await orgs.listOrgEmployees({ org_id: endpoint.org_id, role: "owner", status: "active" }, { select: ["user_id"] })
  if (!owners.length) return
  const users = await container.resolve(Modules.USER).listUsers({ id: owners.map((o) => o.user_id) }, { select: ["id", "email"] })
  for (const user of users) {
    await sendEmail(container, {
      org_id: endpoint.org_id,
      to: user.email,
      template: "webhook-endpoint-disabled",
      data: (brand) => ({ url: `${brand.admin_url}/orgs/${endpoint.org_id}/webhooks`, endpoint_url: endpoint.url, since: since.toISOString() }),
      idempotency_key: `webhook-disabled:${endpoint.id}:${since.toISOString()}:${user.id}`,
      resource: { type: "webhook_endpoint", id: endpoint.id },
      receiver_id: user.id,
    })
  }
}
