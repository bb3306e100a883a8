/**
 * The calendar of a subscription, as pure functions of dates (UTC). Periods are whole
 * intervals from the anchor; a month interval keeps the anchor's day and clamps to the end
 * of shorter months (Jan 31 -> Feb 28 -> Mar 31), so drift never accumulates.
 */
export type BillingInterval = "week" | "month" | "year"

const DAY_MS = 86_400_000

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS)
}

/** `anchor` plus `count` intervals (count >= 0). */
export function addIntervals(anchor: Date, interval: BillingInterval, count: number): Date {
  if (interval === "week") {
    return addDays(anchor, 7 * count)
  }
  const months = interval === "year" ? 12 * count : count
  const y = anchor.getUTCFullYear()
  const m = anchor.getUTCMonth() + months
  const targetYear = y + Math.floor(m / 12)
  const targetMonth = ((m % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate()
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      Math.min(anchor.getUTCDate(), lastDay),
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds()
    )
  )
}

/** Default dunning: retry 1, 3 and 5 days after the first failed charge of a period. */
export const DEFAULT_RETRY_DAYS = [1, 3, 5] as const

/**
 * What happens after a failed charge of a period: the next retry time, or cancellation
 * when every retry has been spent (`attempts` counts failed attempts so far, first
 * included) or the org's grace period after the first failure is over.
 */
export function nextDunningStep(
  pastDueSince: Date,
  attempts: number,
  now: Date,
  retryDays: readonly number[] = DEFAULT_RETRY_DAYS,
  graceDays: number | null = null
): { action: "retry"; at: Date } | { action: "cancel" } {
  const graceEnd = graceDays === null ? null : addDays(pastDueSince, graceDays)
  if (attempts > retryDays.length || (graceEnd && now >= graceEnd)) {
    return { action: "cancel" }
  }
  const at = addDays(pastDueSince, retryDays[attempts - 1])
  if (graceEnd && at > graceEnd) {
    return { action: "retry", at: graceEnd }
  }
  return { action: "retry", at }
}
