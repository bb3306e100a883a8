import { redirect } from "next/navigation"
import { StripePayment } from "@/components/stripe-payment"
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { formatMoney, getCart } from "@/lib/data"
import { store } from "@/lib/medusa"

export const metadata = { title: "Payment" }

/** Card payment with Stripe's Payment Element (only when Stripe is configured). */
export default async function PayPage() {
  const cart = await getCart()
  if (!cart || !STRIPE_PUBLISHABLE_KEY) redirect("/checkout")
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
