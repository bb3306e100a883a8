import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerEvents } from "../events"
import type { PostTransactionInput } from "../modules/ledger/service"
import { PostedTransaction, postLedgerTransactionsStep } from "./steps/ledger-records"

/** Emits `ledger.transaction.posted` `{ id, org_id, kind, reference_type, reference_id }` per newly posted transaction. */
export function emitPostedTransactions(results: WorkflowData<PostedTransaction[]>) {
  const fresh = transform({ results }, ({ results }) =>
    (results ?? [])
      .filter((r) => r.created)
      .map(({ transaction: t }) => ({
        id: t.id,
        org_id: t.org_id,
        kind: t.kind,
        reference_type: t.reference_type,
        reference_id: t.reference_id,
      }))
  )
  when({ fresh }, ({ fresh }) => fresh.length > 0).then(() =>
    emitEventStep({ eventName: LedgerEvents.TRANSACTION_POSTED, data: fresh })
  )
}

/**
 * Posts one balanced transaction for a reference (e.g. an affiliate commission), once:
 * a lock on the reference, the service's "already posted?" check and the unique
 * (reference_type, reference_id) index. Returns `{ transaction, created }`.
 */
export const postLedgerTransactionWorkflow = createWorkflow(
  "post-ledger-transaction",
  (input: PostTransactionInput) => {
    const lockKey = transform({ input }, ({ input }) => `ledger:ref:${input.reference_type}:${input.reference_id}`)
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const results = postLedgerTransactionsStep(transform({ input }, ({ input }) => [input]))
    emitPostedTransactions(results)
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(transform({ results }, ({ results }) => results[0]))
  }
)
