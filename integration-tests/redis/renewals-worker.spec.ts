import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createRegion, createTieredProduct } from "../helpers/commerce"
import { createTestOrg } from "../helpers/orgs"

// Redis mode, two worker processes: this test's app and a second Medusa process
// (`medusa exec`, same Postgres and Redis) run the renewal job's pass over the same due
// subscriptions at the same time. Every subscription must be billed once for the period:
// one paid renewal record, one order. The lock per subscription is Redis's here, and the
// UNIQUE (subscription, period) record backs it up.
jest.setTimeout(300_000)

const ROOT = path.resolve(__dirname, "../..")
const N = 50

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let child: ChildProcess | null = null
    afterAll(() => {
      child?.kill("SIGTERM")
    })

    it("a second worker process and this one renew the same due subscriptions: each period billed once", async () => {
      const container = getContainer()
      const { runDueSubscriptionRenewals, setAccessPlanWorkflow } = require("@volmify/access/workflows")
      const { org } = await createTestOrg(container, api, { handle: `redis-renew-${Date.now().toString(36)}`, name: "Renewals Academy" })
      const region = await createRegion(container, "usd")
      const product = await createTieredProduct(container, org, { handle: `redis-renew-${Date.now()}`, tiers: [{ title: "Member", tier: null, prices: { usd: 12 } }] })
      const variantId = product.variants[0].id
      const { result: plan } = await setAccessPlanWorkflow(container).run({
        input: { variant_id: variantId, tier: 1, billing: "subscription", interval: "month" },
      })
      const customers = await container
        .resolve(Modules.CUSTOMER)
        .createCustomers(Array.from({ length: N }, (_, i) => ({ email: `redis.renew.${Date.now()}.${i}@test.volmify.local` })))
      // Period 2 of each is due in a week, billed with the clock moved there (the app's own job never sees them).
      const now = new Date(Date.now() + 7 * 24 * 3600_000)
      const anchor = new Date(now)
      anchor.setUTCMonth(anchor.getUTCMonth() - 1)
      const access = container.resolve<any>("access")
      const subs = await access.createSubscriptions(
        customers.map((c: any, i: number) => ({
          customer_id: c.id,
          org_id: org.id,
          plan_id: plan.id,
          variant_id: variantId,
          product_id: product.id,
          tier: 1,
          scope: "course",
          interval: "month",
          interval_count: 1,
          status: "active",
          origin_order_id: `order_redis_seed_${Date.now()}_${i}`,
          email: c.email,
          region_id: region.id,
          currency_code: "usd",
          sales_channel_id: org.sales_channel_id,
          payment_provider_id: "pp_system_default",
          billing_anchor: anchor,
          current_period_start: anchor,
          current_period_end: now,
          next_charge_at: now,
          payments_made: 1,
        }))
      )

      // The second process: same database (this test's), same Redis.
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      const { rows } = await pg.raw("select current_database() as db")
      const dbUrl = `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/${rows[0].db}`
      let out = ""
      child = spawn(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./integration-tests/redis/renewal-worker.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: dbUrl, RENEWAL_NOW: now.toISOString(), LOG_LEVEL: "error", NODE_OPTIONS: "" },
        stdio: ["pipe", "pipe", "pipe"],
      })
      child.stdout!.on("data", (d) => (out += d))
      child.stderr!.on("data", (d) => (out += d))
      const until = Date.now() + 240_000
      while (!out.includes("worker:ready")) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`the second worker did not start:\n${out.slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 200))
      }

      // Both start together and run passes until one changes nothing.
      child.stdin!.write("go\n")
      const mine = { renewed: 0, failed: 0, errored: 0, skipped: 0 }
      for (;;) {
        const pass = await runDueSubscriptionRenewals(container, now, { batchSize: 10 })
        for (const k of Object.keys(mine) as (keyof typeof mine)[]) mine[k] += pass[k]
        if (pass.renewed + pass.ended + pass.failed === 0) break
      }
      while (!out.includes("worker:result")) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`the second worker did not finish:\n${out.slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 200))
      }
      const theirs = JSON.parse(out.split("worker:result ")[1].split("\n")[0])

      // Together every subscription once; nothing failed; each has one paid period 2 and one order.
      expect([mine.failed + theirs.failed, mine.errored + theirs.errored]).toEqual([0, 0])
      expect(mine.renewed + theirs.renewed).toBe(N)
      const ids = subs.map((s: any) => s.id)
      const renewals = await access.listSubscriptionRenewals({ subscription_id: ids })
      expect(renewals).toHaveLength(N)
      expect(renewals.filter((r: any) => r.period_index !== 2 || r.status !== "paid" || !r.order_id)).toEqual([])
      const { rows: orders } = await pg.raw(
        `select metadata->>'subscription_id' as sub, count(*)::int as n from "order" where deleted_at is null and metadata->>'subscription_id' = any(?) group by 1`,
        [ids]
      )
      expect(orders).toHaveLength(N)
      expect(orders.filter((o: any) => o.n !== 1)).toEqual([])
      expect(new Set(renewals.map((r: any) => r.order_id)).size).toBe(N)
      const after = await access.listSubscriptions({ id: ids }, { select: ["id", "payments_made", "status"] })
      expect(after.filter((s: any) => s.payments_made !== 2 || s.status !== "active")).toEqual([])
    })
  },
})
