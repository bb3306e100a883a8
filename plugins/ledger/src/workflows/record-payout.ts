import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { BigNumberInput } from "@medusajs/framework/types"
import { ulid } from "ulid"
import { postLedgerEntries } from "./steps/post-ledger-entries"

export type RecordPayoutWorkflowInput = {
  org_id: string
  currency_code: string
  /** Whose payable is paid: e.g. { type: "employee", id: "oemp_..." }. */
  owner: { type: string; id: string; name?: string }
  /** Major units, rounded to the currency's digits. */
  amount: BigNumberInput
  /** Idempotency: the same reference records one payout (a new one when omitted). */
  reference_id?: string
  note?: string | null
  recorded_by?: string | null
}

/**
 * Records money paid out to a person: debits their payable, credits cash. Refused (400,
 * nothing written) when it would take the payable below zero; the payable is locked
 * (FOR UPDATE) while its balance is checked, and the payee is locked for the run.
 */
export const recordPayoutWorkflow = createWorkflow("record-ledger-payout", (input: RecordPayoutWorkflowInput) => {
  const lockKey = transform({ input }, ({ input }) => `ledger:payout:${input.org_id}:${input.owner.type}:${input.owner.id}`)
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
  const results = postLedgerEntries(
    transform({ input }, ({ input }) => {
      const payable = { code: "payable" as const, owner: input.owner }
      return {
        transactions: [
          {
            org_id: input.org_id,
            currency_code: input.currency_code,
            kind: "payout" as const,
            reference_type: "payout",
            reference_id: input.reference_id ?? `payout_${ulid()}`,
            description: input.note ?? null,
            metadata: { owner_type: input.owner.type, owner_id: input.owner.id, recorded_by: input.recorded_by ?? null },
            entries: [
              { account: payable, direction: "debit" as const, amount: input.amount },
              { account: { code: "cash" as const }, direction: "credit" as const, amount: input.amount },
            ],
            no_negative_balance: [payable],
          },
        ],
      }
    })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(transform({ results }, ({ results }) => results[0]))
})
