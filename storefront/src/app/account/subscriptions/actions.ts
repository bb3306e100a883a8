"use server"

import { redirect } from "next/navigation"
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

/** The payment method renewals charge (a past-due subscription retries at once). */
export async function updatePaymentMethod(form: FormData) {
  const body: Record<string, unknown> = { provider_id: String(form.get("provider_id") ?? "") }
  const method = String(form.get("payment_method") ?? "").trim()
  if (method) body.payment_method = method
  await act(`/store/customers/me/subscriptions/${encodeURIComponent(idOf(form))}/payment-method`, body, "Your payment method was updated.")
}
