import type { ExecArgs } from "@medusajs/framework/types"

// A second worker process for automations-worker.spec.ts (`medusa exec`, same database and
// Redis as the test's app): prints "ready", waits for "go" on stdin, drains automation runs
// due at AUTOMATION_NOW in batches of AUTOMATION_BATCH until none is left, prints the totals.
export default async function automationWorker({ container }: ExecArgs) {
  const { drainAutomationsWorkflow } = require("@volmify/orgs/workflows")
  const now = process.env.AUTOMATION_NOW as string
  const limit = Number(process.env.AUTOMATION_BATCH || 5)
  process.stdout.write("worker:ready\n")
  await new Promise<void>((resolve) => {
    process.stdin.on("data", (d) => String(d).includes("go") && resolve())
  })
  const totals = { drains: 0, claimed: 0, sent: 0 }
  for (;;) {
    const { result } = await drainAutomationsWorkflow(container).run({ input: { now, limit } })
    totals.drains++
    totals.claimed += result.claimed
    totals.sent += result.sent
    if (result.claimed === 0) break
  }
  process.stdout.write(`worker:result ${JSON.stringify(totals)}\n`)
  process.stdin.pause()
}
