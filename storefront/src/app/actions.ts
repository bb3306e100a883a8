"use server"

import { cookies } from "next/headers"
import { redirect } from "next/navigation"
import { COOKIE, cookieOptions, PAYMENT_PROVIDER, STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { getCart, getCustomer } from "@/lib/data"
import { getLocale } from "@/lib/locale"
import { LOCALE_HEADER } from "@/lib/locale-path"
import { completeCart } from "@/lib/complete-cart"
import { getSdk, store, StoreError } from "@/lib/medusa"
import { attachReferralToCart } from "@/lib/referral"
import { isDigitalOnly, paymentStep, requiredCheckoutFields, type PaymentStep } from "@/lib/checkout-rules"
import { claimThisBrowsersGuestOrder } from "@/lib/guest-claim"
import { applyTrials } from "@/lib/store-forms"
import { safeRedirectPath } from "@/lib/safe-redirect"

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim()
const safeNext = (value: string) => safeRedirectPath(value, "/learn")

export async function removeLine(form: FormData) {
  const cart = await getCart()
  if (cart) {
    await store(`/store/carts/${cart.id}/line-items/${text(form, "line_id")}`, { method: "DELETE" })
  }
  redirect("/cart")
}

/**
 * Places the order server-side: contact and billing details, a payment session with the
 * configured provider, completion. The browser only posts the form, so closing it after
 * submitting does not lose the order. With Stripe, the card is confirmed on /checkout/pay
 * (Payment Element) and the cart completes at /checkout/complete or, if the browser is
 * gone by then, through Medusa's Stripe webhook. A $0 cart that starts a free trial takes
 * no payment: /checkout/pay saves the card for the charges after the trial, then completes
 * it (`saveCardAndComplete`, checkout/card-actions.ts); see `paymentStep`.
 */
export async function checkout(form: FormData) {
  const cart = await getCart()
  if (!cart || !cart.items?.length) redirect("/cart")
  const email = text(form, "email")
  // Nothing ships: no street address (the billing country, and the postal code where tax needs it).
  const digital = isDigitalOnly(cart!.items)
  const fields = {
    email,
    first_name: text(form, "first_name"),
    last_name: text(form, "last_name"),
    address_1: text(form, "address_1"),
    city: text(form, "city"),
    postal_code: text(form, "postal_code"),
    country_code: text(form, "country_code").toLowerCase(),
  }
  const required = requiredCheckoutFields(digital, fields.country_code)
  const missing = required.filter((k) => !fields[k as keyof typeof fields])
  if (missing.length) redirect(`/checkout?error=missing&fields=${missing.join(",")}`)
  const address = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => k !== "email" && (!digital || required.includes(k)) && v)
  ) as Record<string, string>
  let step: PaymentStep = "system"
  try {
    await store(`/store/carts/${cart.id}`, {
      method: "POST",
      // Medusa's tax lines follow the shipping address: a digital cart gets the billing country there too.
      body: { email, billing_address: address, shipping_address: address },
    })
    // An affiliate's referral (the ?ref= cookie) travels with the cart into the order.
    await attachReferralToCart(cart.id)
    // A subscription with a free trial charges nothing now: the server makes those lines free
    // (one trial per customer and course) and the first charge is at the trial's end.
    const trial = (await getCustomer().catch(() => null)) ? await applyTrials(cart.id) : null
    const total = trial ? trial.total : (await getCart())?.total
    step = paymentStep({ stripe: !!STRIPE_PUBLISHABLE_KEY, total, trial: !!trial?.trial })
    // With Stripe, a $0 cart takes no payment session (Stripe has no $0 payment; Medusa
    // completes a $0 cart without one): a trial's card is saved on /checkout/pay instead.
    if (step === "system" || step === "pay") {
      const { payment_collection } = await store<{ payment_collection: { id: string } }>("/store/payment-collections", {
        method: "POST",
        body: { cart_id: cart.id },
      })
      await store(`/store/payment-collections/${payment_collection.id}/payment-sessions`, {
        method: "POST",
        body: { provider_id: PAYMENT_PROVIDER },
      })
    }
  } catch (error) {
    if (error instanceof StoreError) {
      redirect(`/checkout?error=payment&message=${encodeURIComponent(error.message)}`)
    }
    throw error
  }
  // Remember the billing address for the customer's next purchase.
  const customer = await getCustomer().catch(() => null)
  if (customer && !customer.addresses?.length) {
    await store("/store/customers/me/addresses", { method: "POST", body: address }).catch(() => {})
  }
  // The card: paid on /checkout/pay, or (a $0 trial) saved there for the charges after the trial.
  if (step === "pay" || step === "save-card") redirect("/checkout/pay")
  const result = await completeCart(cart!.id)
  if ("error" in result) redirect(`/checkout?error=payment&message=${encodeURIComponent(result.error)}`)
  ;(await cookies()).delete(COOKIE.cart)
  redirect(`/order/${(result as { order_id: string }).order_id}`)
}

