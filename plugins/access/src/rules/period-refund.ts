import { MathBN } from "@medusajs/framework/utils"

const LIVE = new Set(["trialing", "active", "past_due"])

export type PeriodRefundDecision =
  | { ok: true; payment_id: string; amount: string; cancel: boolean }
  | { ok: false; reason: string }

/**
 * Whether staff may refund one paid period of a subscription, how much, and what happens to
 * the subscription. The whole captured amount not yet refunded is returned (Medusa's
 * refund of that payment). Refunding the period the customer is in (start <= now < end) of
 * a live subscription also cancels it now, access revoked: the customer has their money
 * back for the time they would have had access. Refunding an earlier period is money only:
 * the subscription and its access go on. Amounts are decimal strings (exact, MathBN).
 */
export function decidePeriodRefund(input: {
  subscription_status: string
  renewal: { status: string; order_id: string | null; period_start: Date; period_end: Date }
  payments: { id: string; captured: string; refunded: string }[]
  now: Date
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
  return { ok: true, payment_id: payment.id, amount: payment.left.toString(), cancel: current && LIVE.has(input.subscription_status) }
}
