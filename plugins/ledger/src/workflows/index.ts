export * from "./post-ledger-transaction"
export * from "./record-payout"
export * from "./steps/ledger-records"
export * from "./steps/validate-order-ids"
