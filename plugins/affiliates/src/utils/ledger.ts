/** What this plugin uses from @volmify/ledger (its public, typed entry points). */
export { toMinor, fromMinor, minorToNumber, currencyDigits } from "@volmify/ledger/money"
export { chartAccount } from "@volmify/ledger/chart"
export { accountKey } from "@volmify/ledger/modules/ledger"
/** postLedgerEntries opens the accounts, posts (one DB transaction) and emits `ledger.transaction.posted`. */
export { postLedgerEntries, recordPayoutWorkflow } from "@volmify/ledger/workflows"

/** Ledger owner type of an affiliate's payable (already in the ledger's chart). */
export const AFFILIATE_OWNER = "affiliate"
export const COMMISSION_REFERENCE = "affiliate_commission"
export const CLAWBACK_REFERENCE = "affiliate_clawback"

export const affiliateOwner = (affiliate: { id: string; code?: string }) => ({
  type: AFFILIATE_OWNER,
  id: affiliate.id,
  name: affiliate.code ? `Affiliate ${affiliate.code}` : undefined,
})
