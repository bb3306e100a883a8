"use server"

import { redirect } from "next/navigation"
import type { CardResult } from "@/components/stripe-card-form"
import { STRIPE_PROVIDER, STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { store, StoreError } from "@/lib/medusa"

const PAGE = "/account/subscriptions"
const idOf = (form: FormData) => String(form.get("subscription_id") ?? "")

/** Runs one store call for a subscription and comes back to the page with what happened or the API's message. */
async function act(path: string, body: Record<string, unknown>, done: string) {
  try {
    await store(path, { method: "POST", body })
  } catch (error) {
    if (error instanceof StoreError) redirect(`${PAGE}?error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect(`${PAGE}?done=${encodeURIComponent(done)}`)
}

/** Cancel at period end: access until the paid period ends, no further charge. */
export async function cancelSubscription(form: FormData) {
  await act(`/store/customers/me/subscriptions/${encodeURIComponent(idOf(form))}/cancel`, {}, "Your subscription ends at the end of the current period.")
}

/** Undo a cancel at period end. */
export async function resumeSubscription(form: FormData) {
  await act(`/store/customers/me/subscriptions/${encodeURIComponent(idOf(form))}/resume`, {}, "Your subscription goes on.")
}

/** Step 1 of a switch: show the quote (no change yet). */
export async function previewSwitch(form: FormData) {
  const variant = String(form.get("variant_id") ?? "")
  if (!variant) redirect(`${PAGE}?error=${encodeURIComponent("Choose a plan to switch to.")}`)
  redirect(`${PAGE}?switch=${encodeURIComponent(idOf(form))}&to=${encodeURIComponent(variant)}`)
}

/** Step 2 of a switch: confirmed by the customer after seeing the quote. */
export async function confirmSwitch(form: FormData) {
  await act(
    `/store/customers/me/subscriptions/${encodeURIComponent(idOf(form))}/switch`,
    { variant_id: String(form.get("variant_id") ?? "") },
    "Your plan was switched."
  )
}

/**
 * Without Stripe: the store's manual (system) provider charges renewals; a past-due
 * subscription retries at once.
 */
export async function chooseManualPayment(form: FormData) {
  await act(`/store/customers/me/subscriptions/${encodeURIComponent(idOf(form))}/payment-method`, { provider_id: "pp_system_default" }, "Your payment method was updated.")
}

/**
 * With Stripe: the card Stripe.js made (`pm_...`) becomes the subscription's method (Medusa
 * saves it with an off-session setup intent; a past-due subscription retries at once). A
 * refused card comes back with the reason; nothing changes.
 */
export async function saveSubscriptionCard(subscriptionId: string, paymentMethod: string): Promise<CardResult> {
  if (!STRIPE_PUBLISHABLE_KEY) return { error: "This store takes no cards." }
  if (typeof paymentMethod !== "string" || !/^pm_[A-Za-z0-9_]{1,200}$/.test(paymentMethod)) {
    return { error: "The card could not be read. Please enter it again." }
  }
  try {
    const { retry } = await store<{ retry: { renewed: boolean; error: string | null } | null }>(
      `/store/customers/me/subscriptions/${encodeURIComponent(subscriptionId)}/payment-method`,
      { method: "POST", body: { provider_id: STRIPE_PROVIDER, payment_method: paymentMethod } }
    )
    const done = retry && !retry.renewed ? `Your card was saved, but the retried payment failed: ${retry.error ?? "declined"}.` : "Your card was saved."
    return { next: `${PAGE}?done=${encodeURIComponent(done)}` }
  } catch (error) {
    if (error instanceof StoreError) return { error: error.message }
    throw error
  }
}
