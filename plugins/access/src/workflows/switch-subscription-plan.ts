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
import type { SwitchQuote } from "../utils/subscription-switch"
import { quoteSubscriptionSwitchStep, switchSubscriptionAccessStep } from "./steps/subscription-plan-switch"
import { updateSubscriptionStep } from "./steps/subscription-records"

export type SwitchSubscriptionPlanInput = { subscription_id: string; variant_id: string; now: Date }

/**
 * The customer switches their subscription to another plan of the same product
 * (utils/subscription-switch.ts says which and what it costs).
 * - Upgrade: the prorated difference is charged now as a real Medusa sale through the same
 *   off-session path as renewals (cart with the new variant at the prorated price and
 *   `metadata.subscription_id`, so it starts no subscription -> payment collection ->
 *   session with the saved method -> completeCartWorkflow), then the subscription and its
 *   grants take the new plan and tier. No charge when the difference rounds to 0.
 * - Downgrade: stored as `pending_variant_id`/`pending_plan_id`; the next renewal bills and
 *   applies it. Choosing the current plan again drops it.
 * Lock on the subscription (the renewal's key) -> quote -> charge -> apply. A failed charge
 * compensates everything: the subscription and grants are unchanged.
 */
export const switchSubscriptionPlanWorkflow = createWorkflow("switch-subscription-plan", (input: SwitchSubscriptionPlanInput) => {
  const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const plan = quoteSubscriptionSwitchStep(input)
  const quote = transform({ plan }, ({ plan }) => plan.quote)

  const order = when("charge-switch", { plan }, ({ plan }) => !!plan.charge).then(() => {
    const cart = createCartWorkflow
      .runAsStep({
        input: transform({ plan }, ({ plan }) => plan.charge!.cart),
      })
    const collection = createPaymentCollectionForCartWorkflow
      .runAsStep({ input: transform({ cart }, ({ cart }) => ({ cart_id: cart.id })) })
    createPaymentSessionsWorkflow
      .runAsStep({
        input: transform({ plan, collection }, ({ plan, collection }) => ({
          payment_collection_id: collection.id,
          ...plan.charge!.session,
        })),
      })
    return completeCartWorkflow
      .runAsStep({ input: transform({ cart }, ({ cart }) => ({ id: cart.id })) })
  })

  when("apply-switch-now", { quote }, ({ quote }) => quote.applies === "now" && quote.kind !== "keep").then(() => {
    updateSubscriptionStep(
      transform({ quote }, ({ quote }) => ({
        id: quote.subscription_id,
        variant_id: quote.to.variant_id,
        plan_id: quote.to.plan_id,
        tier: quote.to.tier,
        pending_variant_id: null,
        pending_plan_id: null,
      }))
    ).config({ name: "switch-subscription-now" })
    switchSubscriptionAccessStep(
      transform({ quote }, ({ quote }) => ({
        subscription_id: quote.subscription_id,
        tier: quote.to.tier,
        variant_id: quote.to.variant_id,
        product_id: quote.to.product_id,
      }))
    )
  })

  when("switch-at-period-end", { quote }, ({ quote }) => quote.applies === "period_end" || quote.kind === "keep").then(() => {
    updateSubscriptionStep(
      transform({ quote }, ({ quote }) => ({
        id: quote.subscription_id,
        pending_variant_id: quote.kind === "keep" ? null : quote.to.variant_id,
        pending_plan_id: quote.kind === "keep" ? null : quote.to.plan_id,
      }))
    ).config({ name: "switch-subscription-later" })
  })

  emitEventStep({
    eventName: "subscription.updated",
    data: transform({ quote, order }, ({ quote, order }) => ({
      id: quote.subscription_id,
      switch: quote.kind,
      variant_id: quote.to.variant_id,
      order_id: order?.id ?? null,
    })),
  }).config({ name: "emit-subscription-switched" })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(
    transform({ quote, order }, ({ quote, order }) => ({ quote: quote as SwitchQuote, order_id: order?.id ?? null }))
  )
})
