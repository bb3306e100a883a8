import type { MiddlewareRoute } from "@medusajs/framework/http"
import {
  issueGuestOrderToken,
  keepCartInKeyChannel,
  keepVariantsInKeyChannel,
  narrowOrdersToKeyChannels,
  refuseAccountEmailWithoutItsLogin,
  requireShippingOption,
  storeScopeGuard,
} from "./guard"
import { checkPromoCodesForOrg } from "./promo-codes"

/**
 * Medusa's own /store routes, walled per org (see the plugin README, "Store side").
 * `storeScopeGuard` is registered with the global /store middlewares (no method) in
 * ../middlewares.ts; these run after core's validators for the same matcher and method.
 */
export const storeScopeMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/carts", methods: ["POST"], middlewares: [refuseAccountEmailWithoutItsLogin, checkPromoCodesForOrg, keepVariantsInKeyChannel] },
  // A variant only through a key of its product's channel (Medusa checks managed inventory only).
  { matcher: "/store/carts/:id/line-items", methods: ["POST"], middlewares: [keepVariantsInKeyChannel] },
  { matcher: "/store/carts/:id", methods: ["POST"], middlewares: [keepCartInKeyChannel, refuseAccountEmailWithoutItsLogin, checkPromoCodesForOrg] },
  // Promotion codes: the key's org's own, active and not used up (400 naming the code).
  { matcher: "/store/carts/:id/promotions", methods: ["POST"], middlewares: [checkPromoCodesForOrg] },
  { matcher: "/store/carts/:id/complete", methods: ["POST"], middlewares: [issueGuestOrderToken] },
  { matcher: "/store/orders", methods: ["GET"], middlewares: [narrowOrdersToKeyChannels] },
  { matcher: "/store/shipping-options/:id/calculate", methods: ["POST"], middlewares: [requireShippingOption] },
]

export { storeScopeGuard }
export { STORE_SCOPE, findStoreScopeRow } from "./routes"
