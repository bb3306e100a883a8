import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findMissedRevenueStep } from "./steps/find-missed-revenue"
import { postOrdersRevenueWorkflow } from "./post-orders-revenue"

/**
 * The safety net under `payment.captured` (hourly job `post-missed-revenue`): up to
 * `limit` (default 500) orders captured in full since `since` (ids after `after`) that have
 * no revenue posting are posted through postOrdersRevenueWorkflow. Returns what it found
 * (the job continues after the last one), posted and skipped.
 */
export const postMissedRevenueWorkflow = createWorkflow(
  "post-missed-revenue",
  (input: { since: Date | string; after?: string | null; limit?: number }) => {
    const found = findMissedRevenueStep(transform({ input }, ({ input }) => ({ ...input, limit: Math.min(Math.max(1, input.limit ?? 500), 1000) })))
    const backlog = when({ found }, ({ found }) => found.order_ids.length > 0).then(() =>
      postOrdersRevenueWorkflow.runAsStep({ input: transform({ found }, ({ found }) => ({ order_ids: found.order_ids })) })
    )
    return new WorkflowResponse(
      transform({ found, backlog }, ({ found, backlog }) => ({
        captured_orders: found.captured_orders,
        found: found.order_ids,
        posted: backlog?.posted ?? [],
        skipped: backlog?.skipped ?? [],
      }))
    )
  }
)
