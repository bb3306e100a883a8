import type { MedusaContainer } from "@medusajs/framework/types"
import { drainAutomationsWorkflow } from "../workflows/drain-automations"

const BATCH = 500
const BUDGET_MS = 50_000

/**
 * Every minute: sends the automation emails that are due, in batches of 500, until none
 * are left or 50 s have passed (the next minute's run continues). Every worker may run it:
 * batches are claimed with FOR UPDATE SKIP LOCKED, so they never overlap.
 */
export default async function drainAutomationsJob(container: MedusaContainer) {
  const started = Date.now()
  while (Date.now() - started < BUDGET_MS) {
    const { result } = await drainAutomationsWorkflow(container).run({ input: { limit: BATCH } })
    if (result.claimed < BATCH) return
  }
}

export const config = { name: "drain-automation-emails", schedule: "* * * * *" }
