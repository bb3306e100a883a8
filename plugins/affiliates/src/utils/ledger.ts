/** What this plugin uses from @volmify/ledger (plugins ship no type declarations). */
const money = require("@volmify/ledger/utils/money") as {
  toMinor(amount: unknown, currency: string, opts?: { exact?: boolean; field?: string }): bigint
  fromMinor(minor: bigint, currency: string): string
  minorToNumber(minor: bigint, currency: string): number
  currencyDigits(currency: string): number
}
const chart = require("@volmify/ledger/chart") as {
  chartAccount(org_id: string, code: string, currency: string, owner?: { type: string; id: string; name?: string }): any
}
const ledgerModule = require("@volmify/ledger/modules/ledger") as { accountKey(spec: any): string }
const ledgerWorkflows = require("@volmify/ledger/workflows") as {
  /** Opens the accounts, posts (one DB transaction), emits `ledger.transaction.posted`. */
  postLedgerEntries: (input: any) => any
  recordPayoutWorkflow: any
  validateOrderIdsStep: any
}

export const { toMinor, fromMinor, minorToNumber, currencyDigits } = money
export const { chartAccount } = chart
export const { accountKey } = ledgerModule
export const { postLedgerEntries, recordPayoutWorkflow, validateOrderIdsStep } = ledgerWorkflows

/** Ledger owner type of an affiliate's payable (already in the ledger's chart). */
export const AFFILIATE_OWNER = "affiliate"
export const COMMISSION_REFERENCE = "affiliate_commission"
export const CLAWBACK_REFERENCE = "affiliate_clawback"

export const affiliateOwner = (affiliate: { id: string; code?: string }) => ({
  type: AFFILIATE_OWNER,
  id: affiliate.id,
  name: affiliate.code ? `Affiliate ${affiliate.code}` : undefined,
})
