import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { currencyDigits } from "./currency"

/*
 * Upgrade credit: a student who bought a lower tier of a product pays only the difference
 * for a higher one. The credit is what they actually paid (order line totals after
 * discounts, net of tax) for the live entitlements of that product, in the cart's currency,
 * never more than the new tier's price. Everything here is integer minor units (bigint).
 */

/** A live entitlement of the product bought on an order line, with what that line cost. */
export type PaidAccess = {
  entitlement_id: string
  tier: number
  currency_code: string
  /** The line's total after discounts, minus its tax, in minor units of `currency_code`. */
  paid_minor: bigint
}

export type UpgradeCreditInput = {
  /** The tier the variant being bought grants. */
  target_tier: number
  /** The customer's current (effective) tier of the product; 0 = none. */
  current_tier: number
  /** The variant's price in the cart's currency, minor units. */
  price_minor: bigint
  currency_code: string
  paid: PaidAccess[]
}

export type UpgradeCreditDecision =
  | {
      ok: true
      /** 0 when nothing lower was bought in this currency (nothing to credit). */
      credit_minor: bigint
      amount_due_minor: bigint
      /** The highest tier credited, for the wording ("credit for your Basic purchase"). */
      from_tier: number | null
      entitlement_ids: string[]
    }
  | { ok: false; code: "already_has_tier"; message: string }

/**
 * The credit towards `target_tier`. Refused when the customer already holds that tier or a
 * higher one. Only lower tiers paid in the same currency count (no exchange rates in a
 * credit); the amount due never goes below zero.
 */
export function decideUpgradeCredit(input: UpgradeCreditInput): UpgradeCreditDecision {
  if (input.current_tier >= input.target_tier) {
    return { ok: false, code: "already_has_tier", message: "You already have this tier of the course (or a higher one)" }
  }
  const currency = input.currency_code.toLowerCase()
  const counted = input.paid.filter((p) => p.tier < input.target_tier && p.currency_code.toLowerCase() === currency && p.paid_minor > 0n)
  const paid = counted.reduce((sum, p) => sum + p.paid_minor, 0n)
  const credit = paid > input.price_minor ? input.price_minor : paid
  return {
    ok: true,
    credit_minor: credit,
    amount_due_minor: input.price_minor - credit,
    from_tier: counted.length ? Math.max(...counted.map((p) => p.tier)) : null,
    entitlement_ids: counted.map((p) => p.entitlement_id),
  }
}

export { currencyDigits }

/** A Medusa major-unit amount as integer minor units (rounded half up; never a float). */
export function toMinor(amount: BigNumberInput, currencyCode: string): bigint {
  const value = MathBN.convert(amount).shiftedBy(currencyDigits(currencyCode))
  return BigInt(value.integerValue(4).toFixed(0))
}

/** Integer minor units as an exact major-unit decimal string ("49.50", "7400"). */
export function fromMinor(minor: bigint, currencyCode: string): string {
  const digits = currencyDigits(currencyCode)
  const negative = minor < 0n
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, "0")
  const whole = digits ? abs.slice(0, -digits) : abs
  return `${negative ? "-" : ""}${whole}${digits ? `.${abs.slice(-digits)}` : ""}`
}
