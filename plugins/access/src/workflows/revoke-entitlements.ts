import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { updateEntitlementsStep } from "./steps/entitlement-records"
import {
  findActiveEntitlementStep,
  findLapsedEntitlementsStep,
  findOrderEntitlementsStep,
} from "./steps/find-entitlements"

const revokedEvent = (entitlements: any[]) =>
  when({ entitlements }, ({ entitlements }) => entitlements.length > 0).then(() =>
    emitEventStep({
      eventName: AccessEvents.ENTITLEMENTS_REVOKED,
      data: transform({ entitlements }, ({ entitlements }) => ({ ids: entitlements.map((e: any) => e.id) })),
    })
  )

/**
 * Revokes what an order granted: every line (canceled or fully refunded order) or the
 * given lines (fully refunded or returned lines). Replays find nothing active and do nothing.
 * Takes the grant's lock on the order: events run side by side in Redis mode, and a revoke
 * that overtook a grant in flight would find nothing while the grant then wrote access for
 * a canceled order. Serialized, the later grant sees the canceled order and grants nothing.
 */
export const revokeEntitlementsForOrderWorkflow = createWorkflow(
  "revoke-entitlements-for-order",
  (input: { order_id: string; reason: string; line_item_ids?: string[] }) => {
    const lockKey = transform({ input }, ({ input }) => `entitlements:order:${input.order_id}`)
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const found = findOrderEntitlementsStep(input)
    const updated = updateEntitlementsStep(
      transform({ found, input }, ({ found, input }) =>
        found.map((e: any) => ({ id: e.id, status: "revoked", revoked_at: new Date(), revoke_reason: input.reason }))
      )
    )
    revokedEvent(updated as any)
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(updated)
  }
)

/** Staff revoke one entitlement by hand, with a reason. */
export const revokeEntitlementWorkflow = createWorkflow(
  "revoke-entitlement",
  (input: { id: string; reason: string; revoked_by: string }) => {
    findActiveEntitlementStep({ id: input.id })
    const updated = updateEntitlementsStep(
      transform({ input }, ({ input }) => [
        { id: input.id, status: "revoked", revoked_at: new Date(), revoked_by: input.revoked_by, revoke_reason: input.reason },
      ])
    )
    revokedEvent(updated as any)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)

/** Marks active entitlements past their expiry as expired (run by a scheduled job). */
export const expireEntitlementsWorkflow = createWorkflow("expire-entitlements", (input: { now?: Date }) => {
  const lapsed = findLapsedEntitlementsStep(input)
  const updated = updateEntitlementsStep(
    transform({ lapsed }, ({ lapsed }) => lapsed.map((e: any) => ({ id: e.id, status: "expired" })))
  )
  when({ updated }, ({ updated }) => updated.length > 0).then(() =>
    emitEventStep({
      eventName: AccessEvents.ENTITLEMENTS_EXPIRED,
      data: transform({ updated }, ({ updated }) => ({ ids: updated.map((e: any) => e.id) })),
    })
  )
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated.length))
})
