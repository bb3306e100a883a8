import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { planOrderPostingStep } from "./steps/plan-order-posting"
import { postLedgerEntries } from "@volmify/ledger/workflows"
import { onChartAccounts, orderLockKey } from "./steps/order-revenue-posting"

/**
 * Posts an order's revenue split to the ledger when its payment is captured. Idempotent:
 * a lock on the order (shared with refunds), the "already posted?" guard, and the ledger's
 * unique (reference_type, reference_id) make any number of deliveries post once.
 */
export const postOrderRevenueWorkflow = createWorkflow(
  "post-order-revenue",
  (input: { order_id: string; processing_fee?: number | string | null }) => {
    const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
    const plan = planOrderPostingStep(input)
    const results = postLedgerEntries(
      transform({ plan }, ({ plan }) => ({
        accounts: plan.accounts,
        transactions: plan.transaction ? [onChartAccounts(plan.transaction, plan.accounts)] : [],
      }))
    )
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(
      transform({ plan, results }, ({ plan, results }) => ({
        skipped: plan.skipped,
        transaction: results[0]?.transaction ?? null,
      }))
    )
  }
)
