import { NextRequest, NextResponse } from "next/server"

/**
 * `?ref=CODE` on any page: hand the visit to /r, which records the click with Medusa
 * (POST /store/affiliates/clicks) and sets the first-party referral cookie, then comes
 * back to the same page without the parameter.
 */
export function proxy(request: NextRequest) {
  const ref = request.nextUrl.searchParams.get("ref")
  if (!ref || request.nextUrl.pathname === "/r") return NextResponse.next()
  const back = request.nextUrl.clone()
  back.searchParams.delete("ref")
  const target = request.nextUrl.clone()
  target.pathname = "/r"
  target.search = ""
  target.searchParams.set("code", ref)
  target.searchParams.set("to", `${back.pathname}${back.search}`)
  return NextResponse.redirect(target)
}

export const config = {
  matcher: ["/((?!_next/|favicon.ico|.*\\.(?:png|jpg|jpeg|svg|webp|css|js)$).*)"],
}
