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

/**
 * One SQL sum of ledger entries for an (account code, owner type, transaction kind) group,
 * as the ledger's `summarizeEntries` (or the same GROUP BY in SQL) returns it: debits and
 * credits as exact major-unit decimal strings.
 */
export type LedgerSumRow = {
  code?: string | null
  owner_type?: string | null
  kind?: string | null
  debits: string
  credits: string
}

/** What a set of an org's ledger sums amounts to, in integer minor units of one currency. */
export type LedgerTotals = {
  /** Cash brought in by sales (reversals excluded). */
  gross: bigint
  /** Cash given back (refund reversals and any other cash credits but payouts). */
  refunds: bigint
  tax: bigint
  platform_fees: bigint
  processing_fees: bigint
  /** Net payable to employees (creators' shares), payouts excluded. */
  employee_shares: bigint
  /** Net payable to other owners (affiliates), payouts excluded. */
  other_payables: bigint
  /** The org's commission expense (debits - credits). */
  affiliate_commissions: bigint
  org_revenue: bigint
  /** Processing fees a provider kept on refunds, borne by the org / by the platform. */
  refund_fees_org: bigint
  refund_fees_platform: bigint
  /** Cash paid out (payout transactions). */
  paid_out: bigint
  /** The part of `paid_out` that settled employees' payables / other owners' (affiliates'). */
  paid_to_employees: bigint
  paid_to_others: bigint
}

export const zeroLedgerTotals = (): LedgerTotals => ({
  gross: 0n,
  refunds: 0n,
  tax: 0n,
  platform_fees: 0n,
  processing_fees: 0n,
  employee_shares: 0n,
  other_payables: 0n,
  affiliate_commissions: 0n,
  org_revenue: 0n,
  refund_fees_org: 0n,
  refund_fees_platform: 0n,
  paid_out: 0n,
  paid_to_employees: 0n,
  paid_to_others: 0n,
})

/**
 * Adds one sum row to `t` (in place). The one reading of the chart of accounts that
 * statements, summaries and analytics share, so their totals agree to the cent. A payout
 * moves money already earned: it counts only in `paid_out`.
 */
export function addLedgerSum(t: LedgerTotals, r: LedgerSumRow, currencyCode: string): LedgerTotals {
  const debits = toMinor(r.debits, currencyCode)
  const credits = toMinor(r.credits, currencyCode)
  if (r.kind === "payout") {
    if (r.code === "cash") t.paid_out += credits - debits
    else if (r.code === "payable" && r.owner_type === "employee") t.paid_to_employees += debits - credits
    else if (r.code === "payable") t.paid_to_others += debits - credits
    return t
  }
  const reversal = r.kind === "reversal"
  switch (r.code) {
    case "cash":
      t.gross += reversal ? 0n : debits
      t.refunds += reversal ? credits - debits : credits
      break
    case "tax_payable":
      t.tax += credits - debits
      break
    case "platform_fees":
      t.platform_fees += credits - debits
      break
    case "processing_fees":
      t.processing_fees += credits - debits
      break
    case "payable":
      if (r.owner_type === "employee") t.employee_shares += credits - debits
      else t.other_payables += credits - debits
      break
    case "commission_expense":
      t.affiliate_commissions += debits - credits
      break
    case "revenue":
      t.org_revenue += credits - debits
      break
    case "processing_fee_expense":
      if (r.owner_type === "platform") t.refund_fees_platform += debits - credits
      else t.refund_fees_org += debits - credits
      break
  }
  return t
}
