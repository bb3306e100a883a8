import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateEntitlementsStep, type EntitlementUpdate } from "./steps/entitlement-records"
import { findOrderEntitlementsStep } from "./steps/find-entitlements"
import { revokedEvent } from "./steps/emit-entitlements-revoked"

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
        found.map((e): EntitlementUpdate => ({ id: e.id, status: "revoked", revoked_at: new Date(), revoke_reason: input.reason }))
      )
    )
    revokedEvent(updated)
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(updated)
  }
)
