import { writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { drainDueRenewals, type DrainWorker } from "./renewals-drain"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
} from "@medusajs/medusa/core-flows"

// P10 (`medusa exec ./bench/renewals.ts`, run by bench/run.js): N subscriptions due at once,
// renewed by W workers side by side (the renew-subscriptions job's pass,
// runDueSubscriptionRenewals: per subscription a lock, a claimed period, a cart, a payment
// session with the system provider, completeCartWorkflow, the period paid, the subscription
// advanced).
//
// Set-up, not timed: in the first org, a $10 monthly subscription product in the USD region;
// min(N, 1,000) fresh customers; N active subscriptions (bulk, through the access module)
// whose period 2 is due a week ahead, renewed with the clock moved there (the bench server's
// own job, on the real clock, never takes them).
// Timed: W concurrent loops of runDueSubscriptionRenewals until a pass changes nothing.
// Checked in SQL afterwards: paid renewals, orders per subscription (double charges = orders
// beyond one per subscription and period), subscriptions advanced.
// Profile: BENCH_P10_PROFILE renewals (default 20) of fresh subscriptions run phase by phase
// with the same core workflows the renewal runs, one at a time, to show where the time goes.
//
// Batch profile: one renewSubscriptionsBatchWorkflow run over BENCH_P10_BATCH fresh due
// subscriptions, split by the workflow's steps.
//
// BENCH_P10_SUBS (N), BENCH_P10_WORKERS (W, default 2), BENCH_P10_CONCURRENCY (renewals side by
// side per worker, default 1), BENCH_P10_BATCH (periods per batch, default 100),
// BENCH_P10_BULK (false: the per-subscription path only, as before the bulk path),
// BENCH_P10_HOLD_EVENTS (true: the events the drain emits, order.placed and what follows
// from it, are held back and dropped instead of running in the same process meanwhile: the
// drain alone, the renewal job's own work; the orders then stay uncaptured, so no settle),
// BENCH_P10_OUT (result JSON).

/** `run` over `items`, eight at a time (as the renewal batch's payment step runs its orders). */
async function eightAtATime<T>(items: T[], run: (item: T) => Promise<unknown>) {
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < items.length) await run(items[next++])
    })
  )
}

