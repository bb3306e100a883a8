import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"

const FIELDS = ["id", "customer_id", "product_id", "tier", "status", "source_type", "source_id", "order_id", "expires_at"]

/** Active entitlements granted by an order (optionally only some of its line items). */
export const findOrderEntitlementsStep = createStep(
  "find-order-entitlements",
  async ({ order_id, line_item_ids }: { order_id: string; line_item_ids?: string[] }, { container }) => {
    const filters: Record<string, unknown> = { order_id, source_type: "order_line_item", status: "active" }
    if (line_item_ids) filters.source_id = line_item_ids
    const found = await container.resolve<AccessModuleService>(ACCESS_MODULE).listEntitlements(filters, { select: FIELDS })
    return new StepResponse(found)
  }
)

/** One entitlement by id, which must be active (404 / 400 otherwise). */
export const findActiveEntitlementStep = createStep(
  "find-active-entitlement",
  async ({ id }: { id: string }, { container }) => {
    const [found] = await container
      .resolve<AccessModuleService>(ACCESS_MODULE)
      .listEntitlements({ id }, { take: 1, select: FIELDS })
    if (!found) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Entitlement "${id}" was not found`)
    }
    if (found.status !== "active") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Entitlement "${id}" is already ${found.status}`)
    }
    return new StepResponse(found)
  }
)

/** Active entitlements whose expiry has passed. */
export const findLapsedEntitlementsStep = createStep(
  "find-lapsed-entitlements",
  async ({ now }: { now?: Date }, { container }) => {
    const found = await container
      .resolve<AccessModuleService>(ACCESS_MODULE)
      .listEntitlements({ status: "active", expires_at: { $lte: now ?? new Date() } }, { select: ["id"], take: 5000 })
    return new StepResponse(found)
  }
)
