import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { findOrdersToSweepStep } from "./steps/find-orders-to-sweep"
import { recoverSweptOrdersStep } from "./steps/recover-swept-orders"

/** How far back the sweep looks, how young an order it leaves to its subscribers, its page. */
export const SWEEP_DEFAULTS = { lookback_hours: 48, min_age_seconds: 60, limit: 200 } as const

export type SweepPlacedOrdersInput = {
  /** The sweep's clock (default: now). */
  now?: Date | string
  lookback_hours?: number
  min_age_seconds?: number
  /** Page cursor from the previous page's `next_before_display_id`. */
  before_display_id?: number | null
  limit?: number
  /** Capture all-digital orders (the plugin's `autoCaptureDigitalOrders`). */
  auto_capture: boolean
}

/**
 * The safety net under order.placed, minutes not hours: one page of orders placed in the last
 * `lookback_hours` (48) but more than `min_age_seconds` (60) ago that lack a subscription
 * start, a capture (all-digital, auto capture on) or an entitlement, each repaired through
 * the same idempotent workflow its subscriber runs. For every order repaired it emits
 * `access.order.swept` ({ id }, the shape of order.placed) so the other plugins' order.placed
 * work follows (affiliates' commission); revenue is posted from the capture's
 * `payment.captured`. Run by the job `sweep-placed-orders` and once when a worker starts.
 */
export const sweepPlacedOrdersWorkflow = createWorkflow("sweep-placed-orders", (input: SweepPlacedOrdersInput) => {
  const window = transform({ input }, ({ input }) => {
    const now = input.now ? new Date(input.now) : new Date()
    const hours = input.lookback_hours ?? SWEEP_DEFAULTS.lookback_hours
    const age = input.min_age_seconds ?? SWEEP_DEFAULTS.min_age_seconds
    return {
      since: new Date(now.getTime() - hours * 3_600_000),
      until: new Date(now.getTime() - age * 1000),
      before_display_id: input.before_display_id ?? null,
      limit: Math.min(Math.max(1, input.limit ?? SWEEP_DEFAULTS.limit), 1000),
      auto_capture: input.auto_capture,
    }
  })
  const found = findOrdersToSweepStep(window)
  const recovery = recoverSweptOrdersStep(transform({ found }, ({ found }) => ({ orders: found.orders })))
  when({ recovery }, ({ recovery }) => recovery.swept.length > 0).then(() =>
    emitEventStep({
      eventName: AccessEvents.ORDER_SWEPT,
      data: transform({ recovery }, ({ recovery }) => recovery.swept.map((s) => ({ id: s.order_id, repaired: s.repaired }))),
    }).config({ name: "emit-orders-swept" })
  )
  return new WorkflowResponse(
    transform({ found, recovery }, ({ found, recovery }) => ({
      examined: found.examined,
      swept: recovery.swept,
      failed: recovery.failed,
      next_before_display_id: found.next_before_display_id,
    }))
  )
})
