import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"

/** The container key a test registers a clock under (`() => Date`). */
export const SUBSCRIPTION_CLOCK = "volmifySubscriptionClock"

/**
 * "Now" for subscriptions: the real time, or in tests a clock registered in the container
 * (`container.register(SUBSCRIPTION_CLOCK, asValue(() => date))`) so a test can walk a
 * subscription through months in seconds. Refused in production: a registered clock there
 * is a deployment mistake that would bill at the wrong time.
 */
export function subscriptionNow(container: MedusaContainer): Date {
  const registered = container.hasRegistration?.(SUBSCRIPTION_CLOCK)
  if (!registered) {
    return new Date()
  }
  if (process.env.NODE_ENV === "production") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "a test clock is registered in production: refusing to bill")
  }
  return (container.resolve(SUBSCRIPTION_CLOCK) as () => Date)()
}
