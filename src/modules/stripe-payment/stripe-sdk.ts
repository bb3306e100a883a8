import { createRequire } from "node:module"
import type StripeType from "stripe"

/**
 * The Stripe SDK that @medusajs/payment-stripe itself loads (its own pinned major, not
 * whatever `stripe` another package hoisted to the root), so the client we build talks to
 * the provider's code with the types and defaults it was written for.
 */
const fromProvider = createRequire(require.resolve("@medusajs/payment-stripe"))
export const Stripe = fromProvider("stripe") as typeof StripeType
