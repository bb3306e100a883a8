import { MathBN } from "@medusajs/framework/utils"
import { currencyDigits } from "./currency"

const LIVE = new Set(["trialing", "active", "past_due"])

export type PeriodRefundDecision =
  | { ok: true; payment_id: string; amount: string; cancel: boolean }
  | { ok: false; reason: string }

/**
 * Whether staff may refund one paid period of a subscription, how much, and what happens to
 * the subscription. By default the whole captured amount not yet refunded is returned
 * (Medusa's refund of that payment); staff may refund a part instead (`amount`, at most
 * what is left, in the currency's decimals), as often as something is left. Refunding the period the customer is in (start <= now < end) of
 * a live subscription also cancels it now, access revoked: the customer has their money
 * back for the time they would have had access. Refunding an earlier period is money only:
 * the subscription and its access go on. A partial refund is money only too, unless it is
 * everything left. Amounts are decimal strings (exact, MathBN).
 */
export function decidePeriodRefund(input: {
  subscription_status: string
  renewal: { status: string; order_id: string | null; period_start: Date; period_end: Date }
  payments: { id: string; captured: string; refunded: string }[]
  now: Date
  /**
   * A partial refund: this much (a decimal string in the order's currency) instead of all
   * that is left. Money only: the subscription goes on even in the current period, unless
   * it is everything left.
   */
  amount?: string | null
  /** The order's currency (how many decimals an amount may have: JPY none, USD two). */
  currency_code?: string
}): PeriodRefundDecision {
  const { renewal } = input
  if (renewal.status !== "paid" || !renewal.order_id) {
    return { ok: false, reason: `this period is ${renewal.status}, not paid: there is nothing to refund` }
  }
  const open = input.payments
    .map((p) => ({ id: p.id, left: MathBN.sub(p.captured, p.refunded), captured: MathBN.convert(p.captured) }))
  if (!open.some((p) => MathBN.gt(p.captured, 0))) {
    return { ok: false, reason: "the period's payment is not captured yet: cancel the order's payment instead" }
  }
  const payment = open.find((p) => MathBN.gt(p.left, 0))
  if (!payment) {
    return { ok: false, reason: "this period is already refunded" }
  }
  const now = input.now.getTime()
  const current = renewal.period_start.getTime() <= now && now < renewal.period_end.getTime()
  let amount = payment.left
  if (input.amount != null) {
    const currency = (input.currency_code ?? "usd").toUpperCase()
    const digits = currencyDigits(currency)
    const asked = input.amount.trim()
    const [, decimals = ""] = asked.split(".")
    if (!/^\d+(\.\d+)?$/.test(asked) || !MathBN.gt(asked, 0)) {
      return { ok: false, reason: `amount must be a positive amount of ${currency}, not "${input.amount}"` }
    }
    if (decimals.replace(/0+$/, "").length > digits) {
      return { ok: false, reason: `amount ${asked} has more decimals than ${currency} allows (${digits})` }
    }
    if (MathBN.gt(asked, payment.left)) {
      return { ok: false, reason: `amount ${asked} is more than the ${payment.left.toString()} ${currency} left to refund of this period` }
    }
    amount = MathBN.convert(asked)
  }
  const whole = MathBN.eq(amount, payment.left)
  return { ok: true, payment_id: payment.id, amount: amount.toString(), cancel: whole && current && LIVE.has(input.subscription_status) }
}

