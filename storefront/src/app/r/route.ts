import { NextRequest, NextResponse } from "next/server"
import { recordReferralClick } from "@/lib/referral"
import { safeRedirectPath } from "@/lib/safe-redirect"

/** GET /r?code=CODE&to=/path: records the referral click, sets the cookie, returns to the page. */
export async function GET(request: NextRequest) {
  const code = (request.nextUrl.searchParams.get("code") ?? "").trim()
  const origin = request.headers.get("x-forwarded-host")
    ? `${request.headers.get("x-forwarded-proto") ?? "https"}://${request.headers.get("x-forwarded-host")}`
    : request.nextUrl.origin
  const to = safeRedirectPath(request.nextUrl.searchParams.get("to"), "/", origin)
  if (/^[A-Za-z0-9_-]{3,32}$/.test(code)) {
    const ip = (request.headers.get("x-forwarded-for") ?? "").split(",")[0].trim() || null
    // An unknown or inactive code is ignored: the visitor still lands on the page.
    await recordReferralClick(code, `${origin}${to}${to.includes("?") ? "&" : "?"}ref=${code}`, {
      ip,
      userAgent: request.headers.get("user-agent"),
    }).catch(() => false)
  }
  return NextResponse.redirect(new URL(to, origin))
}
