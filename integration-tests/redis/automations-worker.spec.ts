import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createTestOrg } from "../helpers/orgs"
import { useProcessEnv } from "../helpers/env"
import { TestSmtp } from "../helpers/smtp"

// Redis mode, two worker processes: this test's app and a second Medusa process
// (`medusa exec`, same Postgres and Redis) drain the same due automation runs at the same
// time. Each (step, recipient) must arrive once: claims are disjoint (FOR UPDATE SKIP
// LOCKED and a lease), and the notification idempotency key backs them up.
jest.setTimeout(240_000)

const ROOT = path.resolve(__dirname, "../..")
const smtp = new TestSmtp()
beforeAll(() => smtp.start())
afterAll(() => smtp.stop())
useProcessEnv({ SMTP_URL: () => smtp.url(), MAIL_FROM: "Volmify <mail@volmify.test>" })

const N = 120

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let child: ChildProcess | null = null
    afterAll(() => {
      child?.kill("SIGTERM")
    })

    it("a second worker process and this one drain the same due runs: every email once", async () => {
      const container = getContainer()
      const { drainAutomationsWorkflow } = require("@volmify/orgs/workflows")
      const { org } = await createTestOrg(container, api, { handle: `redis-auto-${Date.now().toString(36)}`, name: "Redis Academy" })
      const automations = container.resolve<any>("automation")
      const sequence = await automations.createAutomationSequences({
        org_id: org.id,
        name: "Two workers",
        status: "active",
        trigger_type: "member_joined",
        steps: [{ type: "email", subject: "Hello {{first_name}}", body: "Once." }],
      })
      const customers = await container
        .resolve(Modules.CUSTOMER)
        .createCustomers(Array.from({ length: N }, (_, i) => ({ email: `redis.auto.${Date.now()}.${i}@test.volmify.local`, first_name: `W${i}` })))
      // Due in a week, drained with the clock moved there (the app's own every-minute job never sees them).
      const now = new Date(Date.now() + 7 * 24 * 3600_000).toISOString()
      await automations.createRunsIfMissing(
        customers.map((c: any) => ({ org_id: org.id, sequence_id: sequence.id, customer_id: c.id, email: c.email, due_at: new Date(now), context: null }))
      )

      // The second process: same database (this test's), same Redis, same SMTP listener.
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      const { rows } = await pg.raw("select current_database() as db")
      const dbUrl = `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/${rows[0].db}`
      let out = ""
      child = spawn(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./integration-tests/redis/automation-worker.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: dbUrl, AUTOMATION_NOW: now, AUTOMATION_BATCH: "5", LOG_LEVEL: "error", NODE_OPTIONS: "" },
        stdio: ["pipe", "pipe", "pipe"],
      })
      child.stdout!.on("data", (d) => (out += d))
      child.stderr!.on("data", (d) => (out += d))
      const until = Date.now() + 150_000
      while (!out.includes("worker:ready")) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`the second worker did not start:\n${out.slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 200))
      }

      // Both start together and claim small batches until nothing is due.
      child.stdin!.write("go\n")
      const mine = { claimed: 0, sent: 0 }
      for (;;) {
        const { result } = await drainAutomationsWorkflow(container).run({ input: { now, limit: 5 } })
        mine.claimed += result.claimed
        mine.sent += result.sent
        if (result.claimed === 0) break
      }
      while (!out.includes("worker:result")) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`the second worker did not finish:\n${out.slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 200))
      }
      const theirs = JSON.parse(out.split("worker:result ")[1].split("\n")[0])

      // Both did part of the work, together all of it, nothing twice.
      expect(mine.sent).toBeGreaterThan(0)
      expect(theirs.sent).toBeGreaterThan(0)
      expect(mine.sent + theirs.sent).toBe(N)
      for (const c of customers) await smtp.waitFor(c.email, 1)
      await new Promise((r) => setTimeout(r, 1000))
      const perRecipient = customers.map((c: any) => smtp.to(c.email).length)
      expect(perRecipient.filter((n: number) => n !== 1)).toEqual([])
      expect(smtp.messages.filter((m) => /^Hello W/.test(m.subject ?? ""))).toHaveLength(N)
      const runs = await automations.listAutomationRuns({ sequence_id: sequence.id })
      expect(runs.filter((r: any) => r.status === "completed")).toHaveLength(N)
    })
  },
})
