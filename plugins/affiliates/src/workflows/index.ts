export * from "./affiliates"
export * from "./referrals"
export * from "./commissions"
export * from "./payouts"
