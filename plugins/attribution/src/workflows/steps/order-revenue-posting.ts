import { accountKey, type AccountSpec } from "@volmify/ledger/modules/ledger"
import type { LedgerEntryInput } from "@volmify/ledger/workflows"

/** A planned entry: on a chart account by key (one of the specs) or on an account known by id. */
export type PlannedChartEntry = Omit<LedgerEntryInput, "account" | "account_id"> & { account_key?: string; account_id?: string | null }

export const orderLockKey = (orderId: string) => `attribution:order:${orderId}`

/** The chart account (code and owner) of an account spec made by `chartAccount`. */
export const chartRefOf = (spec: AccountSpec) => ({
  code: spec.code,
  owner: spec.owner_id ? { type: spec.owner_type, id: spec.owner_id, name: spec.name } : null,
})

/**
 * A planned transaction for the ledger's posting step: entries planned on an account key
 * (one of `specs`) name that chart account; entries with an account id keep it.
 */
export function onChartAccounts<T extends { entries: PlannedChartEntry[] }>(transaction: T, specs: AccountSpec[]): Omit<T, "entries"> & { entries: LedgerEntryInput[] } {
  const byKey = new Map(specs.map((spec) => [accountKey(spec), spec]))
  return {
    ...transaction,
    entries: transaction.entries.map(({ account_key, ...entry }) => (account_key ? { ...entry, account: chartRefOf(byKey.get(account_key)!) } : entry)),
  }
}
