import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { classifyRenewalFailure } from "../rules/renewal-failure"
import { addIntervals } from "../rules/subscription-schedule"
import { renewSubscriptionWorkflow } from "../workflows/renew-subscription"
import { recordSubscriptionPaymentFailureWorkflow } from "../workflows/record-subscription-payment-failure"

/**
 * `failed`: the customer's payment failed (dunning took over); `errored`: a failure on our
 * side (the subscription stays due and the next run tries again; logged as an error).
 */
export type RenewalRunSummary = { renewed: number; ended: number; failed: number; errored: number; skipped: number }

export type RenewalRunOptions = {
  /** Due ids read per scan. */
  batchSize?: number
  maxBatches?: number
  /** Renewals of one batch run side by side in this process (each locks its subscription). */
  concurrency?: number
}

/**
 * One pass of the renewal job: due subscriptions in batches, each through
 * renewSubscriptionWorkflow (locked per subscription, so concurrent workers serialize on
 * it and the second finds it no longer due). A failed run is classified
 * (rules/renewal-failure.ts): the customer's payment goes to
 * recordSubscriptionPaymentFailureWorkflow (dunning); anything else is only logged, the
 * run having rolled back whole (no paid renewal, the subscription un-advanced, the order
 * Medusa created deleted and its payment canceled or refunded), so the next pass bills the
 * period. A batch that renews nothing ends the pass.
 */
export async function runDueSubscriptionRenewals(
  container: MedusaContainer,
  now: Date,
  { batchSize = 100, maxBatches = 50, concurrency = 1 }: RenewalRunOptions = {}
): Promise<RenewalRunSummary> {
  const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const summary: RenewalRunSummary = { renewed: 0, ended: 0, failed: 0, errored: 0, skipped: 0 }
  const seen = new Set<string>()

  const renewOne = async (id: string) => {
    const { result, errors } = await renewSubscriptionWorkflow(container).run({
      input: { subscription_id: id, now },
      throwOnError: false,
    })
    if (!errors?.length) {
      if (result.action === "charge") summary.renewed++
      else if (result.action === "end") summary.ended++
      else summary.skipped++
      return
    }
    const message = errors.map((e) => e?.error?.message ?? String(e?.error)).join("; ")
    if (classifyRenewalFailure(errors) === "system") {
      summary.errored++
      logger.error(`subscription ${id}: renewal rolled back (${errors.map((e) => e?.action).join(", ")}): ${message}; retried next run`)
      return
    }
    const [sub] = await service.listSubscriptions({ id }, { select: ["payments_made", "billing_anchor", "interval", "interval_count"] })
    if (!sub) return
    summary.failed++
    logger.warn(`subscription ${id}: renewal payment failed: ${message}`)
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

  for (let batch = 0; batch < maxBatches; batch++) {
    const ids = (await service.listDueSubscriptionIds(now, batchSize + seen.size)).filter((id) => !seen.has(id))
    if (!ids.length) break
    ids.forEach((id) => seen.add(id))
    // Workers that read the same due list (other processes, or this pass's concurrency) start
    // at different places: the one that comes second to a subscription finds it locked, then
    // no longer due, and moves on, instead of both walking the list in step.
    shuffle(ids)
    let next = 0
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, async () => {
        while (next < ids.length) await renewOne(ids[next++])
      })
    )
  }
  return summary
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}
