"use server"

import { redirect } from "next/navigation"
import { getCart } from "@/lib/data"
import { store, StoreError } from "@/lib/medusa"
import { safeRedirectPath } from "@/lib/safe-redirect"

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim()
const back = (form: FormData) => safeRedirectPath(text(form, "back"), "/cart")
const withMessage = (path: string, key: string, message: string) =>
  `${path}${path.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(message)}`

/**
 * Applies a promotion code to the visitor's cart. Medusa (with @volmify/orgs) refuses an
 * unknown, expired or another school's code with a message; a valid code that matches
 * nothing in the cart is dropped silently by Medusa, so that is checked here.
 */
export async function applyPromoCode(form: FormData) {
  const path = back(form)
  const code = text(form, "code").slice(0, 100)
  const cart = await getCart()
  if (!cart) redirect("/cart")
  if (!code) redirect(withMessage(path, "promo_error", "Enter a promotion code"))
  let applied: { code: string | null }[] = []
  try {
    const res = await store<{ cart: { promotions?: { code: string | null }[] } }>(`/store/carts/${cart.id}/promotions`, {
      method: "POST",
      body: { promo_codes: [code] },
      query: { fields: "id,*promotions" },
    })
    applied = res.cart.promotions ?? []
  } catch (error) {
    if (error instanceof StoreError && error.status < 500) redirect(withMessage(path, "promo_error", error.message))
    throw error
  }
  if (!applied.some((p) => (p.code ?? "").toLowerCase() === code.toLowerCase())) {
    redirect(withMessage(path, "promo_error", `The promotion code "${code}" does not apply to the items in your cart`))
  }
  redirect(withMessage(path, "promo_applied", code))
}

/** Removes a promotion code from the visitor's cart. */
export async function removePromoCode(form: FormData) {
  const path = back(form)
  const cart = await getCart()
  if (cart) {
    await store(`/store/carts/${cart.id}/promotions`, { method: "DELETE", body: { promo_codes: [text(form, "code")] } }).catch(() => {})
  }
  redirect(path)
}
