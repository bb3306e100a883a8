import type { MedusaRequest, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { EmployeeRole as Role, rolesFor } from "@volmify/orgs/rules"

/** The tenancy checks @volmify/orgs provides (plugins ship no type declarations). */
const tenancy = require("@volmify/orgs/api/utils/admin-tenancy") as {
  adminOrgScope(req: MedusaRequest, roles?: Role[]): Promise<string | null>
  actorId(req: MedusaRequest): string | undefined
}
const storeOrg = require("@volmify/orgs/api/utils/store-org") as {
  resolveStoreOrg(req: MedusaStoreRequest): Promise<{ id: string; handle: string; name: string }>
}

export const { adminOrgScope, actorId } = tenancy
export const { resolveStoreOrg } = storeOrg

/** Who sees affiliates, commissions and payouts of their org. */
export const READ_ROLES: Role[] = rolesFor("affiliates.read")
/** Who changes program settings, affiliate status and rates, reviews commissions and pays out: money decisions. */
export const WRITE_ROLES: Role[] = rolesFor("affiliates.manage")

/**
 * The org an org-wide admin request acts in: staff their own (another org's id 404);
 * platform operators name it with `org_id` (400 without, 404 unknown).
 */
export async function requireAdminOrg(req: MedusaRequest, roles: Role[], requestedOrgId?: string | null): Promise<string> {
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
