import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, StepResponse, transform, when, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { CHART, chartAccount, type ChartCode } from "../../chart"
import { LedgerEvents } from "../../events"
import { LEDGER_MODULE } from "../../modules/ledger"
import type LedgerModuleService from "../../modules/ledger/service"
import { accountKey, type AccountSpec, type LedgerAccountRow, type PostEntryInput, type PostResult, type PostTransactionInput } from "../../modules/ledger/service"

/** Whose account it is, for per-person accounts (payables): `{ type: "employee", id }`. */
export type LedgerOwner = { type: string; id: string; name?: string }
/** A chart account of the transaction's org and currency: its chart code and owner. */
export type LedgerAccountRef = { code: ChartCode; owner?: LedgerOwner | null }
/** An entry on a chart account (`account`), or on an account already known by id (`account_id`). */
export type LedgerEntryInput = Omit<PostEntryInput, "account_id"> & { account_id?: string | null; account?: LedgerAccountRef | null }
export type LedgerPostingInput = Omit<PostTransactionInput, "entries" | "no_negative_balance"> & {
  entries: LedgerEntryInput[]
  /** Accounts (ids or chart refs) whose balance must not go below zero after posting. */
  no_negative_balance?: (string | LedgerAccountRef)[]
}
export type PostLedgerEntriesInput = {
  transactions: LedgerPostingInput[]
  /** More accounts to open even when nothing is posted to them now (`chartAccount(...)` specs). */
  accounts?: AccountSpec[]
}
export type PostedTransaction = PostResult

type Undo = { transaction_ids: string[]; account_ids: string[] }

/** The chart spec of `ref` in the posting's org and currency; 400 naming `where` for a code not in the chart. */
function specOf(t: LedgerPostingInput, ref: LedgerAccountRef | null | undefined, where: string): AccountSpec {
  if (!ref || typeof ref.code !== "string" || !Object.prototype.hasOwnProperty.call(CHART, ref.code)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${where} must be an account id or a chart account (one of ${Object.keys(CHART).join(", ")})`)
  }
  if (typeof t?.org_id !== "string" || typeof t.currency_code !== "string") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${where}: the transaction needs org_id and currency_code`)
  }
  return chartAccount(t.org_id, ref.code, t.currency_code, ref.owner ?? undefined)
}

/**
 * The ledger's one way in for other plugins' workflows: transactions whose entries name
 * chart accounts (code + owner, in the transaction's org and currency) or account ids.
 * Opens the accounts that do not exist yet and posts the transactions (all or nothing,
 * once per reference: see LedgerModuleService.postTransactions) in ONE DB transaction, so
 * a refused posting leaves no account behind. Returns `{ transaction, created }` per input,
 * in order. Compensation removes the transactions and the accounts this step created (the
 * undo of a run that failed, as for any workflow; posted books are corrected by reversals).
 * Use `postLedgerEntries` in a workflow: it also emits `ledger.transaction.posted`.
 */
export const postLedgerEntriesStep = createStep(
  "post-ledger-entries",
  async (input: PostLedgerEntriesInput, { container }) => {
    const transactions = input?.transactions ?? []
    const label = (i: number) => (transactions.length > 1 ? `transactions[${i}].` : "")
    const specs = new Map<string, AccountSpec>()
    const keyOf = (t: LedgerPostingInput, ref: LedgerAccountRef | null | undefined, where: string) => {
      const spec = specOf(t, ref, where)
      const key = accountKey(spec)
      specs.set(key, spec)
      return key
    }
    const planned = transactions.map((t, i) => ({
      t,
      entries: (Array.isArray(t?.entries) ? t.entries : []).map((e, j) =>
        e?.account_id ? { id: e.account_id } : { key: keyOf(t, e?.account, `${label(i)}entries[${j}].account`) }
      ),
      guards: (t?.no_negative_balance ?? []).map((g, j) =>
        typeof g === "string" ? { id: g } : { key: keyOf(t, g, `${label(i)}no_negative_balance[${j}]`) }
      ),
    }))
    for (const spec of input?.accounts ?? []) specs.set(accountKey(spec), spec)

    if (!planned.length && !specs.size) return new StepResponse<PostedTransaction[], Undo>([], { transaction_ids: [], account_ids: [] })
    const idOf = (accounts: Record<string, LedgerAccountRow>, a: { id?: string; key?: string }) => a.id ?? accounts[a.key!].id
    const { results, created_account_ids } = await container
      .resolve<LedgerModuleService>(LEDGER_MODULE)
      .postWithAccounts([...specs.values()], (accounts) =>
        planned.map(({ t, entries, guards }) => {
          const { no_negative_balance: _guards, entries: raw, ...rest } = t
          return {
            ...rest,
            entries: raw.map(({ account: _ref, account_id: _id, ...e }, j) => ({ ...e, account_id: idOf(accounts, entries[j]) })),
            ...(guards.length ? { no_negative_balance: guards.map((g) => idOf(accounts, g)) } : {}),
          }
        })
      )
    return new StepResponse<PostedTransaction[], Undo>(results, {
      transaction_ids: results.filter((r) => r.created).map((r) => r.transaction.id),
      account_ids: created_account_ids,
    })
  },
  async (undo, { container }) => {
    if (!undo) return
    const ledger = container.resolve<LedgerModuleService>(LEDGER_MODULE)
    await ledger.rollbackPostedTransactions(undo.transaction_ids)
    await ledger.removeUnusedAccounts(undo.account_ids)
  }
)

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
 * In a workflow's composition: postLedgerEntriesStep, then `ledger.transaction.posted` for
 * each transaction it created (released when the workflow completes). Returns the step's
 * `{ transaction, created }[]`.
 */
export function postLedgerEntries(input: WorkflowData<PostLedgerEntriesInput> | PostLedgerEntriesInput): WorkflowData<PostedTransaction[]> {
  const results = postLedgerEntriesStep(input as WorkflowData<PostLedgerEntriesInput>)
  emitPostedTransactions(results)
  return results
}
