import type { MedusaContainer } from "@medusajs/framework/types"
import { subscriptionNow } from "../utils/clock"
import { runDueSubscriptionRenewals } from "../utils/run-due-renewals"

/** Every 10 minutes: bill due subscription periods, run dunning, end canceled-at-period-end ones. */
export default async function renewSubscriptionsJob(container: MedusaContainer) {
  await runDueSubscriptionRenewals(container, subscriptionNow(container))
}

export const config = { name: "renew-subscriptions", schedule: "*/10 * * * *" }
