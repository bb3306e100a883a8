import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { planOrdersPostingsStep } from "./steps/plan-order-posting"
import { postLedgerEntries } from "@volmify/ledger/workflows"
import { validateOrderIdsStep } from "@volmify/orgs/workflows"
import { onChartAccounts, orderLockKey } from "./steps/order-revenue-posting"

/**
 * A backlog's capture postings (orders whose payment.captured was missed or queued, an
 * import): the same posting per order as postOrderRevenueWorkflow, for up to 1,000 orders
 * at once, in a fixed number of queries and one ledger write (all or nothing). Locks every
 * order (shared with the per-order path and refunds); orders not fully captured or already
 * posted are skipped with their reason.
 */
export const postOrdersRevenueWorkflow = createWorkflow("post-orders-revenue", (input: { order_ids: string[] }) => {
  const orderIds = validateOrderIdsStep(input)
  const lockKeys = transform({ orderIds }, ({ orderIds }) => orderIds.map(orderLockKey))
  acquireLockStep({ key: lockKeys, timeout: 60, ttl: 300 })
  const plan = planOrdersPostingsStep({ order_ids: orderIds })
  const results = postLedgerEntries(
    transform({ plan }, ({ plan }) => ({
      accounts: plan.accounts,
      transactions: plan.plans.filter((p) => p.transaction).map((p) => onChartAccounts(p.transaction!, plan.accounts)),
    }))
  )
  releaseLockStep({ key: lockKeys })
  return new WorkflowResponse(
    transform({ plan, results }, ({ plan, results }) => ({
      posted: results.filter((r) => r.created).map((r) => r.transaction.reference_id),
      skipped: plan.plans.filter((p) => p.skipped).map((p) => ({ order_id: p.order_id, reason: p.skipped as string })),
    }))
  )
})