async function authPost(path: string, body: unknown, token?: string, extra: Record<string, string> = {}) {
  const sdk = await getSdk()
  return sdk.client.fetch<{ token: string }>(path, {
    method: "POST",
    body: body as any,
    headers: { ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })
}

async function startSession(token: string) {
  ;(await cookies()).set(COOKIE.token, token, cookieOptions(7))
  // A customer known from another org's storefront joins this org on first login here.
  await store("/store/org/membership", { method: "POST", body: {} }).catch(() => {})
  const cart = await getCart()
  if (cart) {
    await store(`/store/carts/${cart.id}/customer`, { method: "POST" }).catch(() => {})
  }
  // What this browser just bought as a guest with the account's email joins the account.
  await claimThisBrowsersGuestOrder()
}

export async function login(form: FormData) {
  const next = safeNext(text(form, "next"))
  const email = text(form, "email")
  try {
    const { token } = await authPost("/auth/customer/emailpass", { email, password: text(form, "password") })
    await startSession(token)
  } catch {
    // The email stays typed (the login page fills it from `email`); the password does not.
    redirect(`/account/login?error=credentials&email=${encodeURIComponent(email)}&next=${encodeURIComponent(next)}`)
  }
  redirect(next)
}

export async function register(form: FormData) {
  const email = text(form, "email")
  const password = text(form, "password")
  const next = safeNext(text(form, "next"))
  if (password.length < 8) redirect(`/account/register?error=password&next=${encodeURIComponent(next)}`)
  let registration = ""
  try {
    registration = (await authPost("/auth/customer/emailpass/register", { email, password })).token
  } catch {
    // One account per email across every school on the platform.
    redirect(`/account/login?exists=1&email=${encodeURIComponent(email)}&next=${encodeURIComponent(next)}`)
  }
  const sdk = await getSdk()
  await sdk.client.fetch("/store/customers", {
    method: "POST",
    // The page's locale: the school's emails to this customer go out in it (issue 26).
    body: { email, first_name: text(form, "first_name"), last_name: text(form, "last_name"), metadata: { locale: (await getLocale()).locale } },
    headers: { authorization: `Bearer ${registration}` },
  })
  const { token } = await authPost("/auth/customer/emailpass", { email, password })
  await startSession(token)
  redirect(next)
}

export async function requestPasswordReset(form: FormData) {
  // The reset email goes out in the language of the page that asked (issue 26).
  const { locale } = await getLocale()
  await authPost("/auth/customer/emailpass/reset-password", { identifier: text(form, "email") }, undefined, { [LOCALE_HEADER]: locale }).catch(() => {})
  redirect("/account/reset-password?sent=1")
}

export async function resetPassword(form: FormData) {
  const password = text(form, "password")
  const token = text(form, "token")
  if (password.length < 8) redirect(`/account/reset-password?token=${encodeURIComponent(token)}&error=password`)
  try {
    await authPost("/auth/customer/emailpass/update", { email: text(form, "email"), password }, token)
  } catch {
    redirect("/account/reset-password?error=expired")
  }
  redirect("/account/login?reset=1")
}

/** Applies to this store's affiliate program (optionally with a chosen code). */
export async function applyAffiliate(form: FormData) {
  const code = text(form, "code")
  try {
    await store("/store/affiliates", { method: "POST", body: code ? { code } : {} })
  } catch (error) {
    if (error instanceof StoreError) redirect(`/account/affiliate?error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect("/account/affiliate")
}

export async function lookUpCertificate(form: FormData) {
  const code = text(form, "code")
  redirect(code ? `/certificates/verify/${encodeURIComponent(code)}` : "/certificates/verify")
}
