import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { adminOrgScope, type EmployeeRole as Role, rolesFor } from "@volmify/orgs/tenancy"

export { adminOrgScope, actorId, requireOrgScope, resolveStoreOrg } from "@volmify/orgs/tenancy"

/** Who sees affiliates, commissions and payouts of their org. */
export const READ_ROLES: readonly Role[] = rolesFor("affiliates.read")
/** Who changes program settings, affiliate status and rates, reviews commissions and pays out: money decisions. */
export const WRITE_ROLES: readonly Role[] = rolesFor("affiliates.manage")

/**
 * The org an org-wide admin request acts in: staff their own (another org's id 404);
 * platform operators name it with `org_id` (400 without, 404 unknown).
 */
export async function requireAdminOrg(req: MedusaRequest, roles: readonly Role[], requestedOrgId?: string | null): Promise<string> {
  const orgId = await adminOrgScope(req, roles)
  if (orgId !== null) {
    if (requestedOrgId && requestedOrgId !== orgId) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
    return orgId
  }
  if (!requestedOrgId) throw new MedusaError(MedusaError.Types.INVALID_DATA, "org_id is required for platform operators")
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "org", fields: ["id"], filters: { id: requestedOrgId } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
  return requestedOrgId
}
