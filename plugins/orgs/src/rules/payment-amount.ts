import { BigNumberInput } from "@medusajs/framework/types"
import { defaultCurrencies, MathBN } from "@medusajs/framework/utils"

export type PaymentAmountAction = "capture" | "refund"

/**
 * Whether `amount` (a capture or refund amount from the admin, in major units) can be
 * taken from a payment in `currency_code` with `left` still open (authorized minus captured
 * for a capture, captured minus refunded for a refund). Medusa accepts any positive number,
 * leaves precision to the provider and lets a refund exceed the capture by one minor unit
 * (its epsilon check): a ¥100.5 refund or $100.01 back on a $100 capture would reach the
 * provider and the books. Pure: the problem in words, or null when the amount is fine or
 * absent ("all of it").
 */
export function paymentAmountProblem(
  action: PaymentAmountAction,
  amount: unknown,
  payment: { currency_code: string; left: BigNumberInput }
): string | null {
  if (amount === undefined || amount === null) return null
  const code = payment.currency_code.toUpperCase()
  const digits = defaultCurrencies[code]?.decimal_digits ?? 2
  const value = MathBN.convert(amount as number)
  if (!value.isFinite() || value.lte(0)) {
    return `The ${action} amount must be a positive number (got ${amount})`
  }
  if ((value.decimalPlaces() ?? 0) > digits) {
    const unit = digits === 0 ? "whole units" : `at most ${digits} decimal places`
    return `The ${action} amount ${amount} is not a valid ${code} amount: ${code} takes ${unit}`
  }
  const left = MathBN.convert(payment.left)
  if (value.gt(left)) {
    const what = action === "refund" ? "captured and not yet refunded" : "authorized and not yet captured"
    return `The ${action} amount ${amount} ${code} is more than the ${left.toFixed()} ${code} ${what} on this payment`
  }
  return null
}

/** What a payment still has open for `action`, from its amount, captures and refunds. */
export function amountLeft(
  action: PaymentAmountAction,
  payment: { amount: BigNumberInput; captures?: { amount: BigNumberInput }[] | null; refunds?: { amount: BigNumberInput }[] | null }
): BigNumberInput {
  const captured = MathBN.sum(0, ...(payment.captures ?? []).map((c) => c.amount))
  const refunded = MathBN.sum(0, ...(payment.refunds ?? []).map((r) => r.amount))
  return action === "refund" ? MathBN.sub(captured, refunded) : MathBN.sub(payment.amount, captured)
}
