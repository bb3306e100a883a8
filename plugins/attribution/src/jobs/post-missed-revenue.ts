import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { postMissedRevenueWorkflow } from "../workflows/post-missed-revenue"

export const LOOKBACK_DAYS = 7
const BATCH = 500
const MAX_ROUNDS = 40

/**
 * Hourly, the safety net under `payment.captured`: captured orders of the last 7 days with
 * no revenue posting (the event was lost or its retries ran out) are posted, 500 a round.
 */
export default async function postMissedRevenueJob(container: MedusaContainer) {
  const since = new Date(Date.now() - LOOKBACK_DAYS * 86_400_000)
  let after: string | null = null
  let posted = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { result } = await postMissedRevenueWorkflow(container).run({ input: { since, after, limit: BATCH } })
    posted += result.posted.length
    if (result.found.length < BATCH) break
    after = result.found[result.found.length - 1]
  }
  if (posted) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`post-missed-revenue: posted ${posted} captured order(s) that had no revenue posting`)
  }
}

export const config = { name: "post-missed-revenue", schedule: "20 * * * *" }
