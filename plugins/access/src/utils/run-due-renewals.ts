import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { classifyRenewalFailure } from "../rules/renewal-failure"
import { addIntervals } from "../rules/subscription-schedule"
import { renewSubscriptionWorkflow } from "../workflows/renew-subscription"
import { renewSubscriptionsBatchWorkflow } from "../workflows/renew-subscriptions-batch"
import { recordSubscriptionPaymentFailureWorkflow } from "../workflows/record-subscription-payment-failure"

/**
 * `failed`: the customer's payment failed (dunning took over); `errored`: a failure on our
 * side (the subscription stays due and the next run tries again; logged as an error).
 */
export type RenewalRunSummary = { renewed: number; ended: number; failed: number; errored: number; skipped: number }

/** Batches in a row that may fail on our side before a pass stops billing in bulk. */
const BULK_FAILURES_IN_A_ROW = 3

export type RenewalRunOptions = {
  /** Due ids read per scan. */
  batchSize?: number
  maxBatches?: number
  /** Renewals of one batch run side by side in this process (each locks its subscription). */
  concurrency?: number
  /**
   * Bill plain due periods through renewSubscriptionsBatchWorkflow first (default); false:
   * every due subscription through the per-subscription workflow, as before the bulk path.
   */
  bulk?: boolean
}

/**
 * One pass of the renewal job. First the bulk path: renewSubscriptionsBatchWorkflow claims
 * and bills plain due periods (active or trialing, no period-end cancellation or pending
 * plan switch, the period never attempted) `batchSize` at a time, each a real Medusa order;
 * its declined payments go to dunning below and what it hands back is renewed one at a
 * time. A batch that fails on our side rolls back whole and is tried again; after
 * BULK_FAILURES_IN_A_ROW failures the pass goes on one at a time.
 * Then the rest, in keyset pages, each through renewSubscriptionWorkflow (locked per
 * subscription, so concurrent workers serialize on it and the second finds it no longer
 * due): past-due retries, period-end cancellations, plan switches. A failed run is
 * classified (rules/renewal-failure.ts): the customer's payment goes to
 * recordSubscriptionPaymentFailureWorkflow (dunning); anything else is only logged, the
 * run having rolled back whole (no paid renewal, the subscription un-advanced, the order
 * Medusa created deleted and its payment canceled or refunded), so the next pass bills the
 * period.
 */
export async function runDueSubscriptionRenewals(
  container: MedusaContainer,
  now: Date,
  { batchSize = 100, maxBatches = 50, concurrency = 1, bulk = true }: RenewalRunOptions = {}
): Promise<RenewalRunSummary> {
  const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const summary: RenewalRunSummary = { renewed: 0, ended: 0, failed: 0, errored: 0, skipped: 0 }

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
    await recordFailure(id, message)
  }

  const recordFailure = async (id: string, message: string) => {
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

  const inParallel = async (ids: string[], run: (id: string) => Promise<void>) => {
    let next = 0
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, async () => {
        while (next < ids.length) await run(ids[next++])
      })
    )
  }

  // 1. The bulk path: claim and bill batches of plain due periods until none is left.
  if (bulk) {
    let failedInARow = 0
    for (let batch = 0; batch < maxBatches; batch++) {
      const { result, errors } = await renewSubscriptionsBatchWorkflow(container).run({
        input: { now, limit: batchSize },
        throwOnError: false,
      })
      if (errors?.length) {
        // Rolled back whole (claims deleted). A passing failure (a lock wait, a deadlock) is
        // tried again; after BULK_FAILURES_IN_A_ROW the per-subscription pass below bills
        // what is left one at a time (a failure tied to one subscription stays with it there).
        failedInARow++
        const message = errors.map((e) => e?.error?.message ?? String(e?.error)).join("; ")
        const next = failedInARow >= BULK_FAILURES_IN_A_ROW ? "renewing one at a time" : "trying another batch"
        logger.error(`subscription renewal batch rolled back (${errors.map((e) => e?.action).join(", ")}): ${message}; ${next}`)
        if (failedInARow >= BULK_FAILURES_IN_A_ROW) break
        continue
      }
      failedInARow = 0
      if (!result.claimed) break
      summary.renewed += result.renewed.length
      const declined = new Map(result.declined.map((d) => [d.subscription_id, d.message]))
      await inParallel([...declined.keys()], (id) => recordFailure(id, declined.get(id) ?? "payment declined"))
      await inParallel(result.handed_back, renewOne)
    }
  }

  // 2. One at a time: what the bulk path leaves (past-due retries, period-end cancellations,
  // plan switches, periods attempted before), read in keyset pages so a pass is linear.
  let after: { next_charge_at: Date; id: string } | null = null
  for (let batch = 0; batch < maxBatches; batch++) {
    const page = await service.listDueSubscriptionIds(now, batchSize, after)
    if (!page.length) break
    after = page[page.length - 1]
    // Workers that read the same due list (other processes, or this pass's concurrency) start
    // at different places: the one that comes second to a subscription finds it locked, then
    // no longer due, and moves on, instead of both walking the list in step.
    await inParallel(shuffle(page.map((r) => r.id)), renewOne)
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
