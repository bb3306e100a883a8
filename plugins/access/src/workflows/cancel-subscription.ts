import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { revokeSubscriptionAccessStep } from "./steps/end-subscription-access"
import { updateSubscriptionStep } from "./steps/subscription-records"
import { checkSubscriptionLiveStep } from "./set-subscription-renewal"

/** Cancels a live subscription now (merchant action): no further charge, access revoked. */
export const cancelSubscriptionWorkflow = createWorkflow(
  "cancel-subscription",
  (input: { subscription_id: string; reason: string; now: Date }) => {
    const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
    acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
    checkSubscriptionLiveStep(input)
    const updated = updateSubscriptionStep(
      transform({ input }, ({ input }) => ({
        id: input.subscription_id,
        status: "canceled",
        canceled_at: input.now,
        cancel_reason: input.reason,
        next_charge_at: null,
      }))
    )
    const revoked = revokeSubscriptionAccessStep(
      transform({ input }, ({ input }) => ({ subscription_id: input.subscription_id, reason: input.reason, now: input.now }))
    )
    emitEventStep({
      eventName: AccessEvents.ENTITLEMENTS_REVOKED,
      data: transform({ revoked }, ({ revoked }) => ({ ids: revoked })),
    }).config({ name: "emit-subscription-access-revoked" })
    emitEventStep({
      eventName: AccessEvents.SUBSCRIPTION_CANCELED,
      data: transform({ input }, ({ input }) => ({ id: input.subscription_id, reason: "merchant" })),
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(updated)
  }
)