export default async function renewalsBench({ container }: ExecArgs) {
  const n = Number(process.env.BENCH_P10_SUBS || 1000)
  const workers = Number(process.env.BENCH_P10_WORKERS || 2)
  const concurrency = Number(process.env.BENCH_P10_CONCURRENCY || 1)
  const batchSize = Number(process.env.BENCH_P10_BATCH || 100)
  const bulk = process.env.BENCH_P10_BULK !== "false"
  const profileCount = Number(process.env.BENCH_P10_PROFILE ?? 20)
  const processes = Number(process.env.BENCH_P10_PROCESSES || 1)
  const redisUrl = process.env.BENCH_P10_REDIS_URL || "redis://127.0.0.1:6379/13"
  if (!Number.isInteger(processes) || processes < 1) throw new Error("BENCH_P10_PROCESSES must be a positive integer")
  if (!Number.isInteger(n) || n < 1) throw new Error("BENCH_P10_SUBS must be a positive integer")
  const { setAccessPlanWorkflow } = require("@volmify/access/workflows")
  const access = container.resolve<any>("access")
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
  const [org] = await container.resolve<any>("org").listOrgs({}, { select: ["id", "name", "sales_channel_id"], take: 1, order: { created_at: "ASC" } })
  if (!org) throw new Error("P10 needs an org (run the demo seed first)")
  const [usd] = await container.resolve(Modules.REGION).listRegions({ currency_code: "usd" }, { take: 1 })
  if (!usd) throw new Error("P10 needs a USD region (run the demo seed first)")
  const stamp = Date.now().toString(36)

  const setupStart = Date.now()
  // An earlier run stopped half-way (--reuse-db) left its subscriptions due: they would be renewed in this one's time.
  await pg.raw(`update subscription set status = 'canceled', next_charge_at = null where origin_order_id like 'order_p10_%' and next_charge_at is not null`)
  const { result: [product] } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: `P10 membership ${stamp}`,
          handle: `p10-membership-${stamp}`,
          status: "published",
          options: [{ title: "Plan", values: ["Monthly"] }],
          variants: [{ title: "Monthly", manage_inventory: false, options: { Plan: "Monthly" }, prices: [{ currency_code: "usd", amount: 10 }] }],
          sales_channels: [{ id: org.sales_channel_id }],
        },
      ],
      additional_data: { org_id: org.id },
    },
  })
  const variantId = product.variants[0].id
  const { result: plan } = await setAccessPlanWorkflow(container).run({
    input: { variant_id: variantId, tier: 1, billing: "subscription", interval: "month" },
  })
  const now = new Date(Date.now() + 7 * 24 * 3600_000)
  const anchor = new Date(now)
  anchor.setUTCMonth(anchor.getUTCMonth() - 1)
  const customers: any[] = []
  for (let i = 0; i < Math.min(n, 1000); i += 500) {
    customers.push(
      ...(await container
        .resolve(Modules.CUSTOMER)
        .createCustomers(Array.from({ length: Math.min(500, Math.min(n, 1000) - i) }, (_, j) => ({ email: `p10-${stamp}-${i + j}@bench.volmify.local` }))))
    )
  }
  // Each customer's account holder with the system provider, as the first checkout made it (a
  // logged-in customer's payment session creates and links one; a saved payment method needs
  // one): renewals find it instead of creating it in the timed drain. Eight at a time, not timed
  // apart (part of setup_seconds).
  const payments = container.resolve(Modules.PAYMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  await eightAtATime(customers, async (c) => {
    const holder = await payments.createAccountHolder({ provider_id: "pp_system_default", context: { customer: { id: c.id, email: c.email } } })
    await link.create({ [Modules.CUSTOMER]: { customer_id: c.id }, [Modules.PAYMENT]: { account_holder_id: holder.id } })
  })
  const row = (i: number, due: Date) => {
    const c = customers[i % customers.length]
    return {
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
      origin_order_id: `order_p10_${stamp}_${i}`,
      email: c.email,
      region_id: usd.id,
      currency_code: "usd",
      sales_channel_id: org.sales_channel_id,
      payment_provider_id: "pp_system_default",
      billing_anchor: anchor,
      current_period_start: anchor,
      current_period_end: due,
      next_charge_at: due,
      payments_made: 1,
    }
  }
  const ids: string[] = []
  for (let i = 0; i < n; i += 1000) {
    const made = await access.createSubscriptions(Array.from({ length: Math.min(1000, n - i) }, (_, j) => row(i + j, now)))
    ids.push(...made.map((s: any) => s.id))
  }
  const setupSeconds = (Date.now() - setupStart) / 1000

  // BENCH_P10_HOLD_EVENTS: the local event bus's emitter swallows every event during the drain (counted by name).
  const holdEvents = processes === 1 && process.env.BENCH_P10_HOLD_EVENTS === "true"
  const held: Record<string, number> = {}
  // The local event bus keeps its emitter in a private field its type does not name; a bench-only hook.
  const bus = container.resolve(Modules.EVENT_BUS) as unknown as { eventEmitter_?: { emit: (name: string | symbol, ...args: unknown[]) => boolean } }
  let releaseHold = () => {}
  if (holdEvents) {
    const emitter = bus.eventEmitter_
    if (!emitter) throw new Error("BENCH_P10_HOLD_EVENTS needs the local event bus (run without REDIS_URL)")
    const original = emitter.emit
    emitter.emit = (name: string | symbol) => {
      held[String(name)] = (held[String(name)] ?? 0) + 1
      return false
    }
    releaseHold = () => {
      emitter.emit = original
    }
  }

  let perWorker: DrainWorker[]
  let perProcess: { pid: number; seconds: number; renewed: number }[] | null = null
  let queuedEvents: Record<string, number> | null = null
  let started: bigint = 0n
  let drainEnd: bigint = 0n
  if (processes > 1) {
    // Several drain processes side by side (bench/renewals-drain.ts), each with Redis locks,
    // workflow engine and event bus on a Redis database of their own (flushed before and after).
    const { spawn } = require("node:child_process") as typeof import("node:child_process")
    const { mkdtempSync, existsSync, readFileSync, rmSync } = require("node:fs") as typeof import("node:fs")
    const Redis = require("ioredis")
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
    await redis.flushdb()
    const dir = mkdtempSync(path.join(os.tmpdir(), "volmify-p10-"))
    const children = Array.from({ length: processes }, (_, i) =>
      spawn(path.join(process.cwd(), "node_modules", ".bin", "medusa"), ["exec", "./bench/renewals-drain.ts"], {
        cwd: process.cwd(),
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          REDIS_URL: redisUrl,
          MEDUSA_WORKER_MODE: "server",
          BENCH_P10_SIGNAL_DIR: dir,
          BENCH_P10_CHILD_INDEX: String(i),
          BENCH_P10_NOW: now.toISOString(),
          BENCH_P10_WORKERS: String(workers),
        },
      })
    )
    const exits = children.map(
      (child, i) =>
        new Promise<void>((resolve, reject) =>
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`P10 drain process ${i} exited with ${code}`))))
        )
    )
    let failed: unknown = null
    exits.forEach((e) => e.catch((err) => (failed = failed ?? err)))
    const waitFor = async (files: string[], what: string, limitMs: number) => {
      const until = Date.now() + limitMs
      while (!files.every((f) => existsSync(path.join(dir, f)))) {
        if (failed) throw failed
        if (Date.now() > until) throw new Error(`P10: the drain processes did not ${what} within ${limitMs / 1000} s`)
        await new Promise((r) => setTimeout(r, 10))
      }
    }
    try {
      await waitFor(children.map((_, i) => `ready-${i}`), "start", 300_000)
      started = process.hrtime.bigint()
      writeFileSync(path.join(dir, "go"), "")
      await waitFor(children.map((_, i) => `result-${i}.json`), "finish", 3 * 3600_000)
    } catch (e) {
      children.forEach((c) => c.kill("SIGKILL"))
      throw e
    }
    drainEnd = process.hrtime.bigint()
    await Promise.all(exits)
    const results = children.map((_, i) => JSON.parse(readFileSync(path.join(dir, `result-${i}.json`), "utf8")))
    rmSync(dir, { recursive: true, force: true })
    perWorker = results.flatMap((r) => r.workers)
    perProcess = results.map((r) => ({ pid: r.pid, seconds: Number(r.seconds.toFixed(2)), renewed: r.workers.reduce((s: number, w: any) => s + w.renewed, 0) }))
    // What the renewals left for the platform's worker processes: the Redis event bus's queued jobs by event name.
    const { Queue } = require("bullmq")
    const queue = new Queue("events-queue", { connection: redis, prefix: "RedisEventBusService" })
    queuedEvents = {}
    for (const job of await queue.getJobs(["waiting", "delayed", "prioritized", "paused"], 0, -1)) {
      queuedEvents[job.name] = (queuedEvents[job.name] ?? 0) + 1
    }
    await queue.close()
    await redis.flushdb()
    redis.disconnect()
  } else {
    started = process.hrtime.bigint()
    perWorker = await drainDueRenewals(container, now, { workers, batchSize, concurrency, bulk })
    drainEnd = process.hrtime.bigint()
  }
  const seconds = Number(drainEnd - started) / 1e9
  releaseHold()
  const renewedSoFar = () => perWorker.reduce((sum, w) => sum + w.renewed, 0)

  // What order.placed does with the renewal orders (capture through the access subscriber,
  // then the ledger posting) runs after the drain: counted at its end and after waiting up
  // to BENCH_P10_SETTLE_S seconds (default 120) for the captures.
  const capturedCount = async () =>
    (
      await pg.raw(
        `select count(distinct o.id)::int as n from "order" o
           join order_payment_collection opc on opc.order_id = o.id and opc.deleted_at is null
           join payment p on p.payment_collection_id = opc.payment_collection_id and p.captured_at is not null
          where o.deleted_at is null and o.metadata->>'subscription_id' = any(?)`,
        [ids]
      )
    ).rows[0].n as number
  const capturedAtDrainEnd = await capturedCount()
  // Nothing here runs the order.placed work when it was held back, or queued on Redis for
  // the platform's workers (drain processes): then there are no captures to wait for.
  const settleLimit = holdEvents || queuedEvents ? 0 : Number(process.env.BENCH_P10_SETTLE_S ?? 120) * 1000
  const settleStart = Date.now()
  let captured = capturedAtDrainEnd
  while (captured < renewedSoFar() && Date.now() - settleStart < settleLimit) {
    await new Promise((r) => setTimeout(r, 2000))
    captured = await capturedCount()
  }
  const settleSeconds = (Date.now() - settleStart) / 1000

  const { rows: [renewals] } = await pg.raw(
    `select count(*)::int as rows, count(*) filter (where status = 'paid')::int as paid, count(distinct order_id)::int as orders
       from subscription_renewal where subscription_id = any(?)`,
    [ids]
  )
  const { rows: [orders] } = await pg.raw(
    `select count(*)::int as orders, count(distinct metadata->>'subscription_id')::int as subscriptions
       from "order" where deleted_at is null and metadata->>'subscription_id' = any(?)`,
    [ids]
  )
  const { rows: advanced } = await pg.raw(`select payments_made, count(*)::int as n from subscription where id = any(?) group by 1`, [ids])
  const renewed = perWorker.reduce((s, w) => s + w.renewed, 0)

  // The ceiling Medusa's payment module sets: BENCH_P10_PAYMENT_PAIRS (100; 0 skips) payment
  // sessions created and authorized through the module as the batch's payment step does (a
  // fresh collection each, the system provider, PAYMENT_CONCURRENCY of the step: 8 at a time),
  // the process's CPU time per pair; `ceiling_renewals_per_s` is what the machine's cores
  // could renew if those two calls were all a renewal cost (nothing else, not PostgreSQL).
  // Before the profiles below: their renewals' order.placed work runs in this process
  // afterwards, and would share the cores and the connection pool with these pairs.
  let paymentModule: Record<string, unknown> | null = null
  const pairs = Number(process.env.BENCH_P10_PAYMENT_PAIRS ?? 100)
  if (pairs > 0) {
    const collections = await payments.createPaymentCollections(Array.from({ length: pairs }, () => ({ currency_code: "usd", amount: 10 })))
    const cpu0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    await eightAtATime(collections, async (c) => {
      const session = await payments.createPaymentSession(c.id, { provider_id: "pp_system_default", currency_code: "usd", amount: 10, data: {}, context: {} })
      await payments.authorizePaymentSession(session.id, {})
    })
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
    const cpu = process.cpuUsage(cpu0)
    const cpuMsPerPair = (cpu.user + cpu.system) / 1000 / pairs
    paymentModule = {
      pairs,
      cpu_ms_per_pair: Number(cpuMsPerPair.toFixed(1)),
      wall_ms_per_pair: Number((wallMs / pairs).toFixed(1)),
      ceiling_renewals_per_s: Number(((os.cpus().length * 1000) / cpuMsPerPair).toFixed(1)),
    }
    await payments.deletePaymentCollections(collections.map((c) => c.id))
  }
  // Where the time goes: the renewal's phases one at a time on fresh subscriptions.
  const phases: Record<string, number[]> = { create_cart: [], payment_collection: [], payment_session: [], complete_cart: [], whole_renewal: [] }
  if (profileCount > 0) {
    const sample = await access.createSubscriptions(Array.from({ length: profileCount * 2 }, (_, i) => ({ ...row(i, now), origin_order_id: `order_p10_${stamp}_profile_${i}` })))
    const time = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
      const t = process.hrtime.bigint()
      const out = await run()
      phases[phase].push(Number(process.hrtime.bigint() - t) / 1e6)
      return out
    }
    for (const s of sample.slice(0, profileCount)) {
      const { result: cart } = await time("create_cart", () =>
        createCartWorkflow(container).run({
          input: { region_id: s.region_id, customer_id: s.customer_id, email: s.email, currency_code: "usd", sales_channel_id: s.sales_channel_id, items: [{ variant_id: variantId, quantity: 1 }] },
        })
      )
      const { result: collection } = await time("payment_collection", () => createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } }))
      await time("payment_session", () =>
        createPaymentSessionsWorkflow(container).run({ input: { payment_collection_id: (collection as any).id, provider_id: "pp_system_default", customer_id: s.customer_id } })
      )
      await time("complete_cart", () => completeCartWorkflow(container).run({ input: { id: cart.id } }))
    }
    const { renewSubscriptionWorkflow } = require("@volmify/access/workflows")
    for (const s of sample.slice(profileCount)) {
      await time("whole_renewal", () => renewSubscriptionWorkflow(container).run({ input: { subscription_id: s.id, now } }))
    }
    await access.updateSubscriptions(sample.map((s: any) => ({ id: s.id, status: "canceled", next_charge_at: null })))
  }
  // The bulk path's split: one renewSubscriptionsBatchWorkflow run over `batchSize` fresh due
  // subscriptions, each step's time from the workflow's own step start times (the steps run
  // one after another; the last one's time runs to the end of the run).
  let batchProfile: Record<string, unknown> | null = null
  if (bulk && profileCount > 0) {
    const { renewSubscriptionsBatchWorkflow } = require("@volmify/access/workflows")
    const sample = await access.createSubscriptions(
      Array.from({ length: batchSize }, (_, i) => ({ ...row(i, now), origin_order_id: `order_p10_${stamp}_batch_${i}` }))
    )
    const t0 = Date.now()
    const { result, transaction } = await renewSubscriptionsBatchWorkflow(container).run({ input: { now, limit: batchSize } })
    const t1 = Date.now()
    const steps = Object.values(transaction.getFlow().steps as Record<string, any>)
      .filter((st) => st.startedAt && st.definition?.action)
      .sort((a, b) => a.startedAt - b.startedAt)
    const split: Record<string, number> = {}
    steps.forEach((st, i) => {
      const end = i + 1 < steps.length ? steps[i + 1].startedAt : t1
      split[st.definition.action] = (split[st.definition.action] ?? 0) + (end - st.startedAt)
    })
    batchProfile = { batch_size: batchSize, renewed: result.renewed.length, whole_ms: t1 - t0, per_renewal_ms: Number(((t1 - t0) / Math.max(1, result.renewed.length)).toFixed(1)), steps_ms: split }
    await access.updateSubscriptions(sample.map((s: any) => ({ id: s.id, status: "canceled", next_charge_at: null })))
  }
  const summary = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b)
    return sorted.length
      ? { n: sorted.length, p50_ms: Math.round(sorted[Math.floor(sorted.length / 2)]), mean_ms: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length) }
      : null
  }

  const out = {
    subscriptions: n,
    workers,
    concurrency_per_worker: concurrency,
    path: bulk ? `bulk (batches of ${batchSize})` : "per subscription",
    processes,
    per_process: perProcess,
    events: queuedEvents
      ? { mode: "queued on the Redis event bus for the platform's worker processes (not run; flushed after the run)", queued: queuedEvents }
      : holdEvents
        ? { mode: "held back during the drain and dropped (not run)", held }
        : { mode: "run in the same process during the drain" },
    setup_seconds: Number(setupSeconds.toFixed(1)),
    renew_seconds: Number(seconds.toFixed(2)),
    renewals_per_second: Number((renewed / seconds).toFixed(1)),
    per_worker: perWorker,
    captures: {
      at_drain_end: capturedAtDrainEnd,
      after_settle: captured,
      settle_seconds: Number(settleSeconds.toFixed(1)),
    },
    checks: {
      renewal_rows: renewals.rows,
      paid_renewals: renewals.paid,
      distinct_renewal_orders: renewals.orders,
      orders: orders.orders,
      subscriptions_with_orders: orders.subscriptions,
      double_charges: orders.orders - orders.subscriptions,
      payments_made: Object.fromEntries(advanced.map((r: any) => [r.payments_made, r.n])),
    },
    profile: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, summary(v)])),
    batch_profile: batchProfile,
    payment_module: paymentModule,
  }
  writeFileSync(process.env.BENCH_P10_OUT as string, JSON.stringify(out))
}
