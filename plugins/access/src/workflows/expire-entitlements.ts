import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { updateEntitlementsStep, type EntitlementUpdate } from "./steps/entitlement-records"
import { findLapsedEntitlementsStep } from "./steps/find-entitlements"

/** Marks active entitlements past their expiry as expired (run by a scheduled job). */
export const expireEntitlementsWorkflow = createWorkflow("expire-entitlements", (input: { now?: Date }) => {
  const lapsed = findLapsedEntitlementsStep(input)
  const updated = updateEntitlementsStep(
    transform({ lapsed }, ({ lapsed }) => lapsed.map((e): EntitlementUpdate => ({ id: e.id, status: "expired" })))
  )
  when({ updated }, ({ updated }) => updated.length > 0).then(() =>
    emitEventStep({
      eventName: AccessEvents.ENTITLEMENTS_EXPIRED,
      data: transform({ updated }, ({ updated }) => ({ ids: updated.map((e) => e.id) })),
    })
  )
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated.length))
})
