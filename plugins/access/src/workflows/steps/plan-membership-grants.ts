import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import type { NewEntitlement } from "./entitlement-records"

type ProductOrgRow = { id: string; org?: { id: string } | null }

/**
 * The entitlements new products owe to live org-wide memberships: for each product, one
 * per live (trialing, active, past_due) `scope: "org"` subscription of its org that has
 * none on it yet. Reads only.
 */
export const planMembershipGrantsStep = createStep(
  "plan-membership-grants",
  async ({ product_ids }: { product_ids: string[]; now: Date }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: products }: { data: ProductOrgRow[] } = await query.graph({ entity: "product", fields: ["id", "org.id"], filters: { id: product_ids } })
    const owned = products.filter((p): p is ProductOrgRow & { org: { id: string } } => !!p.org?.id)
    if (!owned.length) return new StepResponse([] as NewEntitlement[])
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const subs = await service.listSubscriptions({
      org_id: [...new Set(owned.map((p) => p.org.id))],
      scope: "org",
      status: ["trialing", "active", "past_due", "completed"],
    })
    const wanted = owned.flatMap((p) =>
      subs.filter((s) => s.org_id === p.org.id).map((s) => ({ s, productId: p.id, source_id: `${s.id}:${p.id}` }))
    )
    if (!wanted.length) return new StepResponse([] as NewEntitlement[])
    const existing = await service.listEntitlements(
      { source_type: "subscription", source_id: wanted.map((w) => w.source_id) },
      { select: ["source_id"] }
    )
    const have = new Set(existing.map((e) => e.source_id))
    return new StepResponse(
      wanted
        .filter((w) => !have.has(w.source_id))
        .map(
          ({ s, productId, source_id }): NewEntitlement => ({
            customer_id: s.customer_id,
            product_id: productId,
            variant_id: null,
            tier: s.tier,
            source_type: "subscription",
            source_id,
            order_id: s.origin_order_id,
            // Real time, not the subscription clock: the gate compares starts_at with it.
            starts_at: new Date(),
            expires_at: null,
          })
        )
    )
  }
)
