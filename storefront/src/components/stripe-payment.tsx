"use client"

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js"
import { loadStripe, Stripe } from "@stripe/stripe-js"
import { useMemo, useState } from "react"

function PayForm() {
  const stripe = useStripe()
  const elements = useElements()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const pay = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!stripe || !elements) return
    setBusy(true)
    setError(null)
    const completeUrl = `${window.location.origin}/checkout/complete`
    // 3-D Secure and redirect-based methods come back to /checkout/complete themselves.
    const { error: failure } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: completeUrl },
      redirect: "if_required",
    })
    if (failure) {
      setError(failure.message ?? "The payment failed. Nothing was charged.")
      setBusy(false)
      return
    }
    window.location.assign(completeUrl)
  }
  return (
    <form onSubmit={pay} className="stack" aria-label="Card payment">
      <PaymentElement />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button className="btn" type="submit" disabled={!stripe || busy} aria-busy={busy}>
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" />
            Paying…
          </>
        ) : (
          "Pay now"
        )}
      </button>
    </form>
  )
}

/** Stripe's Payment Element for the cart's payment session. */
export function StripePayment({ publishableKey, clientSecret }: { publishableKey: string; clientSecret: string }) {
  const stripe = useMemo<Promise<Stripe | null>>(() => loadStripe(publishableKey), [publishableKey])
  return (
    <Elements stripe={stripe} options={{ clientSecret }}>
      <PayForm />
    </Elements>
  )
}
