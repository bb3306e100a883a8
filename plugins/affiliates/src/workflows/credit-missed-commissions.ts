import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findMissedCommissionsStep } from "./steps/find-missed-commissions"
import { createOrdersCommissionsWorkflow } from "./create-orders-commissions"

/**
 * The safety net under `order.placed` (hourly job `credit-missed-commissions`): up to
 * `limit` (default 500) referred orders placed since `since` (ids after `after`) that have no
 * commission go through createOrdersCommissionsWorkflow, which decides as the per-order path
 * does whether each earns one. Returns what it found (the job continues after the last one).
 */
export const creditMissedCommissionsWorkflow = createWorkflow(
  "credit-missed-commissions",
  (input: { since: Date | string; after?: string | null; limit?: number }) => {
    const found = findMissedCommissionsStep(transform({ input }, ({ input }) => ({ ...input, limit: Math.min(Math.max(1, input.limit ?? 500), 1000) })))
    const backlog = when({ found }, ({ found }) => found.order_ids.length > 0).then(() =>
      createOrdersCommissionsWorkflow.runAsStep({ input: transform({ found }, ({ found }) => ({ order_ids: found.order_ids })) })
    )
    return new WorkflowResponse(
      transform({ found, backlog }, ({ found, backlog }) => ({
        orders: found.orders,
        found: found.order_ids,
        commissions: backlog?.commissions ?? [],
        skipped: backlog?.skipped ?? [],
      }))
    )
  }
)
