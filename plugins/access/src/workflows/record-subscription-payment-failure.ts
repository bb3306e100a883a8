import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { endSubscriptionWorkflow } from "./end-subscription"
import { planPaymentFailureStep, type PaymentFailurePlan } from "./steps/plan-payment-failure"
import { recordRenewalFailureStep } from "./steps/renewal-records"
import { updateSubscriptionStep } from "./steps/subscription-records"

/** The plan inside the branches that run only when it retries or cancels (`when` does not narrow types). */
const updating = (plan: PaymentFailurePlan) => plan as Extract<PaymentFailurePlan, { update: unknown }>

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
 * ended by endSubscriptionWorkflow when dunning is over (canceled, access revoked). Emits
 * subscription.payment_failed (with the next retry) or, through the end, subscription.canceled;
 * the dunning emails listen to those.
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
    when("dunning-over", { plan }, ({ plan }) => plan.action === "cancel").then(() => {
      endSubscriptionWorkflow.runAsStep({
        input: transform({ input, plan }, ({ input, plan }) => {
          const { id: _id, status: _s, canceled_at: _c, cancel_reason: _r, next_charge_at: _n, ...extra } = updating(plan).update
          return {
            subscription_id: input.subscription_id,
            cancel_reason: "payment failed",
            revoke_reason: "subscription payment failed",
            event_reason: "payment_failed" as const,
            now: input.now,
            extra,
          }
        }),
      })
    })
    when("dunning-retry", { plan }, ({ plan }) => plan.action === "retry").then(() => {
      updateSubscriptionStep(transform({ plan }, ({ plan }) => updating(plan).update)).config({ name: "set-subscription-dunning" })
      emitEventStep({
        eventName: AccessEvents.SUBSCRIPTION_PAYMENT_FAILED,
        data: transform({ input, plan, recorded }, ({ input, plan, recorded }) => ({
          id: input.subscription_id,
          period_index: input.period_index,
          attempts: recorded.attempts,
          next_retry_at: updating(plan).update.next_charge_at,
        })),
      }).config({ name: "emit-subscription-payment-failed" })
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(plan)
  }
)
