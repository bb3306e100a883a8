import { sameMailbox } from "./mailbox"

/**
 * Fraud checks on an attributed order.
 * - `self_referral`: the buyer is the affiliate (same customer) or uses an address of the
 *   affiliate's mailbox (case, plus tags and Gmail dots ignored, rules/mailbox.ts): no
 *   commission at all.
 * - `fast_conversion`: under 5 seconds from the click to the order (or a click dated after
 *   the order): needs manual approval.
 * - `high_refund_rate`: 25 % or more of the affiliate's earlier attributed orders were
 *   refunded (at least one earlier order): needs manual approval.
 */
export const FAST_CONVERSION_MS = 5_000
export const HIGH_REFUND_RATE_BPS = 2_500

export type FraudVerdict = { flags: string[]; blocked: boolean; needs_review: boolean }

export function assessReferralFraud(input: {
  buyer: { customer_id: string | null; email: string | null }
  affiliate: { customer_id: string; email: string | null }
  touched_at: Date | null
  ordered_at: Date
  prior_orders: number
  prior_refunded_orders: number
}): FraudVerdict {
  const flags: string[] = []
  const sameCustomer = !!input.buyer.customer_id && input.buyer.customer_id === input.affiliate.customer_id
  const sameEmail = sameMailbox(input.buyer.email, input.affiliate.email)
  if (sameCustomer || sameEmail) return { flags: ["self_referral"], blocked: true, needs_review: false }
  if (input.touched_at && input.ordered_at.getTime() - input.touched_at.getTime() < FAST_CONVERSION_MS) {
    flags.push("fast_conversion")
  }
  if (input.prior_orders > 0 && input.prior_refunded_orders * 10_000 >= input.prior_orders * HIGH_REFUND_RATE_BPS) {
    flags.push("high_refund_rate")
  }
  return { flags, blocked: false, needs_review: flags.length > 0 }
}
