import type { MedusaContainer } from "@medusajs/framework/types"
import { runMissedRevenueNet } from "../utils/missed-revenue-net"

export const RECENT_LOOKBACK_HOURS = 2

/**
 * Every 2 minutes, the near safety net under `payment.captured`: orders whose collection was
 * completed in the last 2 hours and that have no revenue posting are posted. It closes the
 * last gap a dead process can leave in a capture: Medusa's capture workflow recorded the
 * capture and its order transaction but died before emitting `payment.captured` (the sweep of
 * placed orders in @volmify/access finishes captures that died earlier). Posting is
 * idempotent and locked per order, so racing the event's own subscriber posts once. One
 * BullMQ job per slot however many workers run.
 */
export default async function postRecentMissedRevenueJob(container: MedusaContainer) {
  await runMissedRevenueNet(container, { lookbackMs: RECENT_LOOKBACK_HOURS * 3_600_000, job: "post-recent-missed-revenue" })
}

export const config = { name: "post-recent-missed-revenue", schedule: "*/2 * * * *" }
