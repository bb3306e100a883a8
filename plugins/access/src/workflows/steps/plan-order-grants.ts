import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { entitlementExpiry, isOrderPaidForAccess } from "../../rules/paid-order"
import type { OrderItemRow, OrderRow } from "../../types/records"
import type { NewEntitlement } from "./entitlement-records"

export type OrderGrantPlan = { to_create: NewEntitlement[]; skipped: string }

/**
 * The entitlements an order should grant and does not have yet: one per line item whose
 * variant has a plan, when the order has a customer, is not canceled and is paid
 * (authorized or captured) or free (a zero total, no payment collection). Reads only.
 */
export const planOrderGrantsStep = createStep(
  "plan-order-entitlement-grants",
  async ({ order_id }: { order_id: string }, { container }): Promise<StepResponse<OrderGrantPlan>> => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    }: { data: (OrderRow | undefined)[] } = await query.graph({
      entity: "order",
      fields: ["id", "status", "customer_id", "total", "items.id", "items.variant_id", "items.product_id", "payment_collections.status"],
      filters: { id: order_id },
    })
    const none = new StepResponse({ to_create: [] as NewEntitlement[], skipped: "" })
    if (!order) return new StepResponse({ to_create: [] as NewEntitlement[], skipped: "order not found" })
    if (!order.customer_id) return new StepResponse({ to_create: [] as NewEntitlement[], skipped: "order has no customer" })
    if (order.status === "canceled") return new StepResponse({ to_create: [] as NewEntitlement[], skipped: "order is canceled" })
    const statuses = (order.payment_collections ?? []).map((pc) => pc?.status)
    if (!isOrderPaidForAccess(statuses, order.total)) {
      return new StepResponse({ to_create: [] as NewEntitlement[], skipped: `payment is ${statuses.join(", ") || "missing"}` })
    }
    const items = (order.items ?? []).filter((i): i is OrderItemRow & { variant_id: string } => !!i?.variant_id)
    if (!items.length) return none

    const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [plans, existing] = await Promise.all([
      access.listAccessPlans(
        { variant_id: items.map((i) => i.variant_id), billing: "one_time" },
        { select: ["variant_id", "product_id", "tier", "duration_days"] }
      ),
      access.listEntitlements(
        { source_type: "order_line_item", source_id: items.map((i) => i.id) },
        { select: ["source_id"], withDeleted: false }
      ),
    ])
    const planByVariant = new Map(plans.map((p) => [p.variant_id, p]))
    const granted = new Set(existing.map((e) => e.source_id))
    const now = new Date()
    const toCreate: NewEntitlement[] = items
      .filter((i) => planByVariant.has(i.variant_id) && !granted.has(i.id))
      .map((i) => {
        const plan = planByVariant.get(i.variant_id)!
        return {
          customer_id: order.customer_id!,
          product_id: plan.product_id,
          variant_id: i.variant_id,
          tier: plan.tier,
          source_type: "order_line_item" as const,
          source_id: i.id,
          order_id: order.id,
          starts_at: now,
          expires_at: entitlementExpiry(now, plan.duration_days),
          reason: null,
          granted_by: null,
        }
      })
    return new StepResponse({ to_create: toCreate, skipped: "" })
  }
)
