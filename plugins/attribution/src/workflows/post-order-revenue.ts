import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findMissedRevenueStep } from "./steps/find-missed-revenue"
import { planOrderPostingStep, planOrdersPostingsStep } from "./steps/plan-order-posting"
import { planRefundReversalsStep } from "./steps/plan-refund-reversals"

import { postLedgerEntries, validateOrderIdsStep } from "@volmify/ledger/workflows"
import { accountKey } from "@volmify/ledger/modules/ledger"

export const orderLockKey = (orderId: string) => `attribution:order:${orderId}`

/** The chart account (code and owner) of an account spec made by `chartAccount`. */
const chartRefOf = (spec: any) => ({
  code: spec.code,
  owner: spec.owner_id ? { type: spec.owner_type, id: spec.owner_id, name: spec.name } : null,
})

/**
 * A planned transaction for the ledger's posting step: entries planned on an account key
 * (one of `specs`) name that chart account; entries with an account id keep it.
 */
export function onChartAccounts<T extends { entries: any[] }>(transaction: T, specs: any[]) {
  const byKey = new Map(specs.map((spec) => [accountKey(spec), spec]))
  return {
    ...transaction,
    entries: transaction.entries.map(({ account_key, ...entry }: any) => (account_key ? { ...entry, account: chartRefOf(byKey.get(account_key)) } : entry)),
  }
}

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
      posted: results.filter((r: any) => r.created).map((r: any) => r.transaction.reference_id as string),
      skipped: plan.plans.filter((p) => p.skipped).map((p) => ({ order_id: p.order_id, reason: p.skipped as string })),
    }))
  )
})

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
        posted: (backlog as any)?.posted ?? [],
        skipped: (backlog as any)?.skipped ?? [],
      }))
    )
  }
)

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
      transactions: plan.transactions.map((t: any) => onChartAccounts(t, plan.accounts)),
    }))
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(
    transform({ plan, results }, ({ plan, results }) => ({
      skipped: plan.skipped,
      transactions: results.filter((r: any) => r.created).map((r: any) => r.transaction),
    }))
  )
})
