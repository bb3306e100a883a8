import type { MedusaContainer } from "@medusajs/framework/types"
import { subscriptionNow } from "../utils/clock"
import { runDueSubscriptionRenewals } from "../utils/run-due-renewals"
import { sendTrialEndingNotices } from "../utils/subscription-emails"

/**
 * Every 10 minutes: bill due subscription periods, run dunning, end canceled-at-period-end
 * ones; then remind trials ending within 3 days (once per trial).
 */
export default async function renewSubscriptionsJob(container: MedusaContainer) {
  const now = subscriptionNow(container)
  await runDueSubscriptionRenewals(container, now)
  await sendTrialEndingNotices(container, now)
}

export const config = { name: "renew-subscriptions", schedule: "*/10 * * * *" }
