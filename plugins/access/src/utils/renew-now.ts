import type { MedusaContainer } from "@medusajs/framework/types"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { addIntervals } from "../rules/subscription-schedule"
import { recordSubscriptionPaymentFailureWorkflow } from "../workflows/record-subscription-payment-failure"
import { renewSubscriptionWorkflow } from "../workflows/renew-subscription"

/**
 * Bills one due subscription now, as the renewal job does for each (renewal workflow; a
 * failed charge is recorded by the dunning workflow). Used after the customer updates the
 * payment method of a past-due subscription so the retry happens at once.
 */
export async function renewSubscriptionNow(container: MedusaContainer, id: string, now: Date): Promise<{ renewed: boolean; error: string | null }> {
  const { result, errors } = await renewSubscriptionWorkflow(container).run({ input: { subscription_id: id, now }, throwOnError: false })
  if (!errors?.length) return { renewed: result.action === "charge", error: null }
  const message = errors.map((e) => e?.error?.message ?? String(e?.error)).join("; ")
  const [sub] = await container
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptions({ id }, { select: ["payments_made", "billing_anchor", "interval", "interval_count"] })
  if (!sub) return { renewed: false, error: message }
  const index = sub.payments_made + 1
  await recordSubscriptionPaymentFailureWorkflow(container).run({
    input: {
      subscription_id: id,
      period_index: index,
      period_start: addIntervals(new Date(sub.billing_anchor), sub.interval, (index - 1) * sub.interval_count),
      period_end: addIntervals(new Date(sub.billing_anchor), sub.interval, index * sub.interval_count),
      error: message,
      now,
    },
  })
  return { renewed: false, error: message }
}
