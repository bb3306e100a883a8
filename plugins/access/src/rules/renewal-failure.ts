/**
 * Whether a failed renewal run was the customer's payment (dunning: past_due, retries, the
 * "payment failed" email) or something on our side (a step after the order, a missing price,
 * a lost lock): those leave the subscription as it was, still due, and the next run of the
 * job tries the period again; the customer is not told their payment failed.
 *
 * A payment failure is an error of the payment steps of the renewal (the off-session
 * payment session, or completing the cart, where Medusa authorizes it) or any error Medusa
 * types as a payment error.
 */
export type RenewalFailureKind = "payment" | "system"

export type RenewalRunError = { action?: string; error?: { type?: string; message?: string } | null }

const PAYMENT_STEPS = ["create-payment-sessions-as-step", "complete-cart-as-step"]
const PAYMENT_ERROR_TYPES = ["payment_authorization_error", "payment_requires_more_error"]

export function classifyRenewalFailure(errors: RenewalRunError[]): RenewalFailureKind {
  const payment = errors.some(
    (e) => PAYMENT_STEPS.includes(String(e?.action ?? "")) || PAYMENT_ERROR_TYPES.includes(String(e?.error?.type ?? ""))
  )
  return payment ? "payment" : "system"
}
