import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import type { EntitlementUpdate } from "./entitlement-records"

/**
 * Revokes the live entitlements a subscription granted (source ids "<sub id>:<product>");
 * compensation makes them active again.
 */
export const revokeSubscriptionAccessStep = createStep(
  "revoke-subscription-access",
  async ({ subscription_id, reason, now }: { subscription_id: string; reason: string; now: Date }, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const live = await service.listEntitlements(
      { source_type: "subscription", source_id: { $like: `${subscription_id}:%` }, status: "active" },
      { select: ["id"] }
    )
    const ids = live.map((e) => e.id)
    if (ids.length) {
      await service.updateEntitlements(
        ids.map((id): EntitlementUpdate => ({ id, status: "revoked", revoked_at: new Date(now), revoke_reason: reason, revoked_by: "subscription" }))
      )
    }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container
      .resolve<AccessModuleService>(ACCESS_MODULE)
      .updateEntitlements(ids.map((id): EntitlementUpdate => ({ id, status: "active", revoked_at: null, revoke_reason: null, revoked_by: null })))
  }
)
