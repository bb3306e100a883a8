import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { splitDifference, type ReportedFee } from "../rules/processing-fee"
import { onChartAccounts, orderLockKey } from "./steps/order-revenue-posting"
import { planFeeAdjustmentStep } from "./steps/plan-fee-adjustment"
import { FEE_ADJUSTMENT_REFERENCE } from "./steps/plan-refund-reversals"

import { postLedgerEntries } from "@volmify/ledger/workflows"
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
    const results = postLedgerEntries(
      transform({ plan, input }, ({ plan, input }) => {
        if (!plan.transaction) return { transactions: [] }
        const currency = plan.transaction.currency_code
        // Diffed per account key (the posted entries' accounts and the wanted split's chart accounts).
        const signed = (e: { line_item_id: string | null; product_id?: string | null; direction: "debit" | "credit"; amount: string }, account_key: string) => ({
          account_id: account_key,
          line_item_id: e.line_item_id ?? null,
          product_id: e.product_id ?? null,
          direction: e.direction,
          minor: toMinor(e.amount, currency),
        })
        const diff = splitDifference(
          plan.posted.map((e) => signed(e, e.account_key)),
          plan.wanted.map((e) => signed(e, e.account_key))
        )
        if (!diff.length) return { transactions: [] }
        const postedIds = new Map(plan.posted.map((e) => [e.account_key, e.account_id]))
        const wantedKeys = new Set(plan.wanted.map((e) => e.account_key))
        const entries = diff.map(({ minor, account_id: key, ...entry }) => ({
          ...entry,
          amount: fromMinor(minor, currency),
          // An account of the wanted split is opened if new; one only in the posting is known by id.
          ...(wantedKeys.has(key) ? { account_key: key } : { account_id: postedIds.get(key) }),
        }))
        return {
          accounts: plan.accounts,
          transactions: [
            onChartAccounts(
              {
                ...plan.transaction,
                kind: "adjustment" as const,
                reference_type: FEE_ADJUSTMENT_REFERENCE,
                reference_id: input.order_id,
                occurred_at: new Date(),
                entries,
              },
              plan.accounts
            ),
          ],
        }
      })
    )
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(
      transform({ plan, results }, ({ plan, results }) => ({
        skipped: plan.skipped ?? (!results.length ? "the posting already uses this fee" : results[0].created ? null : "already adjusted"),
        transaction: results[0]?.created ? results[0].transaction : null,
      }))
    )
  }
)
