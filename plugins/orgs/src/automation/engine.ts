import type { ConfigModule, FilterableNotificationProps, MedusaContainer, NotificationDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { buildEmail, cleanLocale, inLocale, loadEmailBrand, renderEmail, type EmailBrand } from "../email"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import type { ClaimedRun } from "../modules/automation/service"
import {
  applyMergeFields,
  bodyParagraphs,
  deriveUnsubscribeKey,
  emailInLocale,
  fillTokens,
  isPermanentRejection,
  MERGE_TOKEN_VALUES,
  planRun,
  signUnsubscribeToken,
  UNSUBSCRIBE_TOKEN,
  type AutomationStep,
  type EmailText,
  type MergeValues,
} from "../rules/automation"

/** A notification sent here (each with its key) as the module returns it: NotificationDTO leaves out the idempotency_key column. */
type SentNotification = NotificationDTO & { idempotency_key: string }

/** How long a claimed run stays away from other workers (wall clock). */
export const LEASE_MS = 5 * 60_000

let cachedKey: { secret: string; key: Buffer } | null = null

/** The unsubscribe token key, derived from the app's JWT secret with its own label. */
export function unsubscribeKey(container: MedusaContainer): Buffer {
  const secret = String(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)?.projectConfig?.http?.jwtSecret ?? "")
  if (!secret) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "projectConfig.http.jwtSecret is not set")
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: deriveUnsubscribeKey(secret) }
  return cachedKey.key
}

export function unsubscribeUrl(container: MedusaContainer, brand: EmailBrand, orgId: string, email: string) {
  return `${brand.backend_url}/email/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(unsubscribeKey(container), orgId, email))}`
}

export type EnrollInput = {
  org_id: string
  trigger_type: "member_joined" | "product_bought" | "course_enrolled" | "course_completed" | "lead_magnet_opt_in"
  /** The products or courses the event is about (matched against each sequence's trigger_ref). */
  refs?: string[]
  customer_id: string
  /** Merge-field context (course title and handle, product title). */
  context?: Record<string, unknown>
  now?: Date
}

/**
 * Starts the org's active sequences with this trigger for the customer: one run per
 * (sequence, customer), ever (unique index; a replayed event creates nothing).
 */
export async function enrollInSequences(container: MedusaContainer, input: EnrollInput): Promise<string[]> {
  const automations = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const sequences = await automations.listAutomationSequences(
    { org_id: input.org_id, trigger_type: input.trigger_type, status: "active" },
    { select: ["id", "trigger_ref"] }
  )
  const matching = sequences.filter((s) => !s.trigger_ref || (input.refs ?? []).includes(s.trigger_ref))
  if (!matching.length) return []
  const [customer] = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: input.customer_id }, { select: ["id", "email"] })
  if (!customer?.email) return []
  const now = input.now ?? new Date()
  return automations.createRunsIfMissing(
    matching.map((s) => ({
      org_id: input.org_id,
      sequence_id: s.id,
      customer_id: customer.id,
      email: customer.email.toLowerCase(),
      due_at: now,
      context: input.context ?? null,
    }))
  )
}

export type DrainResult = { claimed: number; sent: number; skipped: number; completed: number; unsubscribed: number }

/**
 * Claims the runs due at `now` (up to `limit`) and performs their steps: each email once
 * (claim lease + the notification's idempotency key `automation:<run>:<step>`), a wait
 * sets when the run is due again. `concurrency` runs are sent side by side.
 */
