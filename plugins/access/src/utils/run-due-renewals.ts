import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { addIntervals } from "../rules/subscription-schedule"
import { renewSubscriptionWorkflow } from "../workflows/renew-subscription"
import { recordSubscriptionPaymentFailureWorkflow } from "../workflows/record-subscription-payment-failure"

export type RenewalRunSummary = { renewed: number; ended: number; failed: number; skipped: number }

/**
 * One pass of the renewal job: due subscriptions in batches, each through
 * renewSubscriptionWorkflow (locked per subscription, so concurrent workers serialize on
 * it and the second finds it no longer due); a failed charge goes to
 * recordSubscriptionPaymentFailureWorkflow. A batch that renews nothing ends the pass
 * (what stays due failed under another worker's lock and is retried next run).
 */
export async function runDueSubscriptionRenewals(
  container: MedusaContainer,
  now: Date,
  { batchSize = 100, maxBatches = 50 } = {}
): Promise<RenewalRunSummary> {
  const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const summary: RenewalRunSummary = { renewed: 0, ended: 0, failed: 0, skipped: 0 }
  const seen = new Set<string>()
  for (let batch = 0; batch < maxBatches; batch++) {
    const ids = (await service.listDueSubscriptionIds(now, batchSize + seen.size)).filter((id) => !seen.has(id))
    if (!ids.length) break
    for (const id of ids) {
      seen.add(id)
      const { result, errors } = await renewSubscriptionWorkflow(container).run({
        input: { subscription_id: id, now },
        throwOnError: false,
      })
      if (!errors?.length) {
        if (result.action === "charge") summary.renewed++
        else if (result.action === "end") summary.ended++
        else summary.skipped++
        continue
      }
      const message = errors.map((e: any) => e?.error?.message ?? String(e?.error)).join("; ")
      const [sub] = (await service.listSubscriptions({ id }, { select: ["payments_made", "billing_anchor", "interval", "interval_count"] })) as any[]
      if (!sub) continue
      summary.failed++
      logger.warn(`subscription ${id}: renewal failed: ${message}`)
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
    }
  }
  return summary
}
