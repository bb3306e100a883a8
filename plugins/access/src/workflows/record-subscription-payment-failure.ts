import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { revokeSubscriptionAccessStep } from "./steps/end-subscription-access"
import { planPaymentFailureStep } from "./steps/plan-payment-failure"
import { recordRenewalFailureStep } from "./steps/renewal-records"
import { updateSubscriptionStep } from "./steps/subscription-records"

export type RecordSubscriptionPaymentFailureInput = {
  subscription_id: string
  period_index: number
  period_start: Date
  period_end: Date
  error: string
  now: Date
}

/**
 * A renewal charge failed (renewSubscriptionWorkflow rolled back): the period's record
 * counts the failed attempt, the subscription goes past_due with its next retry, or is
 * canceled and its access revoked when dunning is over. Emits subscription.payment_failed
 * or subscription.canceled (the emails listen to those).
 */
export const recordSubscriptionPaymentFailureWorkflow = createWorkflow(
  "record-subscription-payment-failure",
  (input: RecordSubscriptionPaymentFailureInput) => {
    const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const recorded = recordRenewalFailureStep(input)
    const plan = planPaymentFailureStep(
      transform({ input, recorded }, ({ input, recorded }) => ({
        subscription_id: input.subscription_id,
        period_index: input.period_index,
        attempts: recorded.attempts,
        now: input.now,
      }))
    )
    when("apply-dunning", { plan }, ({ plan }) => plan.action !== "skip").then(() => {
      updateSubscriptionStep(transform({ plan }, ({ plan }) => (plan as any).update)).config({ name: "set-subscription-dunning" })
    })
    when("dunning-over", { plan }, ({ plan }) => plan.action === "cancel").then(() => {
      const revoked = revokeSubscriptionAccessStep(
        transform({ input }, ({ input }) => ({ subscription_id: input.subscription_id, reason: "subscription payment failed", now: input.now }))
      )
    emitEventStep({
      eventName: AccessEvents.ENTITLEMENTS_REVOKED,
      data: transform({ revoked }, ({ revoked }) => ({ ids: revoked })),
    }).config({ name: "emit-subscription-access-revoked" })
      emitEventStep({
        eventName: AccessEvents.SUBSCRIPTION_CANCELED,
        data: transform({ input }, ({ input }) => ({ id: input.subscription_id, reason: "payment_failed" })),
      }).config({ name: "emit-subscription-canceled" })
    })
    when("dunning-retry", { plan }, ({ plan }) => plan.action === "retry").then(() => {
      emitEventStep({
        eventName: AccessEvents.SUBSCRIPTION_PAYMENT_FAILED,
        data: transform({ input, plan, recorded }, ({ input, plan, recorded }) => ({
          id: input.subscription_id,
          attempts: recorded.attempts,
          next_retry_at: (plan as any).update.next_charge_at,
        })),
      }).config({ name: "emit-subscription-payment-failed" })
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(plan)
  }
)
