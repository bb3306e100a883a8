import fs from "node:fs"
import path from "node:path"

// Scale-out under faults (issue 25): real `medusa start` processes of the production build
// (two servers, one or two workers) on a PostgreSQL and a Redis this suite owns (own ports;
// it kills and restarts them, which it must never do to the machine's shared servers).
// CI runs the small scale; `npm run bench -- --only faults` runs FAULTS_SCALE=full and writes
// the figures to bench/results/<date>-faults-full.json (FAULTS_RESULTS_OUT).
const { Cluster, sleep } = require("../../bench/faults/cluster")
const { Client, registerCustomer, checkout, burst, audit, settle, waitFor } = require("../../bench/faults/scenarios")

const FULL = process.env.FAULTS_SCALE === "full"
const SCALE = {
  orders: Number(process.env.FAULTS_ORDERS || (FULL ? 200 : 20)),
  soakSeconds: Number(process.env.FAULTS_SOAK_SECONDS || (FULL ? 600 : 20)),
  concurrency: 6,
}
// What a server's RSS may grow over the soak (stated bound, issue 25 item 7).
const RSS_GROWTH_BOUND_MB = 150
const POOL_MAX = 10 // knex's default pool max (Medusa sets none): per process

jest.setTimeout(30 * 60_000)

const log = (msg: string) => process.stdout.write(`[faults] ${msg}\n`)
const cluster = new Cluster({ log })
const client = new Client(cluster)
const figures: Record<string, any> = { scale: FULL ? "full" : "ci", orders_per_burst: SCALE.orders }
const started = Date.now()

beforeAll(async () => {
  await cluster.startPostgres()
  await cluster.startRedis()
  await cluster.seed()
  await Promise.all([cluster.startMedusa("server1", "server"), cluster.startMedusa("server2", "server"), cluster.startMedusa("worker1", "worker")])
  figures.setup_s = Math.round((Date.now() - started) / 1000)
}, 15 * 60_000)

afterAll(async () => {
  figures.total_s = Math.round((Date.now() - started) / 1000)
  figures.http_statuses = client.statuses
  await cluster.stop()
  if (process.env.FAULTS_RESULTS_OUT) {
    fs.mkdirSync(path.dirname(process.env.FAULTS_RESULTS_OUT), { recursive: true })
    fs.writeFileSync(process.env.FAULTS_RESULTS_OUT, JSON.stringify({ date: new Date(started).toISOString(), ...figures }, null, 2))
  }
}, 120_000)

/**
 * After a fault: nothing twice, every ledger transaction balanced, nothing missing. Orders
 * caught at the instant of the fault (their `order.placed` lost when a server lost PostgreSQL
 * or Redis between writing the order and emitting, or their capture dead with a SIGKILLed
 * worker) are repaired by the sweep of placed orders (@volmify/access: on worker start and
 * every 2 minutes, orders older than a minute), not by the hourly safety nets; hence
 * SWEEP_SETTLE_MS.
 */
function expectConsistentAfterFault(report: any) {
  expect({ duplicates: report.duplicates_total, unexpected_commissions: report.unexpected_commissions, unbalanced: report.unbalanced_transactions }).toEqual({ duplicates: 0, unexpected_commissions: 0, unbalanced: 0 })
  expect(report.missing_orders).toEqual([])
}

// The longest an order left without its effects waits for the sweep. An order whose capture
// died with a SIGKILLed worker keeps that worker's capture lock for its 120 s TTL, and the
// sweeps that run before then skip it; the next 2-minute slot after the lock expires repairs
// it: 120 s + at most 120 s + the repair. (210 s was too short for that: on the 2-core EPYC
// machine one such order, capture row written, captured_at not yet, was repaired after it.)
const SWEEP_SETTLE_MS = 270_000

/** Orders the sweep repaired so far, from the workers' warnings (all their processes' output). */
const sweptSoFar = () =>
  [...cluster.outputs()].reduce((n: number, text: string) => n + [...text.matchAll(/sweep-placed-orders: repaired (\d+)/g)].reduce((m, x) => m + Number(x[1]), 0), 0)

/** No 5xx but 503 since `from` (index into client.fivexx). */
const non503Since = (from: number) => client.fivexx.slice(from).filter((f: any) => f.status !== 503)

