import "server-only"
import { cookies } from "next/headers"
import { BACKEND_URL, COOKIE, cookieOptions, ORDER_TOKEN_MAX_AGE_DAYS } from "./config"
import { authHeaders } from "./medusa"
import { getTenant } from "./tenant"

/**
 * Completes a cart whose payment is authorized: the order's id, or why it failed. Medusa
 * answers a guest order token in the `x-order-token` header (the js-sdk drops headers, so
 * this is a plain fetch); it is kept in an HttpOnly cookie so only this browser reads the
 * order on its confirmation page. Call from a server action or route handler (sets a cookie).
 */
export async function completeCart(cartId: string): Promise<{ order_id: string } | { error: string }> {
  const tenant = await getTenant()
  let res: Response
  try {
    res = await fetch(`${BACKEND_URL}/store/carts/${encodeURIComponent(cartId)}/complete`, {
      method: "POST",
      headers: { "x-publishable-api-key": tenant.key, "content-type": "application/json", ...(await authHeaders()) },
      body: "{}",
      cache: "no-store",
    })
  } catch {
    return { error: "The store is not reachable" }
  }
  const result = (await res.json().catch(() => ({}))) as { type?: string; order?: { id: string }; error?: { message: string }; message?: string }
  if (!res.ok) return { error: result.message ?? "The payment failed" }
  if (result.type !== "order" || !result.order) return { error: result.error?.message ?? "The payment failed" }
  const token = res.headers.get("x-order-token")
  if (token) (await cookies()).set(COOKIE.orderToken, token, cookieOptions(ORDER_TOKEN_MAX_AGE_DAYS))
  return { order_id: result.order.id }
}
