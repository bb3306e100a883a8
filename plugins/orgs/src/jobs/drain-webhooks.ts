import type { MedusaContainer } from "@medusajs/framework/types"
import { drainWebhookDeliveriesWorkflow } from "../workflows/drain-webhook-deliveries"

const BATCH = 100
const BUDGET_MS = 50_000

/**
 * Every minute: retries the webhook deliveries that are due, in batches, until none are left
 * or 50 s have passed. Every worker may run it: batches are claimed with FOR UPDATE SKIP
 * LOCKED and leased, so two workers never send the same delivery at once.
 */
export default async function drainWebhooksJob(container: MedusaContainer) {
  const started = Date.now()
  while (Date.now() - started < BUDGET_MS) {
    const { result } = await drainWebhookDeliveriesWorkflow(container).run({ input: { limit: BATCH } })
    if (result.claimed < BATCH) return
  }
}

export const config = { name: "drain-webhook-deliveries", schedule: "* * * * *" }
