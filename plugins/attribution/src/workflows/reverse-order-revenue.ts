import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { planRefundReversalsStep } from "./steps/plan-refund-reversals"
import { postLedgerEntries } from "@volmify/ledger/workflows"
import { onChartAccounts, orderLockKey } from "./steps/order-revenue-posting"

/**
 * Posts a reversing transaction for each refund of the order not reversed yet, in
 * proportion to the refunded amount (never more than was posted). Same lock as the
 * capture posting; replays find every refund reversed and post nothing.
 */
export const reverseOrderRevenueWorkflow = createWorkflow("reverse-order-revenue", (input: { order_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const plan = planRefundReversalsStep(input)
  const results = postLedgerEntries(
    transform({ plan }, ({ plan }) => ({
      accounts: plan.accounts,
      transactions: plan.transactions.map((t) => onChartAccounts(t, plan.accounts)),
    }))
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(
    transform({ plan, results }, ({ plan, results }) => ({
      skipped: plan.skipped,
      transactions: results.filter((r) => r.created).map((r) => r.transaction),
    }))
  )
})