export async function drainDueRuns(
  container: MedusaContainer,
  { now = new Date(), limit = 500, concurrency = 8 }: { now?: Date; limit?: number; concurrency?: number } = {}
): Promise<DrainResult> {
  const automations = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const wall = new Date()
  const runs = await automations.claimDueRuns({ now, limit, leaseNow: wall, leaseUntil: new Date(wall.getTime() + LEASE_MS) })
  const result: DrainResult = { claimed: runs.length, sent: 0, skipped: 0, completed: 0, unsubscribed: 0 }
  if (!runs.length) return result

  const sequences = new Map(
    (
      await automations.listAutomationSequences(
        { id: [...new Set(runs.map((r) => r.sequence_id))] },
        { select: ["id", "status", "steps", "exit_on_purchase"] }
      )
    ).map((s) => [s.id, s])
  )
  const customers = new Map(
    (
      await container
        .resolve(Modules.CUSTOMER)
        .listCustomers({ id: [...new Set(runs.map((r) => r.customer_id))] }, { select: ["id", "first_name", "last_name", "metadata"] })
    ).map((c) => [c.id, c])
  )
  const brands = new Map<string, EmailBrand>()
  const suppressed = new Map<string, Set<string>>()
  // Each recipient's email in their language (customer.metadata.locale) when the org enabled it.
  const brandFor = (orgId: string, customerId: string) => {
    const metadata = customers.get(customerId)?.metadata as Record<string, unknown> | null | undefined
    return inLocale(brands.get(orgId)!, cleanLocale(metadata?.locale))
  }
  for (const orgId of new Set(runs.map((r) => r.org_id))) {
    brands.set(orgId, await loadEmailBrand(container, orgId))
    suppressed.set(orgId, await automations.suppressedAmong(orgId, runs.filter((r) => r.org_id === orgId).map((r) => r.email)))
  }

  // 1. What each run does now: its emails (rendered below) and the state it ends in.
  type Outgoing = { run: ClaimedRun; step: number; key: string; email: EmailText; values: MergeValues; unsubscribe: string; brand: EmailBrand }
  type Final = { id: string; next_step?: number; due_at?: Date; status?: "completed" | "unsubscribed"; ended_at?: Date; claimed_until: null; sent_count?: number }
  const outgoing: Outgoing[] = []
  const finals = new Map<string, Final>()
  for (const run of runs) {
    const sequence = sequences.get(run.sequence_id)
    if (!sequence || sequence.status !== "active") {
      // Paused or deleted: the run waits (its lease expires; a resumed sequence goes on).
      result.skipped++
      continue
    }
    if (suppressed.get(run.org_id)!.has(run.email.toLowerCase())) {
      finals.set(run.id, { id: run.id, status: "unsubscribed", ended_at: new Date(), claimed_until: null })
      result.unsubscribed++
      continue
    }
    const brand = brandFor(run.org_id, run.customer_id)
    const customer = customers.get(run.customer_id)
    const ctx = (run.context ?? {}) as Record<string, string | undefined>
    const values: MergeValues = {
      first_name: customer?.first_name,
      last_name: customer?.last_name,
      email: run.email,
      org_name: brand.org_name,
      storefront_link: brand.storefront_url,
      course_title: ctx.course_title,
      course_link: ctx.course_handle ? `${brand.storefront_url}/courses/${encodeURIComponent(ctx.course_handle)}` : `${brand.storefront_url}/learn`,
      product_title: ctx.product_title,
    }
    const unsubscribe = unsubscribeUrl(container, brand, run.org_id, run.email)
    const final: Final = { id: run.id, claimed_until: null }
    for (const action of planRun(sequence.steps as unknown as AutomationStep[], run.next_step, now)) {
      if (action.kind === "send") {
        const key = `automation:${run.id}:${action.step}`
        outgoing.push({ run, step: action.step, key, email: emailInLocale(action.email, brand.locale), values, unsubscribe, brand })
        final.next_step = action.step + 1
      } else if (action.kind === "wait") {
        final.next_step = action.next_step
        final.due_at = action.due_at
      } else {
        final.status = "completed"
        final.ended_at = new Date()
      }
    }
    finals.set(run.id, final)
  }

  // 2. Send in chunks through one notification-module call each (one transaction for the
  // idempotency check and the inserts, the provider sends side by side). What a chunk could
  // not send keeps its run leased: a refused address becomes a bounce, a passing failure or
  // a key another worker inserted first is retried when the lease expires.
  const sentBy = new Map<string, number>()
  const failedRuns = new Set<string>()
  const notifications = container.resolve(Modules.NOTIFICATION)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as { raw: (sql: string, params: unknown[]) => Promise<unknown> }
  const chunkSize = Math.max(1, concurrency * 4)
  const templates = new Map<string, Promise<{ html: string; text: string }>>()
  for (let i = 0; i < outgoing.length; i += chunkSize) {
    const chunk = outgoing.slice(i, i + chunkSize)
    const rendered = await Promise.all(chunk.map((o) => renderForSend(templates, o)))
    let done = new Set<string>()
    try {
      const created = await notifications.createNotifications(rendered)
      done = new Set((created as SentNotification[]).filter((n) => n.status === "success").map((n) => n.idempotency_key))
    } catch (error) {
      // The module sent the rest of the chunk and marked what failed; its error names each
      // failed notification id with the provider's message.
      const message = String((error as Error)?.message ?? error)
      if (/duplicate key|unique constraint/i.test(message)) {
        // Another worker inserted one of these keys first (a run whose lease expired while it
        // was sent): nothing of this chunk was written or sent here. Left to the leases.
        chunk.forEach((o) => failedRuns.add(o.run.id))
        logger.warn(`An automation batch met keys another worker had taken; its ${chunk.length} emails are retried later`)
        continue
      }
      const reasons = failureReasons(message)
      // The module filters by idempotency_key itself, but its public filter type omits the column.
      const after = await notifications.listNotifications({ idempotency_key: chunk.map((o) => o.key) } as FilterableNotificationProps, { select: ["id", "idempotency_key", "status"] })
      const byKey = new Map((after as SentNotification[]).map((n) => [n.idempotency_key, n]))
      for (const o of chunk) {
        const row = byKey.get(o.key) as { id: string; status: string } | undefined
        if (row?.status === "success") {
          done.add(o.key)
          continue
        }
        failedRuns.add(o.run.id)
        if (!row) {
          // Nothing of ours was written (e.g. another worker's insert of the same key won the
          // unique index): left to the lease; the next drain finds the key sent, or sends it.
          logger.warn(`Automation email ${o.key} was not sent in this batch (${reasons.get("") ?? "no notification row"}); retried later`)
          continue
        }
        const reason = reasons.get(row.id) ?? ""
        if (isPermanentRejection(reason)) {
          // The mail server refused the address for good (5xx on RCPT): a bounce. The org's
          // marketing stops for it; transactional email still tries.
          await automations.suppress({ org_id: o.run.org_id, email: o.run.email, reason: "bounced", source: "smtp" })
          result.unsubscribed++
          logger.warn(`Automation email to ${o.run.email} bounced (${reason.trim().split("\n").pop()}); suppressed for org ${o.run.org_id}`)
        } else {
          logger.error(`Automation run ${o.run.id} failed at step ${o.step}: ${reason || String((error as Error)?.message)}`)
        }
        // Medusa 2.21 re-sends a failed key under a new notification id and then fails to
        // update that id ("not found"), so a failed key could never be retried: the failed
        // row (nothing was delivered) is removed, and the lease's expiry retries the step
        // under the same key.
        await pg.raw(`DELETE FROM notification WHERE id = ? AND status = 'failure'`, [row.id])
      }
    }
    for (const o of chunk) {
      if (done.has(o.key)) {
        sentBy.set(o.run.id, (sentBy.get(o.run.id) ?? 0) + 1)
        result.sent++
      }
    }
  }

  // 3. Each run's new state, in one call (a run whose email failed keeps its lease and is retried).
  const updates = [...finals.values()]
    .filter((f) => !failedRuns.has(f.id))
    .map((f) => ({ ...f, sent_count: (runs.find((r) => r.id === f.id)!.sent_count ?? 0) + (sentBy.get(f.id) ?? 0) }))
  if (updates.length) await automations.updateAutomationRuns(updates)
  result.completed += updates.filter((u) => u.status === "completed").length
  return result
}

