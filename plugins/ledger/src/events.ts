/** Events emitted by @volmify/ledger. Payloads carry ids only. */
export const LedgerEvents = {
  TRANSACTION_POSTED: "ledger.transaction.posted",
} as const
