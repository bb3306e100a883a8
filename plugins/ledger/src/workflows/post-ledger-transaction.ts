import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { PostTransactionInput } from "../modules/ledger/service"
import { postLedgerEntries } from "./steps/post-ledger-entries"

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
    const results = postLedgerEntries(transform({ input }, ({ input }) => ({ transactions: [input] })))
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(transform({ results }, ({ results }) => results[0]))
  }
)
