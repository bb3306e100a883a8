import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../../../../../modules/access"
import type AccessModuleService from "../../../../../modules/access/service"
import { revokeEntitlementWorkflow } from "../../../../../workflows/revoke-entitlement"
import { actorId, adminOrgScope, assertProductInScope, COMMERCE_ROLES } from "../../../../utils/tenancy"
import type { AdminRevokeEntitlement } from "../../../../validators"

/** POST /admin/entitlements/:id/revoke { reason } */
export async function POST(req: AuthenticatedMedusaRequest<AdminRevokeEntitlement>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, COMMERCE_ROLES)
  const [entitlement] = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listEntitlements({ id: req.params.id }, { take: 1, select: ["id", "product_id"] })
  if (!entitlement) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Entitlement "${req.params.id}" was not found`)
  }
  await assertProductInScope(req, entitlement.product_id, orgId).catch(() => {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Entitlement "${req.params.id}" was not found`)
  })
  const { result } = await revokeEntitlementWorkflow(req.scope).run({
    input: { id: req.params.id, reason: req.validatedBody.reason, revoked_by: actorId(req) ?? "" },
  })
  res.json({ entitlement: result })
}
