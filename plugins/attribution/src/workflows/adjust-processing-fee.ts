import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { splitDifference, type ReportedFee } from "../rules/processing-fee"
import { orderLockKey } from "./post-order-revenue"
import { planFeeAdjustmentStep } from "./steps/plan-fee-adjustment"
import { FEE_ADJUSTMENT_REFERENCE } from "./steps/plan-refund-reversals"

import { emitPostedTransactions, ensureLedgerAccountsStep, postLedgerTransactionsStep } from "@volmify/ledger/workflows"
import { toMinor, fromMinor } from "@volmify/ledger/money"

/**
 * The provider's actual processing fee replaces the estimate an order was posted with, after
 * the fact: one `adjustment` transaction (reference `processing_fee`/order id) that moves
 * the difference between the fee and the net's parts (creators' shares, the org's
 * remainder) line by line, so the capture's split becomes what it would have been with the
 * real fee. Balanced (cash is unchanged), once per order: the order lock (shared with the
 * posting and refunds), the "already adjusted" guard and the ledger's unique reference make
 * duplicate reports one adjustment. A fee equal to the posted one posts nothing.
 */
export const adjustOrderProcessingFeeWorkflow = createWorkflow(
  "adjust-order-processing-fee",
  (input: { order_id: string; processing_fee: ReportedFee }) => {
    const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
    const plan = planFeeAdjustmentStep(input)
    const accounts = ensureLedgerAccountsStep(transform({ plan }, ({ plan }) => plan.accounts))
    const results = postLedgerTransactionsStep(
      transform({ plan, accounts, input }, ({ plan, accounts, input }) => {
        if (!plan.transaction) return []
        const currency = plan.transaction.currency_code
        const signed = (e: any, account_id: string) => ({
          account_id,
          line_item_id: e.line_item_id ?? null,
          product_id: e.product_id ?? null,
          direction: e.direction,
          minor: toMinor(e.amount, currency),
        })
        const diff = splitDifference(
          plan.posted.map((e) => signed(e, e.account_id)),
          plan.wanted.map((e) => signed(e, accounts[e.account_key].id))
        )
        if (!diff.length) return []
        return [
          {
            ...plan.transaction,
            kind: "adjustment",
            reference_type: FEE_ADJUSTMENT_REFERENCE,
            reference_id: input.order_id,
            occurred_at: new Date(),
            entries: diff.map(({ minor, ...entry }) => ({ ...entry, amount: fromMinor(minor, currency) })),
          },
        ]
      })
    )
    emitPostedTransactions(results)
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(
      transform({ plan, results }, ({ plan, results }) => ({
        skipped: plan.skipped ?? (!results.length ? "the posting already uses this fee" : results[0].created ? null : "already adjusted"),
        transaction: results[0]?.created ? results[0].transaction : null,
      }))
    )
  }
)
