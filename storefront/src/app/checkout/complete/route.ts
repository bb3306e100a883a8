import { cookies } from "next/headers"
import { NextResponse } from "next/server"
import { completeCart } from "@/lib/complete-cart"
import { COOKIE } from "@/lib/config"

/**
 * GET /checkout/complete: where the card payment (Stripe) lands once confirmed. Completes
 * the cart and opens the order confirmation.
 */
export async function GET(request: Request) {
  const jar = await cookies()
  const cartId = jar.get(COOKIE.cart)?.value
  const to = (path: string) => NextResponse.redirect(new URL(path, request.url), 303)
  if (!cartId) return to("/cart")
  const result = await completeCart(cartId)
  if ("error" in result) return to(`/checkout?error=payment&message=${encodeURIComponent(result.error)}`)
  jar.delete(COOKIE.cart)
  return to(`/order/${result.order_id}`)
}
