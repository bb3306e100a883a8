import { addOrderTransactionStep, createOrdersStep, emitEventStep } from "@medusajs/medusa/core-flows"
import { EventPriority, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import {
  authorizeRenewalPaymentsStep,
  buildRenewalOrdersStep,
  checkRenewalBatchStep,
  claimRenewalBatchStep,
  completeRenewalBatchStep,
  lockRenewalBatchStep,
  unlockRenewalBatchStep,
} from "./steps/renewal-batch"

export type RenewSubscriptionsBatchInput = { now: Date; limit: number }

/**
 * The renewal job's bulk path: bills up to `limit` due periods at once, each still a real
 * Medusa order paid through the payment module, so `order.placed` reaches capture, grants,
 * tax, attribution, affiliates and the ledger as for any order.
 *
 * Claim (one SQL transaction: due subscriptions FOR UPDATE SKIP LOCKED, their next period's
 * renewal record inserted pending, UNIQUE (subscription, period)) -> lock every claimed
 * subscription (the same `subscription:<id>` keys the per-subscription workflows take) ->
 * re-check under the locks -> orders built (prices and tax lines read once per variant and
 * region) and created in one order-module call -> payment collections created and linked in
 * one call each, sessions authorized per order -> renewal records paid and subscriptions
 * advanced in one call each -> `order.placed` and `subscription.renewed` emitted as one
 * group -> unlock. Any failure compensates the whole batch (orders deleted, payments
 * canceled, records and subscriptions restored, claims deleted); a declined payment is not a
 * failure: its order is deleted and the subscription returned in `declined` for dunning.
 * What the batch does not bill (`handed_back`: locked by another run, changed under the
 * lock, no price, or a product that needs shipping) is left to renewSubscriptionWorkflow.
 */
export const renewSubscriptionsBatchWorkflow = createWorkflow("renew-subscriptions-batch", (input: RenewSubscriptionsBatchInput) => {
  const claims = claimRenewalBatchStep(input)
  const lock = lockRenewalBatchStep({ claims })
  const checked = checkRenewalBatchStep(transform({ lock, input }, ({ lock, input }) => ({ claims: lock.locked, now: input.now })))
  const built = buildRenewalOrdersStep(transform({ checked }, ({ checked }) => ({ ready: checked.ready })))
  const orders = createOrdersStep(transform({ built }, ({ built }) => built.orders))
  const paid = authorizeRenewalPaymentsStep(
    transform({ built, orders }, ({ built, orders }) => {
      const bySubscription = new Map(orders.map((o) => [String(o.metadata?.subscription_id), o.id]))
      return { billed: built.billed, order_ids: built.billed.map((r) => bySubscription.get(r.subscription.id) ?? "") }
    })
  )
  addOrderTransactionStep(
    transform({ paid }, ({ paid }) =>
      paid.authorized.flatMap((a) =>
        (a.payment.captures ?? []).map((capture) => ({
          order_id: a.order_id,
          amount: capture.raw_amount ?? capture.amount,
          currency_code: a.payment.currency_code,
          reference: "capture",
          reference_id: capture.id,
        }))
      )
    )
  )
  completeRenewalBatchStep(
    transform({ built, paid }, ({ built, paid }) => ({ billed: built.billed, authorized: paid.authorized, declined: paid.declined }))
  )
  emitEventStep({
    eventName: OrderWorkflowEvents.PLACED,
    data: transform({ paid }, ({ paid }) => paid.authorized.map((a) => ({ id: a.order_id }))),
    options: { priority: EventPriority.CRITICAL },
  }).config({ name: "emit-renewal-orders-placed" })
  emitEventStep({
    eventName: AccessEvents.SUBSCRIPTION_RENEWED,
    data: transform({ paid, built }, ({ paid, built }) => {
      const period = new Map(built.billed.map((r) => [r.subscription.id, r.claim.period_index]))
      return paid.authorized.map((a) => ({ id: a.subscription_id, order_id: a.order_id, period_index: period.get(a.subscription_id) ?? null }))
    }),
  }).config({ name: "emit-subscriptions-renewed" })
  unlockRenewalBatchStep(transform({ lock }, ({ lock }) => ({ owner: lock.owner, keys: lock.locked.map((c) => `subscription:${c.subscription_id}`) })))
  return new WorkflowResponse(
    transform({ claims, lock, checked, built, paid }, ({ claims, lock, checked, built, paid }) => ({
      claimed: claims.length,
      renewed: paid.authorized.map((a) => ({ subscription_id: a.subscription_id, order_id: a.order_id })),
      declined: paid.declined.map((d) => ({ subscription_id: d.subscription_id, message: d.message })),
      handed_back: [...lock.busy, ...checked.released, ...built.unbillable],
    }))
  )
})
