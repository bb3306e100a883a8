import { acquireLockStep, emitEventStep, refundPaymentWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { revokeSubscriptionAccessStep } from "./steps/end-subscription-access"
import { planPeriodRefundStep } from "./steps/plan-period-refund"
import { updateSubscriptionStep, type SubscriptionUpdate } from "./steps/subscription-records"

export type RefundSubscriptionPeriodInput = {
  subscription_id: string
  renewal_id: string
  reason: string
  now: Date
  /** A part of what is left (decimal string, the order's currency); none: everything left. */
  amount?: string | null
  /** The admin user refunding (Medusa's refund records it). */
  created_by?: string
}

/**
 * Refunds one paid period (a renewal order) with Medusa's refundPaymentWorkflow on that
 * order's payment: what is captured and not yet refunded, or the part staff asked for. When it is the current period of
 * a live subscription the subscription is canceled now and its access revoked
 * (rules/period-refund.ts). Lock on the subscription -> plan -> [cancel + revoke] -> refund
 * -> unlock. The refund runs last, so a refused refund rolls the cancellation back; once the
 * provider has refunded nothing after it can fail.
 */
export const refundSubscriptionPeriodWorkflow = createWorkflow(
  "refund-subscription-period",
  (input: RefundSubscriptionPeriodInput) => {
    const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
    acquireLockStep({ key: lockKey, timeout: 10, ttl: 60 })
    const plan = planPeriodRefundStep(input)

    when("cancel-refunded-current-period", { plan }, ({ plan }) => plan.cancel).then(() => {
      updateSubscriptionStep(
        transform({ input }, ({ input }): SubscriptionUpdate => ({
          id: input.subscription_id,
          status: "canceled",
          canceled_at: input.now,
          cancel_reason: `current period refunded: ${input.reason}`,
          next_charge_at: null,
        }))
      )
      const revoked = revokeSubscriptionAccessStep(
        transform({ input }, ({ input }) => ({ subscription_id: input.subscription_id, reason: "subscription period refunded", now: input.now }))
      )
      emitEventStep({
        eventName: AccessEvents.ENTITLEMENTS_REVOKED,
        data: transform({ revoked }, ({ revoked }) => ({ ids: revoked })),
      }).config({ name: "emit-refund-access-revoked" })
      emitEventStep({
        eventName: AccessEvents.SUBSCRIPTION_CANCELED,
        data: transform({ input }, ({ input }) => ({ id: input.subscription_id, reason: "refund" })),
      }).config({ name: "emit-refund-subscription-canceled" })
    })

    refundPaymentWorkflow.runAsStep({
      input: transform({ plan, input }, ({ plan, input }) => ({
        payment_id: plan.payment_id,
        amount: plan.amount,
        created_by: input.created_by,
        note: input.reason,
      })),
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(
      transform({ plan }, ({ plan }) => ({ order_id: plan.order_id, payment_id: plan.payment_id, amount: plan.amount, canceled: plan.cancel }))
    )
  }
)
