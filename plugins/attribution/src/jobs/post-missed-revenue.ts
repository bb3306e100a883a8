import type { MedusaContainer } from "@medusajs/framework/types"
import { runMissedRevenueNet } from "../utils/missed-revenue-net"

export const LOOKBACK_DAYS = 7

/**
 * Hourly, the wide safety net under `payment.captured`: captured orders of the last 7 days
 * with no revenue posting are posted. The job `post-recent-missed-revenue` does the same for
 * the last 2 hours every 2 minutes, so a lost event costs minutes; this one catches what
 * stayed unposted longer (a worker down for hours).
 */
export default async function postMissedRevenueJob(container: MedusaContainer) {
  await runMissedRevenueNet(container, { lookbackMs: LOOKBACK_DAYS * 86_400_000, job: "post-missed-revenue" })
}

export const config = { name: "post-missed-revenue", schedule: "20 * * * *" }