/** Notification id -> the provider's message, from the notification module's aggregated error. */
function failureReasons(message: string): Map<string, string> {
  const reasons = new Map<string, string>()
  const parts = message.split(/Failed to send notification with id /)
  if (parts[0].trim()) reasons.set("", parts[0].trim())
  for (const part of parts.slice(1)) {
    const m = /^(\S+?):?\n([\s\S]*)$/.exec(part)
    if (m) reasons.set(m[1], m[2])
  }
  return reasons
}

/**
 * The notification-module input for one email. The step's email is rendered once per
 * batch and locale (react-email, in the org's brand) with a token per merge field, then each
 * recipient's values are filled in (escaped in the HTML): rendering per recipient was most
 * of the drain's CPU.
 */
async function renderForSend(
  templates: Map<string, Promise<{ html: string; text: string }>>,
  o: { run: ClaimedRun; step: number; key: string; email: EmailText; values: MergeValues; unsubscribe: string; brand: EmailBrand }
) {
  const id = `${o.run.sequence_id}:${o.step}:${o.run.org_id}:${o.brand.locale}`
  if (!templates.has(id)) {
    const subject = applyMergeFields(o.email.subject, MERGE_TOKEN_VALUES)
    templates.set(
      id,
      renderEmail(
        o.brand,
        buildEmail("automation-email", o.brand, {
          subject,
          preview: subject,
          paragraphs: bodyParagraphs(applyMergeFields(o.email.body, MERGE_TOKEN_VALUES)),
          unsubscribe_url: UNSUBSCRIBE_TOKEN,
        })
      )
    )
  }
  const template = await templates.get(id)!
  return {
    to: o.run.email,
    channel: "email",
    template: "automation-email",
    data: { org_id: o.run.org_id, sequence_id: o.run.sequence_id, step: o.step, locale: o.brand.locale, marketing: true },
    receiver_id: o.run.customer_id,
    content: {
      subject: applyMergeFields(o.email.subject, o.values),
      html: fillTokens(template.html, o.values, o.unsubscribe, true),
      text: fillTokens(template.text, o.values, o.unsubscribe, false),
    },
    provider_data: {
      from_name: o.brand.from_name,
      reply_to: o.brand.reply_to,
      headers: { "List-Unsubscribe": `<${o.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    },
    idempotency_key: o.key,
    resource_type: "automation_run",
    resource_id: o.run.id,
  }
}

/** A purchase ends the customer's runs in the org's sequences that exit on purchase (of that product, or any). */
export async function exitOnPurchase(container: MedusaContainer, input: { org_id: string; customer_id: string; product_ids: string[] }) {
  const automations = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const runs = await automations.listAutomationRuns(
    { org_id: input.org_id, customer_id: input.customer_id, status: "active" },
    { select: ["id", "sequence_id"] }
  )
  if (!runs.length) return 0
  const sequences = await automations.listAutomationSequences(
    { id: [...new Set(runs.map((r) => r.sequence_id))], exit_on_purchase: true },
    { select: ["id", "exit_product_id"] }
  )
  const exiting = new Set(sequences.filter((s) => !s.exit_product_id || input.product_ids.includes(s.exit_product_id)).map((s) => s.id))
  const ids = runs.filter((r) => exiting.has(r.sequence_id)).map((r) => r.id)
  if (ids.length) {
    await automations.updateAutomationRuns(ids.map((id) => ({ id, status: "exited" as const, ended_at: new Date() })))
  }
  return ids.length
}
