import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import type { EntitlementFields, EntitlementRecord } from "../../types/records"

export type NewEntitlement = {
  customer_id: string
  product_id: string
  variant_id?: string | null
  tier: number
  source_type: "order_line_item" | "subscription" | "manual" | "gift"
  source_id: string
  order_id?: string | null
  starts_at: Date
  expires_at: Date | null
  reason?: string | null
  granted_by?: string | null
}

/** Creates entitlements; compensation deletes exactly those it created. */
export const createEntitlementsStep = createStep(
  "create-entitlements",
  async (data: NewEntitlement[], { container }) => {
    const created: EntitlementRecord[] = data.length
      ? await container.resolve<AccessModuleService>(ACCESS_MODULE).createEntitlements(data)
      : []
    return new StepResponse(created, created.map((e) => e.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    await container.resolve<AccessModuleService>(ACCESS_MODULE).deleteEntitlements(ids)
  }
)

export type EntitlementUpdate = EntitlementFields & { id: string }

/** Updates entitlements; compensation writes back the previous values of changed fields. */
export const updateEntitlementsStep = createStep(
  "update-entitlements",
  async (updates: EntitlementUpdate[], { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const fields = [...new Set(updates.flatMap((u) => Object.keys(u)))]
    const before: EntitlementUpdate[] = updates.length
      ? await service.listEntitlements({ id: updates.map((u) => u.id) }, { select: fields })
      : []
    const updated: EntitlementRecord[] = updates.length ? await service.updateEntitlements(updates) : []
    return new StepResponse(updated, before)
  },
  async (before, { container }) => {
    if (!before?.length) {
      return
    }
    await container.resolve<AccessModuleService>(ACCESS_MODULE).updateEntitlements(before)
  }
)
