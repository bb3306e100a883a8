import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

// P8 (`medusa exec ./bench/automations.ts`, run by bench/run.js with SMTP_URL pointing at a
// listener in run.js): N automation sends due at once, drained by W workers side by side.
//
// Set-up, not timed: in the first org, an active one-email sequence; N fresh customers and
// N runs of it, all due now (bulk, through the module services).
// Timed: W concurrent loops of drainAutomationsWorkflow (the every-minute job's body: claim
// up to 500 due runs with FOR UPDATE SKIP LOCKED, render in the org's brand, send through
// the notification module and the SMTP provider), until no run is due. The clock stops when
// the last loop finds nothing to claim: every email was accepted by the SMTP listener by then.
// run.js counts what the listener received (duplicates per recipient).
//
// BENCH_P8_SENDS (N), BENCH_P8_WORKERS (W, default 2), BENCH_P8_CONCURRENCY (default 16: the
// drain sends chunks of 4x this through one notification-module call), BENCH_P8_OUT (result JSON).

export default async function automationsBench({ container }: ExecArgs) {
  const n = Number(process.env.BENCH_P8_SENDS || 1000)
  const workers = Number(process.env.BENCH_P8_WORKERS || 2)
  const concurrency = Number(process.env.BENCH_P8_CONCURRENCY || 16)
  if (!Number.isInteger(n) || n < 1) throw new Error("BENCH_P8_SENDS must be a positive integer")
  const { drainAutomationsWorkflow } = require("@volmify/orgs/workflows")
  const automations = container.resolve<any>("automation")
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
  const [org] = await container.resolve<any>("org").listOrgs({}, { select: ["id", "name"], take: 1, order: { created_at: "ASC" } })
  if (!org) throw new Error("P8 needs an org (run the demo seed first)")
  const stamp = Date.now().toString(36)

  const sequence = await automations.createAutomationSequences({
    org_id: org.id,
    name: `P8 bench ${stamp}`,
    status: "active",
    trigger_type: "member_joined",
    steps: [{ type: "email", subject: "Hello {{first_name}}", body: "A tip from {{org_name}}.\n\nOpen {{course_link}} today." }],
  })
  const setupStart = Date.now()
  const customerModule = container.resolve(Modules.CUSTOMER)
  // Due a week ahead, drained with the clock moved there: the bench server's own every-minute
  // job (real clock, no SMTP listener) never takes these runs.
  const now = new Date(Date.now() + 7 * 24 * 3600_000)
  const recipients: string[] = []
  for (let i = 0; i < n; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
      email: `p8-${stamp}-${i + j}@bench.volmify.local`,
      first_name: `Reader${i + j}`,
    }))
    const made = await customerModule.createCustomers(batch)
    await automations.createRunsIfMissing(
      made.map((c: any) => ({ org_id: org.id, sequence_id: sequence.id, customer_id: c.id, email: c.email, due_at: now, context: null }))
    )
    recipients.push(...made.map((c: any) => c.email))
  }
  const setupSeconds = (Date.now() - setupStart) / 1000

  const perWorker = Array.from({ length: workers }, () => ({ drains: 0, claimed: 0, sent: 0 }))
  const started = process.hrtime.bigint()
  await Promise.all(
    perWorker.map(async (w) => {
      for (;;) {
        const { result } = await drainAutomationsWorkflow(container).run({ input: { now: now.toISOString(), limit: 500, concurrency } })
        w.drains++
        w.claimed += result.claimed
        w.sent += result.sent
        if (result.claimed === 0) return
      }
    })
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9

  const { rows } = await pg.raw(
    `select count(*)::int as notifications, count(distinct idempotency_key)::int as keys
       from notification where template = 'automation-email' and resource_id in (select id from automation_run where sequence_id = ?)`,
    [sequence.id]
  )
  const { rows: left } = await pg.raw(`select status, count(*)::int as n from automation_run where sequence_id = ? group by status`, [sequence.id])
  const out = {
    sends: n,
    workers,
    concurrency_per_worker: concurrency,
    setup_seconds: Number(setupSeconds.toFixed(1)),
    drain_seconds: Number(seconds.toFixed(2)),
    emails_per_second: Number((perWorker.reduce((s, w) => s + w.sent, 0) / seconds).toFixed(1)),
    per_worker: perWorker,
    notifications: rows[0],
    runs_by_status: Object.fromEntries(left.map((r: any) => [r.status, r.n])),
    recipients,
  }
  writeFileSync(process.env.BENCH_P8_OUT as string, JSON.stringify(out))
}
