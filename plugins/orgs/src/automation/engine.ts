import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { loadEmailBrand, sendEmail, type EmailBrand } from "../email"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import type { ClaimedRun } from "../modules/automation/service"
import {
  applyMergeFields,
  bodyParagraphs,
  deriveUnsubscribeKey,
  isPermanentRejection,
  planRun,
  signUnsubscribeToken,
  type AutomationStep,
  type MergeValues,
} from "../rules/automation"

/** How long a claimed run stays away from other workers (wall clock). */
export const LEASE_MS = 5 * 60_000

let cachedKey: { secret: string; key: Buffer } | null = null

/** The unsubscribe token key, derived from the app's JWT secret with its own label. */
export function unsubscribeKey(container: MedusaContainer): Buffer {
  const secret = String(container.resolve<any>(ContainerRegistrationKeys.CONFIG_MODULE)?.projectConfig?.http?.jwtSecret ?? "")
  if (!secret) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "projectConfig.http.jwtSecret is not set")
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: deriveUnsubscribeKey(secret) }
  return cachedKey.key
}

export function unsubscribeUrl(container: MedusaContainer, brand: EmailBrand, orgId: string, email: string) {
  return `${brand.backend_url}/email/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(unsubscribeKey(container), orgId, email))}`
}

export type EnrollInput = {
  org_id: string
  trigger_type: "member_joined" | "product_bought" | "course_enrolled" | "course_completed"
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
        .listCustomers({ id: [...new Set(runs.map((r) => r.customer_id))] }, { select: ["id", "first_name", "last_name"] })
    ).map((c) => [c.id, c])
  )
  const brands = new Map<string, EmailBrand>()
  const suppressed = new Map<string, Set<string>>()
  for (const orgId of new Set(runs.map((r) => r.org_id))) {
    brands.set(orgId, await loadEmailBrand(container, orgId))
    suppressed.set(orgId, await automations.suppressedAmong(orgId, runs.filter((r) => r.org_id === orgId).map((r) => r.email)))
  }

  const one = async (run: ClaimedRun) => {
    const sequence = sequences.get(run.sequence_id)
    if (!sequence || sequence.status !== "active") {
      // Paused or deleted: the run waits (its lease expires; resumed sequences go on).
      result.skipped++
      return
    }
    if (suppressed.get(run.org_id)!.has(run.email.toLowerCase())) {
      await automations.updateAutomationRuns({ id: run.id, status: "unsubscribed", ended_at: new Date(), claimed_until: null })
      result.unsubscribed++
      return
    }
    const brand = brands.get(run.org_id)!
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
    let sent = run.sent_count
    for (const action of planRun(sequence.steps as unknown as AutomationStep[], run.next_step, now)) {
      if (action.kind === "send") {
        const ok = await sendEmail(container, {
          org_id: run.org_id,
          to: run.email,
          template: "automation-email",
          brand,
          data: {
            subject: applyMergeFields(action.email.subject, values),
            paragraphs: bodyParagraphs(applyMergeFields(action.email.body, values)),
            unsubscribe_url: unsubscribe,
          },
          idempotency_key: `automation:${run.id}:${action.step}`,
          resource: { type: "automation_run", id: run.id },
          receiver_id: run.customer_id,
          record: { sequence_id: run.sequence_id, step: action.step, marketing: true },
          headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        })
        if (ok) {
          sent++
          result.sent++
        }
        await automations.updateAutomationRuns({ id: run.id, next_step: action.step + 1, sent_count: sent })
      } else if (action.kind === "wait") {
        await automations.updateAutomationRuns({ id: run.id, next_step: action.next_step, due_at: action.due_at, claimed_until: null })
      } else {
        await automations.updateAutomationRuns({ id: run.id, status: "completed", ended_at: new Date(), claimed_until: null })
        result.completed++
      }
    }
  }

  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, runs.length) }, async () => {
      while (next < runs.length) {
        const run = runs[next++]
        try {
          await one(run)
        } catch (error) {
          const message = String((error as Error)?.message ?? error)
          if (isPermanentRejection(message)) {
            // The mail server refused the address for good (5xx on RCPT): a bounce. The org's
            // marketing stops for it (and this run with it); transactional email still tries.
            await automations.suppress({ org_id: run.org_id, email: run.email, reason: "bounced", source: "smtp" }).catch(() => {})
            result.unsubscribed++
            logger.warn(`Automation email to ${run.email} bounced (${message.split("\n").pop()}); the address is suppressed for org ${run.org_id}`)
          } else {
            // The lease expires and a later drain retries; sent steps are not sent again (idempotency key).
            logger.error(`Automation run ${run.id} failed at step ${run.next_step}: ${message}`)
          }
        }
      }
    })
  )
  return result
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
