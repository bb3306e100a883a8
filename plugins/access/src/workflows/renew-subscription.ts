import {
  acquireLockStep,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  emitEventStep,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { endSubscriptionWorkflow } from "./end-subscription"
import { planSubscriptionRenewalStep, type RenewalPlan } from "./steps/plan-subscription-renewal"
import { claimRenewalStep, markRenewalPaidStep } from "./steps/renewal-records"
import { updateSubscriptionStep, type SubscriptionUpdate } from "./steps/subscription-records"
import { applyPendingPlanStep } from "./steps/subscription-plan-switch"

export type RenewSubscriptionInput = { subscription_id: string; now: Date }

/** The plan inside the branches that run only when its action is "charge" (`when` does not narrow types). */
const charging = (plan: RenewalPlan) => plan as Extract<RenewalPlan, { action: "charge" }>

/**
 * Bills one due period of a subscription as a real Medusa sale: a cart in the
 * subscription's region, channel and currency with the plan's variant at its current price
 * (cart metadata names the subscription and period), a payment session with the saved
 * method off-session (the system provider in development), completed into an order by
 * Medusa's completeCartWorkflow, so order.placed reaches tax, attribution, affiliates and
 * the ledger as for any order. Then the period's renewal record is paid and the
 * subscription advances (completed after the last installment: access stays for life).
 * A subscription canceled at period end is ended instead (endSubscriptionWorkflow: access revoked).
 *
 * Lock on the subscription -> read-only plan -> claim the period (unique record) -> cart ->
 * payment -> complete -> mark paid -> advance -> unlock. Any failure compensates it all
 * (the cart stays, uncompleted); the caller then records the failure
 * (recordSubscriptionPaymentFailureWorkflow).
 */
export const renewSubscriptionWorkflow = createWorkflow("renew-subscription", (input: RenewSubscriptionInput) => {
  const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const plan = planSubscriptionRenewalStep(input)

  const claim = when("claim-due-period", { plan }, ({ plan }) => plan.action === "charge").then(() =>
    claimRenewalStep(
      transform({ plan, input }, ({ plan, input }) => {
        const p = charging(plan)
        return { subscription_id: input.subscription_id, period_index: p.period_index, period_start: p.period_start, period_end: p.period_end }
      })
    )
  )

  const charged = when("charge-period", { claim }, ({ claim }) => !!claim?.claimed).then(() => {
    const cart = createCartWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }) => {
        const { subscription: s, period_index } = charging(plan)
        return {
          region_id: s.region_id,
          customer_id: s.customer_id,
          email: s.email ?? undefined,
          currency_code: s.currency_code,
          sales_channel_id: s.sales_channel_id ?? undefined,
          items: [{ variant_id: s.variant_id, quantity: 1 }],
          metadata: { subscription_id: s.id, subscription_period: period_index },
        }
      }),
    })
    const collection = createPaymentCollectionForCartWorkflow.runAsStep({
      input: transform({ cart }, ({ cart }) => ({ cart_id: cart.id })),
    })
    createPaymentSessionsWorkflow.runAsStep({
      input: transform({ plan, collection }, ({ plan, collection }) => {
        const s = charging(plan).subscription
        return {
          payment_collection_id: collection.id,
          provider_id: s.payment_provider_id,
          customer_id: s.customer_id,
          data: { ...(s.payment_method_ref ?? {}), off_session: true, confirm: true },
        }
      }),
    })
    const order = completeCartWorkflow.runAsStep({ input: transform({ cart }, ({ cart }) => ({ id: cart.id })) })
    markRenewalPaidStep(transform({ claim, order }, ({ claim, order }) => ({ renewal_id: claim!.renewal_id!, order_id: order.id })))
    updateSubscriptionStep(
      transform({ plan }, ({ plan }): SubscriptionUpdate => {
        const p = charging(plan)
        return {
          id: p.subscription.id,
          status: p.final ? "completed" : "active",
          payments_made: p.period_index,
          current_period_start: p.period_start,
          current_period_end: p.period_end,
          next_charge_at: p.final ? null : p.period_end,
          failed_attempts: 0,
          past_due_since: null,
        }
      })
    ).config({ name: "advance-subscription" })
    applyPendingPlanStep(transform({ plan }, ({ plan }) => ({ subscription_id: charging(plan).subscription.id })))
    emitEventStep({
      eventName: AccessEvents.SUBSCRIPTION_RENEWED,
      data: transform({ plan, order }, ({ plan, order }) => ({
        id: charging(plan).subscription.id,
        order_id: order.id,
        period_index: charging(plan).period_index,
      })),
    }).config({ name: "emit-subscription-renewed" })
    return order
  })

  when("end-at-period-end", { plan }, ({ plan }) => plan.action === "end").then(() => {
    endSubscriptionWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        subscription_id: input.subscription_id,
        cancel_reason: "canceled at period end",
        revoke_reason: "subscription canceled",
        event_reason: "period_end" as const,
        now: input.now,
      })),
    })
  })

  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(
    transform({ plan, charged }, ({ plan, charged }) => ({
      action: plan.action === "charge" && !charged ? "skip" : plan.action,
      order_id: charged?.id ?? null,
      period_index: (plan.action === "charge" ? plan.period_index : undefined) ?? null,
    }))
  )
})
