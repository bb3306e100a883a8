import type { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { AutomationRun } from "./models/automation-run"
import { AutomationSequence } from "./models/automation-sequence"
import { EmailSuppression } from "./models/email-suppression"
import { MarketingOptIn } from "./models/marketing-opt-in"

export type ClaimedRun = {
  id: string
  org_id: string
  sequence_id: string
  customer_id: string
  email: string
  next_step: number
  due_at: Date
  context: Record<string, unknown> | null
  sent_count: number
  created_at: Date
}

export default class AutomationModuleService extends MedusaService({
  AutomationSequence,
  AutomationRun,
  EmailSuppression,
  MarketingOptIn,
}) {
  /**
   * Takes up to `limit` active runs due at `now` whose lease is free, and leases them until
   * `leaseUntil`, in one statement: `FOR UPDATE SKIP LOCKED` makes concurrent workers take
   * disjoint rows (a row another worker is leasing is skipped, not waited for), and the
   * lease keeps a run away from the others while its steps are sent. `leaseNow` is the
   * wall clock (leases are real time even when a test moves `now`).
   */
  @InjectTransactionManager()
  async claimDueRuns(
    { now, limit, leaseNow, leaseUntil }: { now: Date; limit: number; leaseNow: Date; leaseUntil: Date },
    @MedusaContext() context: Context = {}
  ): Promise<ClaimedRun[]> {
    const knex = (context.transactionManager as SqlEntityManager).getKnex()
    const { rows } = await knex.raw(
      `UPDATE automation_run SET claimed_until = ?, updated_at = now()
        WHERE id IN (
          SELECT id FROM automation_run
           WHERE status = 'active' AND deleted_at IS NULL AND due_at <= ?
             AND (claimed_until IS NULL OR claimed_until < ?)
           ORDER BY due_at
           LIMIT ?
           FOR UPDATE SKIP LOCKED)
        RETURNING id, org_id, sequence_id, customer_id, email, next_step, due_at, context, sent_count, created_at`,
      [leaseUntil, now, leaseNow, limit]
    )
    return rows
  }

  /**
   * Creates the runs that do not exist yet (unique per sequence, customer and episode: two
   * workers enrolling the same people create each run once); returns the new ids.
   */
  @InjectTransactionManager()
  async createRunsIfMissing(
    runs: {
      org_id: string
      sequence_id: string
      customer_id: string
      email: string
      due_at: Date
      context: Record<string, unknown> | null
      episode?: string
    }[],
    @MedusaContext() context: Context = {}
  ): Promise<string[]> {
    if (!runs.length) return []
    const knex = (context.transactionManager as SqlEntityManager).getKnex()
    const values = runs.map(() => "(?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), now())").join(", ")
    const params = runs.flatMap((r) => [
      generateEntityId(undefined, "arun"), r.org_id, r.sequence_id, r.customer_id, r.episode ?? "", r.email, r.due_at, r.context ? JSON.stringify(r.context) : null,
    ])
    const { rows: inserted } = await knex.raw(
      `INSERT INTO automation_run (id, org_id, sequence_id, customer_id, episode, email, due_at, context, created_at, updated_at)
       VALUES ${values}
       ON CONFLICT (sequence_id, customer_id, episode) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      params
    )
    return inserted.map((r: { id: string }) => r.id)
  }

  /** The addresses among `emails` (lower-case) that the org must not send marketing to. */
  @InjectManager()
  async suppressedAmong(orgId: string, emails: string[], @MedusaContext() context: Context = {}): Promise<Set<string>> {
    if (!emails.length) return new Set()
    const rows = await (context.manager as SqlEntityManager)
      .getKnex()("email_suppression")
      .select("email")
      .where("org_id", orgId)
      .whereIn("email", emails.map((e) => e.toLowerCase()))
      .whereNull("deleted_at")
    return new Set(rows.map((r: { email: string }) => r.email))
  }

  /**
   * Records a suppression once (a second unsubscribe is a no-op); ends the org's active runs
   * to that address (run status `unsubscribed` stands for any suppression, bounces too).
   */
  @InjectTransactionManager()
  async suppress(
    { org_id, email, reason, source }: { org_id: string; email: string; reason: "unsubscribed" | "bounced"; source?: string },
    @MedusaContext() context: Context = {}
  ): Promise<void> {
    const knex = (context.transactionManager as SqlEntityManager).getKnex()
    const address = email.toLowerCase()
    await knex.raw(
      `INSERT INTO email_suppression (id, org_id, email, reason, source, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, now(), now())
       ON CONFLICT (org_id, email) WHERE deleted_at IS NULL DO NOTHING`,
      [generateEntityId(undefined, "esup"), org_id, address, reason, source ?? null]
    )
    await knex.raw(
      `UPDATE automation_run SET status = 'unsubscribed', ended_at = now(), updated_at = now()
        WHERE org_id = ? AND lower(email) = ? AND status = 'active' AND deleted_at IS NULL`,
      [org_id, address]
    )
  }

  /** Lifts an unsubscribe (the customer opted in again). Bounces stay until staff remove them. */
  @InjectTransactionManager()
  async resubscribe({ org_id, email }: { org_id: string; email: string }, @MedusaContext() context: Context = {}) {
    const knex = (context.transactionManager as SqlEntityManager).getKnex()
    await knex("email_suppression")
      .where({ org_id, email: email.toLowerCase(), reason: "unsubscribed" })
      .whereNull("deleted_at")
      .update({ deleted_at: new Date() })
  }

  /**
   * Confirms an opt-in once: sets `confirmed_at` only if it is not confirmed and not expired
   * at `now`, in one statement (two clicks racing: one wins). Returns the row when this call
   * confirmed it, else why not.
   */
  @InjectTransactionManager()
  async confirmOptIn(
    { id, now }: { id: string; now: Date },
    @MedusaContext() context: Context = {}
  ): Promise<{ confirmed: { id: string; org_id: string; email: string; course_id: string | null } } | { refused: "unknown" | "used" | "expired" }> {
    const knex = (context.transactionManager as SqlEntityManager).getKnex()
    const { rows } = await knex.raw(
      `UPDATE marketing_opt_in SET confirmed_at = ?, updated_at = now()
        WHERE id = ? AND deleted_at IS NULL AND confirmed_at IS NULL AND expires_at > ?
        RETURNING id, org_id, email, course_id`,
      [now, id, now]
    )
    if (rows[0]) return { confirmed: rows[0] }
    const [row] = await knex("marketing_opt_in").select("confirmed_at").where({ id }).whereNull("deleted_at")
    return { refused: !row ? "unknown" : row.confirmed_at ? "used" : "expired" }
  }
}
