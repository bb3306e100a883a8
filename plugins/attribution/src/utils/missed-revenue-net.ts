import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { postMissedRevenueWorkflow } from "../workflows/post-missed-revenue"

const BATCH = 500
const MAX_ROUNDS = 40

/**
 * One pass of the safety net under `payment.captured`: orders captured in full in the last
 * `lookbackMs` with no revenue posting are posted, 500 a round, and a warning names the
 * count (an event was lost or its retries ran out: worth knowing). `job` names the job in it.
 */
export async function runMissedRevenueNet(container: MedusaContainer, { lookbackMs, job, now = new Date() }: { lookbackMs: number; job: string; now?: Date }) {
  const since = new Date(now.getTime() - lookbackMs)
  let after: string | null = null
  let posted = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { result } = await postMissedRevenueWorkflow(container).run({ input: { since, after, limit: BATCH } })
    posted += result.posted.length
    if (result.found.length < BATCH) break
    after = result.found[result.found.length - 1]
  }
  if (posted) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`${job}: posted ${posted} captured order(s) that had no revenue posting`)
  }
  return { posted }
}
