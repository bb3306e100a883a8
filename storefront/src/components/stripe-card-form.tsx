"use client"

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js"
import type { Stripe } from "@stripe/stripe-js"
// `pure`: Stripe.js loads when this form renders, not as a side effect of importing the module.
import { loadStripe } from "@stripe/stripe-js/pure"
import { useMemo, useState } from "react"

/** What the server did with the card: where to go next, or why it did not take it. */
export type CardResult = { error: string } | { next: string }

function CardForm({ save, submitLabel, busyLabel }: { save: (paymentMethod: string) => Promise<CardResult>; submitLabel: string; busyLabel: string }) {
  const stripe = useStripe()
  const elements = useElements()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const fail = (message: string) => {
    setError(message)
    setBusy(false)
  }
  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!stripe || !elements || busy) return
    setBusy(true)
    setError(null)
    // The Payment Element checks what was typed, then Stripe.js turns it into a payment method
    // (`pm_...`); the card number never reaches our servers.
    const { error: invalid } = await elements.submit()
    if (invalid) return fail(invalid.message ?? "Please check the card details.")
    const { error: refused, paymentMethod } = await stripe.createPaymentMethod({ elements })
    if (refused || !paymentMethod) return fail(refused?.message ?? "The card could not be read. Please try again.")
    let result: CardResult
    try {
      result = await save(paymentMethod.id)
    } catch {
      return fail("The store did not answer. Nothing was charged; please try again.")
    }
    if ("error" in result) return fail(result.error)
    window.location.assign(result.next)
  }
  return (
    <form onSubmit={submit} className="stack" aria-label="Card">
      <PaymentElement />
      {error ? (
        <p className="error" role="alert" data-testid="card-error">
          {error}
        </p>
      ) : null}
      <button className="btn" type="submit" disabled={!stripe || !elements || busy} aria-busy={busy}>
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" />
            {busyLabel}
          </>
        ) : (
          submitLabel
        )}
      </button>
    </form>
  )
}

/**
 * A card saved for later charges, with Stripe's Payment Element in deferred "setup" mode
 * (no intent up front): Stripe.js makes a payment method from what was typed and `save` (a
 * server action) hands its id to Medusa, which saves it with an off-session setup intent.
 * Used before a free trial (checkout/pay) and to change a subscription's card (account).
 */
export function StripeCardForm({
  publishableKey,
  currency,
  save,
  submitLabel,
  busyLabel = "Saving…",
}: {
  publishableKey: string
  currency: string
  save: (paymentMethod: string) => Promise<CardResult>
  submitLabel: string
  busyLabel?: string
}) {
  const [loadFailed, setLoadFailed] = useState(false)
  const stripe = useMemo<Promise<Stripe | null>>(
    () =>
      loadStripe(publishableKey).catch(() => {
        setLoadFailed(true)
        return null
      }),
    [publishableKey]
  )
  if (loadFailed) {
    return (
      <p className="error" role="alert">
        The card form could not load. Check your connection and reload the page; nothing was charged.
      </p>
    )
  }
  return (
    <Elements stripe={stripe} options={{ mode: "setup", currency: currency.toLowerCase(), paymentMethodCreation: "manual" }}>
      <CardForm save={save} submitLabel={submitLabel} busyLabel={busyLabel} />
    </Elements>
  )
}
