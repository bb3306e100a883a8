import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateEntitlementsStep, type EntitlementUpdate } from "./steps/entitlement-records"
import { findActiveEntitlementStep } from "./steps/find-entitlements"
import { revokedEvent } from "./steps/emit-entitlements-revoked"

/** Staff revoke one entitlement by hand, with a reason. */
export const revokeEntitlementWorkflow = createWorkflow(
  "revoke-entitlement",
  (input: { id: string; reason: string; revoked_by: string }) => {
    findActiveEntitlementStep({ id: input.id })
    const updated = updateEntitlementsStep(
      transform({ input }, ({ input }): EntitlementUpdate[] => [
        { id: input.id, status: "revoked", revoked_at: new Date(), revoked_by: input.revoked_by, revoke_reason: input.reason },
      ])
    )
    revokedEvent(updated)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)
