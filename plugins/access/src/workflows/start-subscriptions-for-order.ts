import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { createEntitlementsStep, type NewEntitlement } from "./steps/entitlement-records"
import { planOrderSubscriptionsStep } from "./steps/plan-order-subscriptions"
import { createSubscriptionsStep } from "./steps/subscription-records"

/** The entitlement source id of a subscription's grant on one product. */
export const subscriptionSourceId = (subscriptionId: string, productId: string) => `${subscriptionId}:${productId}`

/**
 * order.placed of a subscription variant -> the subscription and its access (the tier on
 * the course, or on every course of the org for an org-wide membership; entitlements with
 * no end, revoked when the subscription ends). Idempotent: a lock on the order, an
 * "already started?" guard and the unique origin_order_id.
 */
export const startSubscriptionsForOrderWorkflow = createWorkflow(
  "start-subscriptions-for-order",
  (input: { order_id: string; now: Date }) => {
    const lockKey = transform({ input }, ({ input }) => `subscriptions:order:${input.order_id}`)
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const plan = planOrderSubscriptionsStep(input)
    const subscriptions = createSubscriptionsStep(
      transform({ plan }, ({ plan }) => plan.to_create.map(({ product_ids, access_starts_at, ...s }) => s))
    )
    const grants = createEntitlementsStep(
      transform({ plan, subscriptions, input }, ({ plan, subscriptions, input }) =>
        subscriptions.flatMap((s, i) =>
          plan.to_create[i].product_ids.map(
            (productId): NewEntitlement => ({
              customer_id: s.customer_id,
              product_id: productId,
              variant_id: productId === s.product_id ? s.variant_id : null,
              tier: s.tier,
              source_type: "subscription",
              source_id: subscriptionSourceId(s.id, productId),
              order_id: input.order_id,
              starts_at: new Date(plan.to_create[i].access_starts_at),
              expires_at: null,
            })
          )
        )
      )
    ).config({ name: "create-subscription-entitlements" })
    when({ subscriptions }, ({ subscriptions }) => subscriptions.length > 0).then(() => {
      emitEventStep({
        eventName: AccessEvents.SUBSCRIPTIONS_STARTED,
        data: transform({ subscriptions, input }, ({ subscriptions, input }) => ({
          ids: subscriptions.map((s) => s.id),
          order_id: input.order_id,
        })),
      }).config({ name: "emit-subscriptions-started" })
      emitEventStep({
        eventName: AccessEvents.ENTITLEMENTS_GRANTED,
        data: transform({ grants, input }, ({ grants, input }) => ({
          ids: grants.map((e) => e.id),
          order_id: input.order_id,
          customer_id: grants[0]?.customer_id,
          product_ids: [...new Set(grants.map((e) => e.product_id))],
        })),
      }).config({ name: "emit-subscription-grants" })
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(transform({ subscriptions, plan }, ({ subscriptions, plan }) => ({ subscriptions, skipped: plan.skipped || null })))
  }
)
