/**
 * Plan switches of a subscription, as pure functions of integer minor units and dates.
 *
 * - An **upgrade** (the new plan costs more per period, or costs the same with a higher
 *   tier) applies at once. The customer pays the difference of the two plans' prices for
 *   the unused share of the current period, measured in whole seconds:
 *   `floor((new - old) * remaining_seconds / period_seconds)` minor units. That is the cost
 *   of the rest of the period on the new plan minus the credit for the rest of it on the
 *   old one, rounded down (in the customer's favour) once, on the difference, so it is
 *   never negative, never more than the new price, the full difference at the period's
 *   start and 0 at its end. Zero-decimal currencies (JPY) are whole units already.
 * - Anything else is a **downgrade**: nothing is charged now; the next renewal bills the
 *   new plan and switches to it.
 */
export type SwitchKind = "upgrade" | "downgrade"

export function switchKind(oldAmount: number, newAmount: number, oldTier: number, newTier: number): SwitchKind {
  if (newAmount > oldAmount) return "upgrade"
  if (newAmount === oldAmount && newTier > oldTier) return "upgrade"
  return "downgrade"
}

export type ProrationInput = {
  /** Price per period of the current plan, integer minor units (>= 0). */
  old_amount: number
  /** Price per period of the new plan, integer minor units (>= 0). */
  new_amount: number
  period_start: Date
  period_end: Date
  now: Date
}

export type Proration = { amount: number; remaining_seconds: number; period_seconds: number }

const wholeSeconds = (ms: number) => Math.floor(ms / 1000)

/** What an upgrade now costs for the rest of the current period (see the file's comment). */
export function prorateUpgrade({ old_amount, new_amount, period_start, period_end, now }: ProrationInput): Proration {
  for (const [name, v] of [["old_amount", old_amount], ["new_amount", new_amount]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer of minor units, got ${v}`)
  }
  const start = period_start.getTime()
  const end = period_end.getTime()
  if (!(end > start)) throw new RangeError("period_end must be after period_start")
  const period = wholeSeconds(end - start)
  const remaining = Math.min(period, Math.max(0, wholeSeconds(end - now.getTime())))
  if (new_amount <= old_amount || period === 0 || remaining === 0) {
    return { amount: 0, remaining_seconds: remaining, period_seconds: period }
  }
  const amount = (BigInt(new_amount - old_amount) * BigInt(remaining)) / BigInt(period)
  return { amount: Number(amount), remaining_seconds: remaining, period_seconds: period }
}

/** Digits after the decimal point of a currency (USD 2, JPY 0, KWD 3): rules/currency.ts. */
export { currencyDigits as currencyDecimals } from "./currency"

/**
 * A decimal amount in major units (Medusa's prices: 19.99, "1500") as integer minor units,
 * by string arithmetic (no float multiplication); digits beyond the currency's are rounded
 * half up.
 */
export function toMinorUnits(amount: string | number, decimals: number): number {
  const text = typeof amount === "number" ? amount.toFixed(Math.max(decimals, 0) + 4) : String(amount).trim()
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) throw new RangeError(`"${amount}" is not a decimal amount`)
  const [, sign, whole, frac = ""] = m
  const kept = (frac + "0".repeat(decimals)).slice(0, decimals)
  let minor = BigInt(whole + kept)
  if ((frac[decimals] ?? "0") >= "5") minor += 1n
  const n = Number(sign ? -minor : minor)
  if (!Number.isSafeInteger(n)) throw new RangeError(`"${amount}" is too large`)
  return n
}

/** Integer minor units as a decimal string in major units ("12.34", JPY "1500"). */
export function fromMinorUnits(minor: number, decimals: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not an integer of minor units`)
  const sign = minor < 0 ? "-" : ""
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0")
  return decimals === 0 ? sign + digits : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
}
