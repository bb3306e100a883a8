import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { creditMissedCommissionsWorkflow } from "../workflows/credit-missed-commissions"

export const LOOKBACK_DAYS = 7
const BATCH = 500
const MAX_ROUNDS = 40

/**
 * Hourly, the safety net under `order.placed`: referred orders of the last 7 days with no
 * commission (the event was lost or its retries ran out) are credited, 500 a round.
 */
export default async function creditMissedCommissionsJob(container: MedusaContainer) {
  const since = new Date(Date.now() - LOOKBACK_DAYS * 86_400_000)
  let after: string | null = null
  let created = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { result } = await creditMissedCommissionsWorkflow(container).run({ input: { since, after, limit: BATCH } })
    created += result.commissions.length
    if (result.found.length < BATCH) break
    after = result.found[result.found.length - 1]
  }
  if (created) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`credit-missed-commissions: created ${created} commission(s) for referred orders that had none`)
  }
}

export const config = { name: "credit-missed-commissions", schedule: "40 * * * *" }
