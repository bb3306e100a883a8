import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"

/** The container key a test registers step faults under (a `Set` of step names). */
export const SUBSCRIPTION_TEST_FAULTS = "volmifySubscriptionTestFaults"

/**
 * Test-only hook: a renewal step named in the registered set fails as it starts, so a test
 * proves what a failure at that point rolls back (a renewal whose record update or
 * subscription advance fails after Medusa created the order). Nothing is registered outside
 * tests; with NODE_ENV=production a registration is refused, as the test clock is.
 */
export function throwIfTestFault(container: MedusaContainer, step: string) {
  if (!container.hasRegistration?.(SUBSCRIPTION_TEST_FAULTS)) return
  if (process.env.NODE_ENV === "production") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "subscription test faults are registered in production: refusing to run")
  }
  if ((container.resolve(SUBSCRIPTION_TEST_FAULTS) as Set<string>).has(step)) {
    throw new Error(`test fault: ${step} failed`)
  }
}
