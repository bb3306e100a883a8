import "server-only"

/** Where Medusa answers, seen from the storefront's server. */
export const BACKEND_URL =
  process.env.MEDUSA_BACKEND_URL || process.env.NEXT_PUBLIC_MEDUSA_BACKEND_URL || "http://localhost:9000"

/** A per-org deployment pins its org by publishable key. */
export const PINNED_KEY = process.env.NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY || process.env.MEDUSA_PUBLISHABLE_KEY || ""

/**
 * Multi-domain hosting: without a pinned key the org comes from the Host header through
 * GET /store/orgs/resolve, which (like every Medusa store route) needs some valid key.
 */
export const RESOLVER_KEY = process.env.VOLMIFY_RESOLVER_KEY || ""

export const COOKIE = {
  token: "_volmify_jwt",
  cart: "_volmify_cart",
  region: "_volmify_region",
} as const

/** Cookies the server sets: HttpOnly, SameSite=Lax, Secure unless plain http dev. */
export const cookieOptions = (maxAgeDays: number) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false",
  path: "/",
  maxAge: maxAgeDays * 24 * 3600,
})
