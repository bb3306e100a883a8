import Link from "@/components/link"
import { redirect } from "next/navigation"
import { StripeCardForm } from "@/components/stripe-card-form"
import { StripePayment } from "@/components/stripe-payment"
import { paymentStep } from "@/lib/checkout-rules"
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { formatMoney, getCart, getCustomer } from "@/lib/data"
import { store } from "@/lib/medusa"
import { applyTrials } from "@/lib/store-forms"
import { saveCardAndComplete } from "../card-actions"

export const metadata = { title: "Payment" }

/**
 * Card payment with Stripe's Payment Element (only when Stripe is configured). A $0 cart
 * that starts a free trial pays nothing: the page asks for the card the subscription will
 * charge after the trial, saves it, then places the order (`saveCardAndComplete`).
 */
export default async function PayPage() {
  const cart = await getCart()
  if (!cart || !STRIPE_PUBLISHABLE_KEY) redirect("/checkout")
  if (!(Number(cart.total) > 0)) {
    const trial = (await getCustomer().catch(() => null)) ? await applyTrials(cart.id) : null
    if (paymentStep({ stripe: true, total: trial?.total ?? cart.total, trial: !!trial?.trial }) !== "save-card") redirect("/checkout")
    return (
      <>
        <h1>Your card for after the free trial</h1>
        <p>
          Today <strong>{formatMoney(cart.total, cart.currency_code)}</strong>: nothing is charged now. Your card is saved for the
          subscription&apos;s payments after the free trial; cancel before the trial ends and it is never charged.
        </p>
        <StripeCardForm
          publishableKey={STRIPE_PUBLISHABLE_KEY}
          currency={cart.currency_code}
          save={saveCardAndComplete}
          submitLabel="Save card and start the free trial"
          busyLabel="Starting your trial…"
        />
        <p>
          <Link href="/checkout">Back to checkout</Link>
        </p>
      </>
    )
  }
  const { cart: withSession } = await store<{ cart: { payment_collection?: { payment_sessions?: { provider_id: string; data: Record<string, unknown> }[] } } }>(
    `/store/carts/${cart.id}`,
    { query: { fields: "id,*payment_collection,*payment_collection.payment_sessions" } }
  )
  const session = withSession.payment_collection?.payment_sessions?.find((s) => s.provider_id.startsWith("pp_stripe"))
  const clientSecret = session?.data?.client_secret as string | undefined
  if (!clientSecret) redirect("/checkout?error=payment&message=" + encodeURIComponent("The card payment could not start"))
  return (
    <>
      <h1>Payment</h1>
      <p>
        Total <strong>{formatMoney(cart.total, cart.currency_code)}</strong>
      </p>
      <StripePayment publishableKey={STRIPE_PUBLISHABLE_KEY} clientSecret={clientSecret} />
    </>
  )
}
