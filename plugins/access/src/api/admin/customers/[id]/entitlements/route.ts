import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { grantEntitlementWorkflow } from "../../../../../workflows/grant-entitlement"
import {
  actorId,
  adminOrgScope,
  assertCustomerInScope,
  assertProductInScope,
  COMMERCE_ROLES,
  orgProductIds,
} from "../../../../utils/tenancy"
import type { AdminGrantEntitlement, EntitlementListQuery } from "../../../../validators"

export const ENTITLEMENT_FIELDS = [
  "id",
  "customer_id",
  "product_id",
  "variant_id",
  "tier",
  "source_type",
  "source_id",
  "order_id",
  "starts_at",
  "expires_at",
  "status",
  "reason",
  "granted_by",
  "revoked_at",
  "revoked_by",
  "revoke_reason",
  "created_at",
  "product.title",
  "product.handle",
]

/** GET /admin/customers/:id/entitlements: for staff, only their org's products. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, EntitlementListQuery>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  await assertCustomerInScope(req, req.params.id, orgId)
  const { status, limit, offset } = req.validatedQuery
  const filters: Record<string, unknown> = { customer_id: req.params.id }
  if (status) filters.status = status
  if (orgId) filters.product_id = await orgProductIds(req, orgId)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: entitlements, metadata } = await query.graph({
    entity: "entitlement",
    fields: ENTITLEMENT_FIELDS,
    filters,
    pagination: { skip: offset, take: limit, order: { created_at: "DESC" } },
  })
  res.json({ entitlements, count: metadata?.count ?? entitlements.length, limit, offset })
}

/** POST /admin/customers/:id/entitlements { product_id, tier, duration_days?, reason } */
export async function POST(req: AuthenticatedMedusaRequest<AdminGrantEntitlement>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, COMMERCE_ROLES)
  await assertCustomerInScope(req, req.params.id, orgId)
  await assertProductInScope(req, req.validatedBody.product_id, orgId)
  const { result } = await grantEntitlementWorkflow(req.scope).run({
    input: { customer_id: req.params.id, ...req.validatedBody, granted_by: actorId(req) ?? "" },
  })
  res.status(201).json({ entitlement: result })
}
