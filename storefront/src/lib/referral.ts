import "server-only"
import { cookies } from "next/headers"
import { COOKIE, cookieOptions } from "./config"
import { store } from "./medusa"

export type Referral = { code: string; click_id: string; expires_at: string }

/** The referral cookie (code and click), if set and not expired. */
export async function readReferral(): Promise<Referral | null> {
  const raw = (await cookies()).get(COOKIE.referral)?.value
  if (!raw) return null
  try {
    const value = JSON.parse(raw) as Referral
    return value.code && new Date(value.expires_at).getTime() > Date.now() ? value : null
  } catch {
    return null
  }
}

/**
 * Records a click and keeps it in the cookie for the program's window. Under the
 * first-click model an unexpired referral is kept; under last-click the new one replaces it.
 */
export async function recordReferralClick(
  code: string,
  landingUrl: string,
  visitor: { ip?: string | null; userAgent?: string | null }
): Promise<boolean> {
  const res = await store<{ click: { id: string; code: string; expires_at: string }; attribution_model: string; cookie_window_days: number }>(
    "/store/affiliates/clicks",
    {
      method: "POST",
      auth: false,
      body: { code, landing_url: landingUrl.slice(0, 2048) },
      headers: {
        ...(visitor.userAgent ? { "user-agent": visitor.userAgent } : {}),
        ...(visitor.ip ? { "x-forwarded-for": visitor.ip } : {}),
      },
    }
  )
  const existing = await readReferral()
  if (existing && res.attribution_model === "first_click") return true
  const value: Referral = { code: res.click.code, click_id: res.click.id, expires_at: res.click.expires_at }
  ;(await cookies()).set(COOKIE.referral, JSON.stringify(value), cookieOptions(res.cookie_window_days))
  return true
}

/** Checkout: attaches the cookie's referral to the cart (a stale or unknown code is ignored). */
export async function attachReferralToCart(cartId: string) {
  const referral = await readReferral()
  if (!referral) return
  await store(`/store/carts/${cartId}/referral`, {
    method: "POST",
    body: { code: referral.code, click_id: referral.click_id },
  }).catch(() => {})
}
