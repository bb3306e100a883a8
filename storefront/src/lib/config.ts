import "./server-only"

// Read at run time: one build serves every org's deployment (Next inlines literal
// `process.env.NEXT_PUBLIC_*` reads at build time; a computed key is not inlined).
const env = (name: string) => process.env[name] ?? ""

/** Where Medusa answers, seen from the storefront's server. */
export const BACKEND_URL = env("MEDUSA_BACKEND_URL") || env("NEXT_PUBLIC_MEDUSA_BACKEND_URL") || "http://localhost:9000"

/** Medusa's URL as browsers reach it (signed lesson media is served from there). */
export const PUBLIC_BACKEND_URL = env("MEDUSA_PUBLIC_URL") || BACKEND_URL

/** A per-org deployment pins its org by publishable key. */
export const PINNED_KEY = env("NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY") || env("MEDUSA_PUBLISHABLE_KEY")

/**
 * Multi-domain hosting: without a pinned key the org comes from the Host header through
 * GET /store/orgs/resolve, which (like every Medusa store route) needs some valid key.
 */
export const RESOLVER_KEY = env("VOLMIFY_RESOLVER_KEY")

/**
 * The storefront's public URL for canonical links, the sitemap and JSON-LD (a per-org
 * deployment); empty: the request's own host.
 */
export const SITE_URL = env("VOLMIFY_SITE_URL")

export const COOKIE = {
  token: "_volmify_jwt",
  cart: "_volmify_cart",
  region: "_volmify_region",
  /** The affiliate referral (code and click) kept for the program's cookie window. */
  referral: "_volmify_ref",
  /**
   * A guest's order token (Medusa answers it in `x-order-token` when the cart completes):
   * the only way a guest reads their own order on the confirmation page. Short-lived.
   */
  orderToken: "_volmify_order",
} as const

/** Cookies the server sets: HttpOnly, SameSite=Lax, Secure unless plain http dev. */
export const cookieOptions = (maxAgeDays: number) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: env("NODE_ENV") === "production" && env("COOKIE_SECURE") !== "false",
  path: "/",
  maxAge: Math.round(maxAgeDays * 24 * 3600),
})

/** The guest order token lives as long as Medusa accepts it (one hour). */
export const ORDER_TOKEN_MAX_AGE_DAYS = 1 / 24

/**
 * Card payments: with a Stripe publishable key the checkout uses Stripe's Payment Element
 * (Medusa's Stripe provider, `pp_stripe_stripe`); without it, Medusa's system provider.
 */
export const STRIPE_PUBLISHABLE_KEY = env("NEXT_PUBLIC_STRIPE_KEY") || env("STRIPE_PUBLISHABLE_KEY")
export const PAYMENT_PROVIDER = env("VOLMIFY_PAYMENT_PROVIDER") || (STRIPE_PUBLISHABLE_KEY ? "pp_stripe_stripe" : "pp_system_default")

/** Medusa's Stripe provider: saved cards (before a free trial, a subscription's new card) go to it. */
export const STRIPE_PROVIDER = "pp_stripe_stripe"
