"use server"

import { redirect } from "next/navigation"
import { getCart } from "@/lib/data"
import { store, StoreError } from "@/lib/medusa"

/**
 * The logged-out checkout's first step: keep the email on the cart, then log in (an
 * account exists for it: Medusa's cart answers so) or create an account, and come back.
 */
export async function continueWithEmail(form: FormData) {
  const email = String(form.get("email") ?? "").trim()
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) redirect("/checkout?error=email")
  const cart = await getCart()
  if (!cart) redirect("/cart")
  const back = `email=${encodeURIComponent(email)}&next=${encodeURIComponent("/checkout")}`
  try {
    await store(`/store/carts/${cart.id}`, { method: "POST", body: { email } })
  } catch (error) {
    if (error instanceof StoreError && error.status === 400 && /account exists/i.test(error.message)) {
      redirect(`/account/login?${back}`)
    }
    if (error instanceof StoreError) redirect(`/checkout?error=email&message=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect(`/account/register?${back}`)
}
