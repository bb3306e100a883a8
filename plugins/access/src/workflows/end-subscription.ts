import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { revokeSubscriptionAccessStep } from "./steps/end-subscription-access"
import { updateSubscriptionStep, type SubscriptionUpdate } from "./steps/subscription-records"
import type { SubscriptionFields } from "../types/records"

/** Why a subscription ended, as `subscription.canceled` carries it (the emails word it). */
export type SubscriptionEndReason = "merchant" | "period_end" | "payment_failed"

export type EndSubscriptionInput = {
  subscription_id: string
  /** Stored on the subscription (`cancel_reason`). */
  cancel_reason: string
  /** Stored on each revoked entitlement (`revoke_reason`). */
  revoke_reason: string
  /** `subscription.canceled`'s `reason`. */
  event_reason: SubscriptionEndReason
  now: Date
  /** Further fields written with the end (dunning's counters). */
  extra?: SubscriptionFields
}

/**
 * Ends a subscription: canceled, no further charge, the access it granted revoked, then
 * `entitlement.revoked` and `subscription.canceled`. The one way a subscription ends, used by
 * a staff cancel (cancelSubscriptionWorkflow), the renewal job at the end of a period set to
 * cancel (renewSubscriptionWorkflow) and the end of dunning
 * (recordSubscriptionPaymentFailureWorkflow). Takes no lock: its callers hold the
 * subscription's. Each step compensates (the subscription's previous values are written
 * back, the entitlements made active again) and the events go out only when the whole run
 * (the caller's too) succeeds.
 */
export const endSubscriptionWorkflow = createWorkflow("end-subscription", (input: EndSubscriptionInput) => {
  const subscription = updateSubscriptionStep(
    transform({ input }, ({ input }): SubscriptionUpdate => ({
      ...(input.extra ?? {}),
      id: input.subscription_id,
      status: "canceled",
      canceled_at: input.now,
      cancel_reason: input.cancel_reason,
      next_charge_at: null,
    }))
  ).config({ name: "mark-subscription-canceled" })
  const revoked = revokeSubscriptionAccessStep(
    transform({ input }, ({ input }) => ({ subscription_id: input.subscription_id, reason: input.revoke_reason, now: input.now }))
  )
  emitEventStep({
    eventName: AccessEvents.ENTITLEMENTS_REVOKED,
    data: transform({ revoked }, ({ revoked }) => ({ ids: revoked })),
  }).config({ name: "emit-subscription-access-revoked" })
  emitEventStep({
    eventName: AccessEvents.SUBSCRIPTION_CANCELED,
    data: transform({ input }, ({ input }) => ({ id: input.subscription_id, reason: input.event_reason })),
  }).config({ name: "emit-subscription-canceled" })
  return new WorkflowResponse(transform({ subscription, revoked }, ({ subscription, revoked }) => ({ subscription, revoked_ids: revoked })))
})
