import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN, MedusaError } from "@medusajs/framework/utils"

/*
 * Exact money helpers. Medusa stores major units (49.99) as BigNumber; rules that split
 * money work in integer minor units (bigint). These convert between the two without ever
 * passing through a JS float.
 */

/** bignumber.js rounding mode 4: half away from zero. */
const ROUND_HALF_UP = 4

const digitsCache = new Map<string, number>()

/**
 * Minor digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3), from the runtime's ICU data.
 * INVALID_DATA (400) for a code that is not a currency.
 */
export function currencyDigits(currencyCode: string): number {
  const code = (currencyCode ?? "").toUpperCase()
  const cached = digitsCache.get(code)
  if (cached !== undefined) return cached
  let digits: number
  try {
    if (!/^[A-Z]{3}$/.test(code)) throw new RangeError(code)
    digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `currency_code "${currencyCode}" is not an ISO 4217 currency`)
  }
  digitsCache.set(code, digits)
  return digits
}

/**
 * A major-unit amount as integer minor units, rounded half away from zero to the
 * currency's digits ("at the moment of posting"). `exact: true` refuses amounts with more
 * decimals than the currency has (400 naming `field`).
 */
export function toMinor(amount: BigNumberInput, currencyCode: string, opts: { exact?: boolean; field?: string } = {}): bigint {
  const digits = currencyDigits(currencyCode)
  let value
  try {
    value = MathBN.convert(amount)
  } catch {
    value = null
  }
  if (!value || !value.isFinite()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${opts.field ?? "amount"} must be a number, got ${String(amount)}`)
  }
  const shifted = value.shiftedBy(digits)
  if (opts.exact && !shifted.isInteger()) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${opts.field ?? "amount"} has more than ${digits} decimal(s) for ${currencyCode.toUpperCase()}: ${value.toFixed()}`
    )
  }
  return BigInt(shifted.integerValue(ROUND_HALF_UP).toFixed(0))
}

/** Integer minor units as an exact major-unit decimal string ("58.80", "9531", "1.250"). */
export function fromMinor(minor: bigint, currencyCode: string): string {
  const digits = currencyDigits(currencyCode)
  const negative = minor < 0n
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, "0")
  const whole = digits ? abs.slice(0, -digits) : abs
  const fraction = digits ? abs.slice(-digits) : ""
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`
}

/** Integer minor units as a major-unit number for JSON (exact decimal first, number last). */
export function minorToNumber(minor: bigint, currencyCode: string): number {
  return MathBN.convert(fromMinor(minor, currencyCode)).toNumber()
}

/** Rounds a major-unit amount to the currency's digits, as an exact decimal string. */
export function roundMajor(amount: BigNumberInput, currencyCode: string): string {
  return fromMinor(toMinor(amount, currencyCode), currencyCode)
}
