import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * Guest order tokens: proof that a request comes from the browser that completed the cart.
 * `v1.<order_id>.<expires unix seconds>.<HMAC-SHA256 hex>`; short-lived on purpose (an
 * order confirmation page, not an account). The storefront keeps it in an HttpOnly cookie
 * and sends it as the `x-order-token` header. A guest who wants lasting access moves the
 * order into an account with Medusa's order transfer.
 */
export const GUEST_ORDER_TOKEN_TTL_SECONDS = 60 * 60
export const GUEST_ORDER_TOKEN_HEADER = "x-order-token"

/** The key: derived from the app's JWT secret with a label, so it signs nothing else. */
export function deriveGuestOrderTokenKey(jwtSecret: string): Buffer {
  return createHmac("sha256", jwtSecret).update("volmify:guest-order-token:v1").digest()
}

const mac = (key: Buffer, orderId: string, expires: string) =>
  createHmac("sha256", key).update(`${orderId}\n${expires}`).digest("hex")

export function signGuestOrderToken(
  key: Buffer,
  orderId: string,
  now: Date = new Date(),
  ttlSeconds = GUEST_ORDER_TOKEN_TTL_SECONDS
): { token: string; expires_at: Date } {
  const expires = String(Math.floor(now.getTime() / 1000) + ttlSeconds)
  return { token: `v1.${orderId}.${expires}.${mac(key, orderId, expires)}`, expires_at: new Date(Number(expires) * 1000) }
}

/** The order id a token is valid for right now, or null (malformed, altered or expired). */
export function verifyGuestOrderToken(key: Buffer, token: unknown, now: Date = new Date()): string | null {
  if (typeof token !== "string" || token.length > 300) {
    return null
  }
  const m = /^v1\.([A-Za-z0-9_]{1,100})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(token)
  if (!m) {
    return null
  }
  const [, orderId, expires, signature] = m
  const expected = Buffer.from(mac(key, orderId, expires), "hex")
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
    return null
  }
  const expiresMs = Number(expires) * 1000
  if (expiresMs <= now.getTime() || expiresMs - now.getTime() > GUEST_ORDER_TOKEN_TTL_SECONDS * 1000 + 1000) {
    return null
  }
  return orderId
}
