import { existsSync, writeFileSync } from "node:fs"
import path from "node:path"
import type { ExecArgs } from "@medusajs/framework/types"

// P10's drain process (`medusa exec ./bench/renewals-drain.ts`), started by bench/renewals.ts
// when BENCH_P10_PROCESSES > 1: one of several worker processes renewing the same due
// subscriptions side by side, as the renew-subscriptions job does on each worker of a
// scaled-out platform. It runs with REDIS_URL (Redis locks, workflow engine and event bus,
// so per-subscription locks hold across the processes) and MEDUSA_WORKER_MODE=server (the
// order.placed and subscription.renewed events the renewals emit are queued on the Redis
// event bus for the platform's worker processes instead of being worked off here).
//
// Start-up is not timed: the process writes `ready-<i>` into BENCH_P10_SIGNAL_DIR once the
// app is loaded, waits for `go`, runs BENCH_P10_WORKERS loops of runDueSubscriptionRenewals
// (at BENCH_P10_NOW) until a pass changes nothing, and writes its counts to `result-<i>.json`.

export default async function renewalsDrain({ container }: ExecArgs) {
  const dir = process.env.BENCH_P10_SIGNAL_DIR
  const index = process.env.BENCH_P10_CHILD_INDEX
  const nowIso = process.env.BENCH_P10_NOW
  if (!dir || index === undefined || !nowIso) throw new Error("renewals-drain is started by bench/renewals.ts (BENCH_P10_SIGNAL_DIR, BENCH_P10_CHILD_INDEX, BENCH_P10_NOW)")
  const now = new Date(nowIso)
  const workers = Number(process.env.BENCH_P10_WORKERS || 2)
  const concurrency = Number(process.env.BENCH_P10_CONCURRENCY || 1)
  const batchSize = Number(process.env.BENCH_P10_BATCH || 100)
  const bulk = process.env.BENCH_P10_BULK !== "false"

  writeFileSync(path.join(dir, `ready-${index}`), String(process.pid))
  const deadline = Date.now() + 10 * 60_000
  while (!existsSync(path.join(dir, "go"))) {
    if (Date.now() > deadline) throw new Error("renewals-drain: no go signal within 10 minutes")
    await new Promise((r) => setTimeout(r, 20))
  }
  const profiler = process.env.BENCH_P10_CPU_PROFILE_DIR ? await startCpuProfile() : null
  const started = process.hrtime.bigint()
  const perWorker = await drainDueRenewals(container, now, { workers, batchSize, concurrency, bulk })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (profiler) await profiler.stop(path.join(process.env.BENCH_P10_CPU_PROFILE_DIR as string, `drain-${index}-${process.pid}.cpuprofile`))
  writeFileSync(path.join(dir, `result-${index}.json`), JSON.stringify({ pid: process.pid, seconds, workers: perWorker }))
}

/**
 * With BENCH_P10_CPU_PROFILE_DIR, the drain alone is profiled (node's inspector; `--cpu-prof`
 * is refused in NODE_OPTIONS and would include the app's start-up): a .cpuprofile per process,
 * for Chrome's DevTools or bench/cpu-profile-summary.js.
 */
async function startCpuProfile() {
  const { Session } = require("node:inspector") as typeof import("node:inspector")
  const session = new Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))))
  await post("Profiler.enable")
  await post("Profiler.setSamplingInterval", { interval: 1000 })
  await post("Profiler.start")
  return {
    async stop(file: string) {
      const { profile } = await post("Profiler.stop")
      writeFileSync(file, JSON.stringify(profile))
      session.disconnect()
    },
  }
}

export type DrainWorker = { passes: number; renewed: number; failed: number; errored: number; skipped: number }

/** `workers` loops of the renew-subscriptions job's pass at `now`, side by side, until a pass changes nothing; each loop's counts. */
export async function drainDueRenewals(
  container: ExecArgs["container"],
  now: Date,
  { workers, batchSize, concurrency, bulk }: { workers: number; batchSize: number; concurrency: number; bulk: boolean }
): Promise<DrainWorker[]> {
  const { runDueSubscriptionRenewals } = require("@volmify/access/workflows")
  const perWorker: DrainWorker[] = Array.from({ length: workers }, () => ({ passes: 0, renewed: 0, failed: 0, errored: 0, skipped: 0 }))
  await Promise.all(
    perWorker.map(async (w) => {
      for (;;) {
        const pass = await runDueSubscriptionRenewals(container, now, { batchSize, maxBatches: 1000, concurrency, bulk })
        w.passes++
        w.renewed += pass.renewed
        w.failed += pass.failed
        w.errored += pass.errored
        w.skipped += pass.skipped
        if (pass.renewed + pass.ended + pass.failed === 0) return
      }
    })
  )
  return perWorker
}