describe("faults: two servers and workers on one PostgreSQL and Redis", () => {
  it("readiness: /ready answers 200 on both servers beside /health; the worker (no API routes) has /health", async () => {
    for (const name of ["server1", "server2"]) {
      const r = await fetch(`${cluster.url(name)}/ready`)
      expect({ name, status: r.status, body: await r.json() }).toMatchObject({ name, status: 200, body: { status: "ready", postgres: "ok", redis: "ok" } })
    }
    expect((await fetch(`${cluster.url("worker1")}/health`)).status).toBe(200)
  })

  it("topology: a checkout on server 1 is granted, posted and commissioned by the worker; server 2 sees the access and a lesson edit at once", async () => {
    const data = cluster.data
    const buyer = await registerCustomer(client, "server1", data.publishable_key, "topology")
    const before = await client.ok("server2", "GET", `/store/courses/${data.course_handle}`, { key: data.publishable_key, token: buyer.token })
    const lessons = before.course.modules.flatMap((m: any) => m.sections.flatMap((s: any) => s.lessons))
    const target = lessons.find((l: any) => l.locked && l.required_tier === 2 && !l.available_at) ?? lessons.find((l: any) => l.locked)
    expect(target).toBeDefined()
    expect((await client.call("server2", "GET", `/store/courses/${data.course_handle}/lessons/${target.id}`, { key: data.publishable_key, token: buyer.token })).status).toBe(403)

    const t0 = Date.now()
    const order = await checkout(client, "server1", data, { email: buyer.email, token: buyer.token, referred: true })
    const report = await settle(cluster, [order], { timeoutMs: 60_000 })
    expect(report).toMatchObject({ missing_total: 0, duplicates_total: 0, unexpected_commissions: 0, unbalanced_transactions: 0 })
    // The moment the entitlement row exists, server 2 answers with the access (no cache to wait for).
    const seen = await waitFor(async () => {
      const r = await client.call("server2", "GET", `/store/courses/${data.course_handle}/lessons/${target.id}`, { key: data.publishable_key, token: buyer.token })
      return r.status === 200
    }, { timeoutMs: 10_000, everyMs: 100 })
    expect(seen).not.toBeNull()
    const after = await client.ok("server2", "GET", `/store/courses/${data.course_handle}`, { key: data.publishable_key, token: buyer.token })
    const opened = after.course.modules.flatMap((m: any) => m.sections.flatMap((s: any) => s.lessons)).find((l: any) => l.id === target.id)
    expect(opened.locked).toBe(false)
    figures.topology = { order_to_consistent_s: report.settled_after_s, checkout_to_server2_access_ms: Date.now() - t0 }

    // A lesson edited through server 1 (admin) is served by server 2 on its very next request,
    // though server 2 has the outline cached (it just served it): the cache key is the course's
    // outline stamp, which a database trigger raises on the edit, whichever process made it.
    const admin = (await client.ok("server1", "POST", "/auth/user/emailpass", { body: cluster.demo.admin })).token
    const title = `Edited through server 1 ${Date.now()}`
    await client.ok("server1", "POST", `/admin/lessons/${target.lesson_id ?? data.placements.find((p: any) => p.id === target.id).lesson_id}`, { token: admin, body: { title } })
    const fresh = await client.ok("server2", "GET", `/store/courses/${data.course_handle}`, { key: data.publishable_key, token: buyer.token })
    expect(fresh.course.modules.flatMap((m: any) => m.sections.flatMap((s: any) => s.lessons)).find((l: any) => l.id === target.id).title).toBe(title)
    const lesson = await client.ok("server2", "GET", `/store/courses/${data.course_handle}/lessons/${target.id}`, { key: data.publishable_key, token: buyer.token })
    expect(lesson.lesson.title).toBe(title)
  })

  it("worker SIGKILLed at a random point of a burst, then restarted: nothing twice, nothing missing beyond the orders in flight", async () => {
    const killAt = Math.floor(SCALE.orders * (0.2 + Math.random() * 0.5))
    let killed: Promise<any> | null = null
    let killedAt = 0
    const fivexx = client.fivexx.length
    const result = await burst(client, cluster, {
      n: SCALE.orders,
      concurrency: SCALE.concurrency,
      label: "kill",
      onProgress: (done: number) => {
        if (done === killAt && !killed) {
          killedAt = Date.now()
          killed = cluster.signal("worker1", "SIGKILL").then(async (exit: any) => {
            await sleep(1000 + Math.random() * 2000)
            await cluster.startMedusa("worker1", "worker")
            return exit
          })
        }
      },
    })
    const exit = await killed
    expect(exit).toMatchObject({ signal: "SIGKILL" })
    expect(result.failures).toEqual([])
    // The killed worker's order locks (capture: 120 s TTL) expire before another takes them;
    // what its death lost for good the sweep repairs (on the restarted worker's start, or its next slot).
    const report = await settle(cluster, result.orders, { timeoutMs: SWEEP_SETTLE_MS, from: killedAt })
    expect(report.orders).toBe(SCALE.orders)
    expectConsistentAfterFault(report)
    expect(non503Since(fivexx)).toEqual([])
    figures.worker_kill = { killed_after_orders: killAt, burst_s: result.seconds, sweep_repaired_orders_total: sweptSoFar(), ...report }
  })

  it("two workers: the same burst once; each scheduled job runs once per schedule across workers", async () => {
    await cluster.startMedusa("worker2", "worker")
    const fivexx = client.fivexx.length
    const result = await burst(client, cluster, { n: SCALE.orders, concurrency: SCALE.concurrency, label: "two" })
    expect(result.failures).toEqual([])
    const report = await settle(cluster, result.orders, { timeoutMs: 180_000 })
    expect(report).toMatchObject({ orders: SCALE.orders, missing_total: 0, duplicates_total: 0, unexpected_commissions: 0, unbalanced_transactions: 0 })
    expect(non503Since(fivexx)).toEqual([])

    // Scheduled jobs are BullMQ repeatable jobs of the Redis workflow engine: one job per
    // (job, scheduled time), taken by one worker; finished ones stay listed for a day. Every
    // slot since the cluster started must have run once, and the every-minute job must have
    // run at the next minute boundary with both workers up.
    const Redis = require("ioredis")
    const redis = new Redis(cluster.redisUrl)
    try {
      const since = Date.now()
      // Repeatable job ids are `repeat:<scheduler key>:<scheduled time>`: one id per slot.
      const scheduledRuns = async () => {
        const runs: { job: string; slot: number; started: number }[] = []
        for (const q of (await redis.keys("bull:*:completed")).map((k: string) => k.slice(5, -10))) {
          for (const id of await redis.zrange(`bull:${q}:completed`, 0, -1)) {
            if (!id.startsWith("repeat:")) continue
            const job = await redis.hgetall(`bull:${q}:${id}`)
            if (job.name !== "schedule") continue
            // ats: how many times a worker started it (2+ = run again after a stall or failure).
            runs.push({ job: JSON.parse(job.data).jobId, slot: Number(id.split(":").pop()), started: Number(job.ats || 1) })
          }
        }
        return runs
      }
      // The every-minute job runs (once) with both workers up; a slot may be skipped when
      // the previous run finished late on a loaded machine, never run twice.
      const waited = await waitFor(async () => (await scheduledRuns()).some((r) => /drain-automation/.test(r.job) && r.slot >= since), { timeoutMs: 150_000, everyMs: 2000 })
      expect(waited).not.toBeNull()
      const runs = await scheduledRuns()
      // One job per (job, slot) by construction of the ids; each started by one worker once.
      const twice = runs.filter((r) => r.slot >= since && r.started !== 1)
      expect(twice).toEqual([])
      figures.two_workers = { ...report, burst_s: result.seconds, scheduled_runs_seen: runs.length, scheduled_jobs_seen: [...new Set(runs.map((r) => r.job))], scheduled_slots_run_twice: twice.length, every_minute_wait_ms: waited }
    } finally {
      redis.disconnect()
    }
  })

  it("Redis lost and back, then PostgreSQL restarted, during bursts: 503 while down (no 500, no hang), recovery without restarts, nothing twice", async () => {
    const outages: any[] = []
    for (const dep of ["redis", "postgres"] as const) {
      const fivexx = client.fivexx.length
      let outage: Promise<void> | null = null
      const probe: { status: any; ms: number }[] = []
      const result = await burst(client, cluster, {
        n: SCALE.orders,
        concurrency: SCALE.concurrency,
        label: dep,
        onProgress: (done: number) => {
          if (done !== Math.floor(SCALE.orders / 3) || outage) return
          outage = (async () => {
            const down = Date.now()
            if (dep === "redis") await cluster.stopRedis("SIGKILL")
            else await cluster.stopPostgres()
            // While it is down: /ready and the store answer 503 quickly, on both servers.
            await sleep(1500)
            for (const name of ["server1", "server2"]) {
              for (const p of ["/ready", `/store/courses/${cluster.data.course_handle}`]) {
                const r = await client.call(name, "GET", p, { key: cluster.data.publishable_key, timeoutMs: 10_000 })
                probe.push({ status: r.status, ms: r.ms })
              }
            }
            await sleep(4000)
            if (dep === "redis") await cluster.startRedis()
            else await cluster.startPostgres()
            const back = Date.now()
            const ready = await waitFor(async () => {
              const rs = await Promise.all(["server1", "server2"].map((n) => fetch(`${cluster.url(n)}/ready`).then((r) => r.status).catch(() => 0)))
              return rs.every((s) => s === 200)
            }, { timeoutMs: 60_000, everyMs: 250 })
            outages.push({ dependency: dep, down_s: (back - down) / 1000, servers_ready_after_back_ms: ready })
          })()
        },
      })
      await outage
      expect(result.failures).toEqual([])
      expect(probe.map((p) => p.status)).toEqual([503, 503, 503, 503])
      expect(Math.max(...probe.map((p) => p.ms))).toBeLessThan(5000)
      const report = await settle(cluster, result.orders, { timeoutMs: SWEEP_SETTLE_MS })
      expect(report.orders).toBe(SCALE.orders)
      expectConsistentAfterFault(report)
      expect(non503Since(fivexx)).toEqual([])
      const o = outages[outages.length - 1]
      expect(o.servers_ready_after_back_ms).not.toBeNull()
      Object.assign(o, { burst_s: result.seconds, probe_ms_max: Math.max(...probe.map((p) => p.ms)), responses_503: client.fivexx.slice(fivexx).length, responses_5xx_other: 0, sweep_repaired_orders_total: sweptSoFar(), ...report })
    }
    figures.outages = outages
  })

  it("graceful shutdown: SIGTERM to a server finishes its in-flight requests; to a worker, its jobs are finished or handed back", async () => {
    const data = cluster.data
    // Server 2: 12 requests in flight (outlines and checkouts), then SIGTERM.
    const inflight = [
      ...Array.from({ length: 6 }, () => client.call("server2", "GET", `/store/courses/${data.course_handle}`, { key: data.publishable_key })),
      ...Array.from({ length: 6 }, (_, i) => checkout(client, "server2", data, { email: `term-${i}-${Date.now()}@faults.volmify.local`, referred: true, retryUntilMs: 3000 }).then(
        (o: any) => ({ status: 200, order: o }),
        (e: any) => ({ status: "failed", error: String(e.message) })
      )),
    ]
    const phases: Record<string, number> = {}
    let t = Date.now()
    const lap = (name: string) => {
      phases[name] = Date.now() - t
      t = Date.now()
    }
    await sleep(150)
    const exit = await cluster.signal("server2", "SIGTERM")
    lap("server_sigterm_to_exit")
    const answers = await Promise.all(inflight)
    lap("inflight_answers_after_exit")
    const outlineStatuses = answers.slice(0, 6).map((a: any) => a.status)
    expect(outlineStatuses).toEqual([200, 200, 200, 200, 200, 200])
    expect(exit).toMatchObject({ code: 0 })
    // Checkouts that started before the signal completed; later steps of a checkout went to a
    // closed port (retried for 3 s only: server 2 comes back only after this).
    const completed = answers.slice(6).filter((a: any) => a.order).map((a: any) => a.order)
    await cluster.startMedusa("server2", "server")
    lap("server_restart")

    // Worker 1: a burst, SIGTERM mid-way; it exits 0 and worker 2 (still up) takes over.
    let termed: Promise<any> | null = null
    const result = await burst(client, cluster, {
      n: Math.max(20, Math.floor(SCALE.orders / 2)),
      concurrency: SCALE.concurrency,
      label: "wterm",
      servers: ["server1"],
      onProgress: (done: number) => done === 5 && (termed = cluster.signal("worker1", "SIGTERM")),
    })
    lap("worker_burst")
    const wexit = await termed
    lap("worker_exit_after_burst")
    expect(wexit).toMatchObject({ code: 0 })
    const report = await settle(cluster, [...result.orders, ...completed], { timeoutMs: 120_000 })
    lap("settle")
    expect(report).toMatchObject({ missing_total: 0, duplicates_total: 0, unexpected_commissions: 0, unbalanced_transactions: 0 })
    await cluster.startMedusa("worker1", "worker")
    lap("worker_restart")
    figures.graceful = { server_exit: exit, inflight_outlines_ok: outlineStatuses.length, checkouts_completed_around_sigterm: completed.length, worker_exit: wexit, ...report, phases_ms: phases }
  })

  it(`soak: mixed store traffic against both servers for ${SCALE.soakSeconds} s: no 5xx, bounded RSS, connections within the pools`, async () => {
    const data = cluster.data
    const buyer = await registerCustomer(client, "server1", data.publishable_key, "soak")
    await checkout(client, "server1", data, { email: buyer.email, token: buyer.token, referred: false })
    const outline = await client.ok("server1", "GET", `/store/courses/${data.course_handle}`, { key: data.publishable_key, token: buyer.token })
    const open = outline.course.modules.flatMap((m: any) => m.sections.flatMap((s: any) => s.lessons))
    const fivexx = client.fivexx.length
    const rssStart = { server1: cluster.rssKb("server1"), server2: cluster.rssKb("server2") }
    let maxConnections = 0
    const end = Date.now() + SCALE.soakSeconds * 1000
    const counts: Record<string, number> = {}
    let i = 0
    const tick = setInterval(async () => {
      const [{ n }] = await cluster.sql("select count(*)::int as n from pg_stat_activity where datname = 'volmify_faults'").catch(() => [{ n: 0 }])
      maxConnections = Math.max(maxConnections, n)
    }, 1000)
    const workerLoop = async () => {
      while (Date.now() < end) {
        const server = i++ % 2 ? "server1" : "server2"
        const kind = ["catalog", "outline", "lesson", "progress", "outline", "lesson", "checkout"][i % 7]
        counts[kind] = (counts[kind] || 0) + 1
        const opts = { key: data.publishable_key, token: buyer.token }
        if (kind === "catalog") await client.call(server, "GET", "/store/products?limit=12", opts)
        else if (kind === "outline") await client.call(server, "GET", `/store/courses/${data.course_handle}`, opts)
        else if (kind === "lesson") await client.call(server, "GET", `/store/courses/${data.course_handle}/lessons/${open[i % open.length].id}`, opts)
        else if (kind === "progress") await client.call(server, "POST", `/store/courses/${data.course_handle}/lessons/${open[i % open.length].id}/progress`, { ...opts, body: { status: "in_progress", position_seconds: i % 300 } })
        else await checkout(client, server, data, { email: `soak-${i}-${Date.now()}@faults.volmify.local`, referred: i % 2 === 0 }).catch(() => {})
      }
    }
    await Promise.all(Array.from({ length: 4 }, workerLoop))
    clearInterval(tick)
    const rssEnd = { server1: cluster.rssKb("server1"), server2: cluster.rssKb("server2") }
    const growthMb = Math.max(rssEnd.server1 - rssStart.server1, rssEnd.server2 - rssStart.server2) / 1024
    figures.soak = { seconds: SCALE.soakSeconds, requests: counts, rss_kb_start: rssStart, rss_kb_end: rssEnd, rss_growth_mb_max: Math.round(growthMb), rss_growth_bound_mb: RSS_GROWTH_BOUND_MB, pg_connections_max: maxConnections, pg_connections_bound: POOL_MAX * 4 + 8, fivexx: client.fivexx.length - fivexx }
    expect(client.fivexx.slice(fivexx)).toEqual([])
    expect(growthMb).toBeLessThan(RSS_GROWTH_BOUND_MB)
    // Four Medusa processes (two servers, two workers) with their pools, plus this suite's three and the probes.
    expect(maxConnections).toBeLessThanOrEqual(POOL_MAX * 4 + 8)
  })
})
