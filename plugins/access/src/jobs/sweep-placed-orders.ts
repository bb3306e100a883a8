import type { MedusaContainer } from "@medusajs/framework/types"
import { runPlacedOrderSweep } from "../utils/run-placed-order-sweep"

/**
 * Every 2 minutes: recent placed orders (48 h, older than 1 minute) missing their grant,
 * capture or subscription are repaired (sweepPlacedOrdersWorkflow). A scheduled job is one
 * BullMQ job per slot however many workers run; workers also sweep once when they start.
 */
export default async function sweepPlacedOrdersJob(container: MedusaContainer) {
  await runPlacedOrderSweep(container)
}

export const config = { name: "sweep-placed-orders", schedule: "*/2 * * * *" }
