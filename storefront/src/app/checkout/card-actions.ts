"use server"

import { cookies } from "next/headers"
import type { CardResult } from "@/components/stripe-card-form"
import { paymentStep } from "@/lib/checkout-rules"
import { completeCart } from "@/lib/complete-cart"
import { COOKIE, STRIPE_PROVIDER, STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { getCart, getCustomer } from "@/lib/data"
import { store, StoreError } from "@/lib/medusa"
import { applyTrials } from "@/lib/store-forms"

/** A Stripe payment method id as Stripe.js makes it. */
const PAYMENT_METHOD = /^pm_[A-Za-z0-9_]{1,200}$/

/**
 * Before a free trial (a $0 cart with Stripe): saves the card Stripe.js made
 * (`POST /store/customers/me/payment-methods`, Medusa's off-session setup intent), then
 * completes the cart; the subscription the order starts charges that card when the trial
 * ends. A refused card comes back with Stripe's reason and the cart stays as it was.
 */
export async function saveCardAndComplete(paymentMethod: string): Promise<CardResult> {
  if (!STRIPE_PUBLISHABLE_KEY) return { error: "This store takes no cards." }
  if (typeof paymentMethod !== "string" || !PAYMENT_METHOD.test(paymentMethod)) {
    return { error: "The card could not be read. Please enter it again." }
  }
  const cart = await getCart()
  if (!cart || !cart.items?.length) return { next: "/cart" }
  if (!(await getCustomer().catch(() => null))) return { error: "Please log in again to start the free trial." }
  try {
    // The cart may have changed in another tab: only a $0 trial is completed here.
    const trial = await applyTrials(cart.id)
    if (paymentStep({ stripe: true, total: trial.total, trial: trial.trial }) !== "save-card") return { next: "/checkout" }
    await store("/store/customers/me/payment-methods", { method: "POST", body: { provider_id: STRIPE_PROVIDER, payment_method: paymentMethod } })
  } catch (error) {
    if (error instanceof StoreError) return { error: error.message }
    throw error
  }
  const result = await completeCart(cart.id)
  if ("error" in result) return { error: `Your card was saved, but the order did not go through: ${result.error}. Please try again.` }
  ;(await cookies()).delete(COOKIE.cart)
  return { next: `/order/${result.order_id}` }
}
