import type { ExecArgs } from "@medusajs/framework/types"

// A second worker process for renewals-worker.spec.ts (`medusa exec`, same database and
// Redis as the test's app): prints "ready", waits for "go" on stdin, runs the renewal job's
// pass (runDueSubscriptionRenewals) at RENEWAL_NOW until a pass finds nothing due, prints the totals.
export default async function renewalWorker({ container }: ExecArgs) {
  const { runDueSubscriptionRenewals } = require("@volmify/access/workflows")
  const now = new Date(process.env.RENEWAL_NOW as string)
  process.stdout.write("worker:ready\n")
  await new Promise<void>((resolve) => {
    process.stdin.on("data", (d) => String(d).includes("go") && resolve())
  })
  const totals = { passes: 0, renewed: 0, ended: 0, failed: 0, errored: 0, skipped: 0 }
  for (;;) {
    const pass = await runDueSubscriptionRenewals(container, now, { batchSize: 10 })
    totals.passes++
    for (const k of ["renewed", "ended", "failed", "errored", "skipped"] as const) totals[k] += pass[k]
    // A pass that changed nothing: what is left is due under the other worker's lock, or nothing.
    if (pass.renewed + pass.ended + pass.failed === 0) break
  }
  process.stdout.write(`worker:result ${JSON.stringify(totals)}\n`)
  process.stdin.pause()
}
