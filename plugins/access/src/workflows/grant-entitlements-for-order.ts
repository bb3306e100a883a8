import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { createEntitlementsStep } from "./steps/entitlement-records"
import { planOrderGrantsStep } from "./steps/plan-order-grants"

/**
 * Grants one entitlement per paid line item whose variant has an access plan.
 * Idempotent: a lock on the order, an "already granted?" guard, and the unique
 * (source_type, source_id) index make any number of deliveries grant once.
 */
export const grantEntitlementsForOrderWorkflow = createWorkflow(
  "grant-entitlements-for-order",
  (input: { order_id: string }) => {
    const lockKey = transform({ input }, ({ input }) => `entitlements:order:${input.order_id}`)
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const plan = planOrderGrantsStep({ order_id: input.order_id })
    const created = createEntitlementsStep(transform({ plan }, ({ plan }) => plan.to_create))
    when({ created }, ({ created }) => created.length > 0).then(() =>
      emitEventStep({
        eventName: AccessEvents.ENTITLEMENTS_GRANTED,
        data: transform({ created, input }, ({ created, input }) => ({
          ids: created.map((e) => e.id),
          order_id: input.order_id,
          customer_id: created[0].customer_id,
          product_ids: [...new Set(created.map((e) => e.product_id))],
        })),
      })
    )
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(
      transform({ created, plan }, ({ created, plan }) => ({ entitlements: created, skipped: plan.skipped || null }))
    )
  }
)
