import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../../../../../modules/access"
import type AccessModuleService from "../../../../../modules/access/service"
import type { EntitlementRecord, OrderRow } from "../../../../../types/records"
import { isDigitalOnlyOrder } from "../../../../../rules/digital-order"
import { adminOrgScope } from "../../../../utils/tenancy"
import { ENTITLEMENT_FIELDS } from "../../../customers/[id]/entitlements/route"

/**
 * GET /admin/orders/:id/entitlements: the access an order granted (product, tier and its
 * variant title, until when, revoked or expired), and whether the order is digital only
 * (nothing to ship). Every role of the order's org; another org's order is a 404 like an
 * order that does not exist.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const notFound = new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${req.params.id} was not found`)
  const {
    data: [order],
  }: { data: (OrderRow | undefined)[] } = await query.graph({
    entity: "order",
    fields: ["id", "sales_channel_id", "items.id", "items.variant_id", "items.requires_shipping"],
    filters: { id: req.params.id },
  })
  if (!order) throw notFound
  if (orgId) {
    const {
      data: [org],
    } = await query.graph({ entity: "org", fields: ["sales_channel_id"], filters: { id: orgId } })
    if (!org || org.sales_channel_id !== order.sales_channel_id) throw notFound
  }
  const items = (order.items ?? []).filter(Boolean) as { id: string; variant_id: string | null; requires_shipping: boolean | null }[]
  const variantIds = items.map((i) => i.variant_id).filter((v): v is string => !!v)
  const access = req.scope.resolve<AccessModuleService>(ACCESS_MODULE)
  // ENTITLEMENT_FIELDS: the entitlement's columns and its product's title and handle.
  const [{ data: entitlements }, plans, { data: variants }]: [
    { data: (EntitlementRecord & { product?: { title: string; handle: string } | null })[] },
    { variant_id: string }[],
    { data: { id: string; title: string }[] },
  ] = await Promise.all([
    query.graph({ entity: "entitlement", fields: ENTITLEMENT_FIELDS, filters: { order_id: order.id }, pagination: { order: { tier: "ASC", created_at: "ASC" } } }),
    variantIds.length ? access.listAccessPlans({ variant_id: variantIds }, { select: ["variant_id"] }) : Promise.resolve([]),
    variantIds.length ? query.graph({ entity: "product_variant", fields: ["id", "title"], filters: { id: variantIds } }) : Promise.resolve({ data: [] }),
  ])
  const titles = new Map(variants.map((v) => [v.id, v.title]))
  res.json({
    entitlements: entitlements.map((e) => ({ ...e, variant_title: titles.get(e.variant_id ?? "") ?? null })),
    digital_only: isDigitalOnlyOrder(items, plans.map((p) => p.variant_id)),
  })
}
