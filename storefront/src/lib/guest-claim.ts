import "server-only"
import { cookies } from "next/headers"
import { COOKIE } from "./config"
import { store, StoreError } from "./medusa"

/**
 * After a login or sign-up: the guest order this browser just paid for (its guest order
 * token is in an HttpOnly cookie) moves to the account when the emails match. Never fails
 * the login: a mismatch or an expired token leaves the emailed claim link as the way.
 */
export async function claimThisBrowsersGuestOrder(): Promise<number> {
  const token = (await cookies()).get(COOKIE.orderToken)?.value
  if (!token) return 0
  try {
    const res = await store<{ claimed: string[] }>("/store/customers/me/guest-claims", {
      method: "POST",
      body: {},
      headers: { "x-order-token": token },
    })
    return res.claimed.length
  } catch {
    return 0
  }
}

export async function requestGuestClaimLink(): Promise<string> {
  const res = await store<{ message: string }>("/store/customers/me/guest-claims/email", { method: "POST", body: {} })
  return res.message
}

export async function confirmGuestClaim(token: string): Promise<{ claimed: number } | { error: string }> {
  try {
    const res = await store<{ claimed: string[] }>("/store/customers/me/guest-claims/confirm", { method: "POST", body: { token } })
    return { claimed: res.claimed.length }
  } catch (error) {
    if (error instanceof StoreError) return { error: error.message }
    throw error
  }
}
