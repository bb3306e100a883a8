import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { updateSubscriptionStep } from "./steps/subscription-records"

export type SetSubscriptionRenewalInput = { subscription_id: string; cancel_at_period_end: boolean }

/** Only a live subscription can be set to end or to go on (409 otherwise). Reads only. */
export const checkSubscriptionLiveStep = createStep(
  "check-subscription-live",
  async ({ subscription_id }: { subscription_id: string }, { container }) => {
    const [sub] = await container
      .resolve<AccessModuleService>(ACCESS_MODULE)
      .listSubscriptions({ id: subscription_id }, { select: ["id", "status"] })
    if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Subscription "${subscription_id}" was not found`)
    if (!["trialing", "active", "past_due"].includes(sub.status)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Subscription "${subscription_id}" is ${sub.status}: it can no longer be changed`)
    }
    return new StepResponse(sub)
  }
)

/**
 * Cancel at period end (access until the paid period ends, no further charge) or resume
 * before that end. The renewal job ends a subscription whose period is over and that is
 * still set to cancel.
 */
export const setSubscriptionRenewalWorkflow = createWorkflow("set-subscription-renewal", (input: SetSubscriptionRenewalInput) => {
  const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
  checkSubscriptionLiveStep(input)
  const updated = updateSubscriptionStep(
    transform({ input }, ({ input }) => ({ id: input.subscription_id, cancel_at_period_end: input.cancel_at_period_end }))
  )
  emitEventStep({
    eventName: AccessEvents.SUBSCRIPTION_UPDATED,
    // requested_at tells one request from another (the confirmation email's key): a
    // duplicate delivery carries the same.
    data: transform({ input }, ({ input }) => ({
      id: input.subscription_id,
      cancel_at_period_end: input.cancel_at_period_end,
      requested_at: new Date().toISOString(),
    })),
  })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(updated)
})
