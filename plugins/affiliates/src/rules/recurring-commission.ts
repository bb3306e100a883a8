/*
 * Commissions on subscription renewals (@volmify/access bills each period as an order whose
 * metadata names the subscription and the period). Pure.
 */

export type RecurringSetting = { recurring_commission?: "first_payment" | "recurring" | null; recurring_months?: number | null }
export type RenewedSubscription = { interval: "week" | "month" | "year"; interval_count: number }

/**
 * Whether paid period `period` (1-based: period 1 is the first paid one, the checkout order
 * without a trial, the first renewal after one) earns the referring affiliate a commission:
 * - `first_payment` (default): period 1 only;
 * - `recurring` with `recurring_months` N: periods starting less than N months after period
 *   1 started, i.e. (period - 1) x interval_count intervals < N months (a week is 12/52 of a
 *   month, compared exactly: weeks x 12 < N x 52). Monthly, N = 2: periods 1 and 2;
 * - `recurring` with no months: every period.
 * Returns null when it earns, else why not.
 */
export function recurringCommissionRefusal(program: RecurringSetting, sub: RenewedSubscription, period: number): string | null {
  if (period <= 1) return null
  if ((program.recurring_commission ?? "first_payment") !== "recurring") {
    return "subscription renewal: the program pays on the first payment only"
  }
  const months = program.recurring_months
  if (months === null || months === undefined) return null
  const elapsed = (period - 1) * sub.interval_count
  const inside =
    sub.interval === "week" ? elapsed * 12 < months * 52 : sub.interval === "year" ? elapsed * 12 < months : elapsed < months
  return inside ? null : `subscription renewal: period ${period} starts after the program's ${months} months of recurring commission`
}
