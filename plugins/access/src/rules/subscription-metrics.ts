/*
 * Subscription metrics from counts (the SQL aggregates of AccessModuleService
 * .subscriptionMetricCounts) and prices. Pure; money in integer minor units (bigint).
 */

export type PricedGroup = {
  currency_code: string
  interval: "week" | "month" | "year"
  interval_count: number
  /** Subscriptions paying at the metric's moment in this group. */
  count: number
  /** The price of one period, integer minor units. */
  period_amount_minor: bigint
}

/** How much of one month a period of `count` x `interval` is worth, as an exact fraction. */
export function monthlyFactor(interval: PricedGroup["interval"], count: number): { num: bigint; den: bigint } {
  const n = BigInt(count)
  if (interval === "week") return { num: 52n, den: 12n * n } // 52 weeks a year / 12 months
  if (interval === "year") return { num: 1n, den: 12n * n }
  return { num: 1n, den: n }
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b))

/**
 * Monthly recurring revenue per currency, integer minor units: each group's period price x
 * count x its month factor (week x 52/12, year / 12, every N intervals / N), summed exactly
 * as fractions per currency and rounded once, half up, at the end (so 3 weekly $10
 * subscriptions are 13000 cents, not 3 x 4333).
 */
export function monthlyRecurringRevenue(groups: PricedGroup[]): Record<string, bigint> {
  const sums = new Map<string, { num: bigint; den: bigint }>()
  for (const g of groups) {
    const f = monthlyFactor(g.interval, g.interval_count)
    const num = g.period_amount_minor * BigInt(g.count) * f.num
    const prev = sums.get(g.currency_code) ?? { num: 0n, den: 1n }
    const sum = { num: prev.num * f.den + num * prev.den, den: prev.den * f.den }
    const d = gcd(sum.num, sum.den) || 1n
    sums.set(g.currency_code, { num: sum.num / d, den: sum.den / d })
  }
  const out: Record<string, bigint> = {}
  for (const [currency, { num, den }] of [...sums].sort(([a], [b]) => a.localeCompare(b))) {
    out[currency] = (2n * num + den) / (2n * den) // half up (amounts are never negative)
  }
  return out
}

/** A ratio as a decimal string with 4 places (half up), or null when nothing is measured. */
export function ratio(numerator: number, denominator: number): string | null {
  if (denominator <= 0) return null
  const scaled = (BigInt(numerator) * 20000n + BigInt(denominator)) / (2n * BigInt(denominator))
  const whole = scaled / 10000n
  return `${whole}.${(scaled % 10000n).toString().padStart(4, "0")}`
}

export { currencyDigits } from "./currency"
