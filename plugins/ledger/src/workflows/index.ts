export * from "./post-ledger-transaction"
export * from "./record-payout"
export * from "./steps/post-ledger-entries"
