import { container as appContainer } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { accessPluginOptions } from "../options"
import { SWEEP_DEFAULTS, sweepPlacedOrdersWorkflow, type SweepPlacedOrdersInput } from "../workflows/sweep-placed-orders"

export type PlacedOrderSweepSummary = { examined: number; swept: number; failed: number; pages: number }

const MAX_PAGES = 100

/**
 * One whole sweep: the window page after page (newest first) until it ends, each page one
 * run of sweepPlacedOrdersWorkflow. Logs a warning naming the count when it repaired any
 * order (an order.placed was lost or its work died: worth knowing).
 */
export async function runPlacedOrderSweep(
  container: MedusaContainer,
  options: Omit<SweepPlacedOrdersInput, "before_display_id" | "auto_capture"> = {}
): Promise<PlacedOrderSweepSummary> {
  const now = options.now ? new Date(options.now) : new Date()
  const auto_capture = accessPluginOptions(container).autoCaptureDigitalOrders
  const summary: PlacedOrderSweepSummary = { examined: 0, swept: 0, failed: 0, pages: 0 }
  let before: number | null = null
  for (let page = 0; page < MAX_PAGES; page++) {
    const { result } = await sweepPlacedOrdersWorkflow(container).run({ input: { ...options, now, before_display_id: before, auto_capture } })
    summary.pages++
    summary.examined += result.examined
    summary.swept += result.swept.length
    summary.failed += result.failed.length
    if (result.next_before_display_id === null) break
    before = result.next_before_display_id
  }
  if (summary.swept || summary.failed) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`sweep-placed-orders: repaired ${summary.swept} order(s) missing their order.placed effects, ${summary.failed} left for the next run`)
  }
  return summary
}

/** How long after start a worker sweeps (its event and workflow queues are up by then). */
const START_DELAY_MS = 3000

/**
 * A worker (or a shared process) sweeps as it starts (at once, and again when orders placed
 * just before the start are old enough), so orders left without their effects by a process
 * that died are repaired then, not at the next scheduled run. Not in
 * `server` mode: servers run no background work. Started off the boot path; errors are logged.
 * Called by the access module's `onApplicationStart` hook with the app's container (a
 * module's own container cannot run workflows).
 */
export function sweepPlacedOrdersOnStart(container: MedusaContainer = appContainer) {
  // No app config: a module booted alone (module tests), where there is nothing to sweep with.
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE, { allowUnregistered: true }) as
    | { projectConfig?: { workerMode?: string } }
    | undefined
  if (!config || config.projectConfig?.workerMode === "server") return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  // Twice: at once, and again once the orders a crash just before this start left behind are
  // old enough for the sweep (min_age_seconds), instead of at the next 2-minute slot.
  for (const delay of [START_DELAY_MS, SWEEP_DEFAULTS.min_age_seconds * 1000 + START_DELAY_MS]) {
    const timer = setTimeout(() => {
      runPlacedOrderSweep(container).catch((e) => logger.warn(`sweep-placed-orders on start failed (the scheduled run retries): ${e?.message ?? e}`))
    }, delay)
    timer.unref?.()
  }
}
