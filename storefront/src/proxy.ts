import { NextRequest, NextResponse } from "next/server"
import { LOCALE_COOKIE, LOCALE_HEADER, splitLocalePrefix } from "./lib/locale-path"

/**
 * - `?ref=CODE` on any page: hand the visit to /r, which records the click with Medusa
 *   (POST /store/affiliates/clicks) and sets the first-party referral cookie, then comes
 *   back to the same page without the parameter.
 * - `/<locale>/...` (issue 26): served by the unprefixed page, with the locale passed to
 *   data fetching in the `x-volmify-locale` request header and remembered in a cookie
 *   (lib/locale.ts keeps it only if the org enabled it). A visitor's own header is dropped.
 */
export function proxy(request: NextRequest) {
  const ref = request.nextUrl.searchParams.get("ref")
  if (ref && request.nextUrl.pathname !== "/r") {
    const back = request.nextUrl.clone()
    back.searchParams.delete("ref")
    const target = request.nextUrl.clone()
    target.pathname = "/r"
    target.search = ""
    target.searchParams.set("code", ref)
    target.searchParams.set("to", `${back.pathname}${back.search}`)
    return NextResponse.redirect(target)
  }
  const headers = new Headers(request.headers)
  headers.delete(LOCALE_HEADER)
  const { locale, path } = splitLocalePrefix(request.nextUrl.pathname)
  if (!locale) return NextResponse.next({ request: { headers } })
  headers.set(LOCALE_HEADER, locale)
  const target = request.nextUrl.clone()
  target.pathname = path
  const res = NextResponse.rewrite(target, { request: { headers } })
  res.cookies.set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 })
  return res
}

export const config = {
  matcher: ["/((?!_next/|favicon.ico|.*\\.(?:png|jpg|jpeg|svg|webp|css|js)$).*)"],
}
