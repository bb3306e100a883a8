import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { endSubscriptionWorkflow } from "./end-subscription"
import { checkSubscriptionLiveStep } from "./set-subscription-renewal"

/** Cancels a live subscription now (merchant action): no further charge, access revoked. */
export const cancelSubscriptionWorkflow = createWorkflow(
  "cancel-subscription",
  (input: { subscription_id: string; reason: string; now: Date }) => {
    const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
    acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
    checkSubscriptionLiveStep(input)
    const ended = endSubscriptionWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        subscription_id: input.subscription_id,
        cancel_reason: input.reason,
        revoke_reason: input.reason,
        event_reason: "merchant" as const,
        now: input.now,
      })),
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(transform({ ended }, ({ ended }) => ended.subscription))
  }
)
