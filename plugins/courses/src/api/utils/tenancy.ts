import type { MedusaRequest } from "@medusajs/framework/http"

import type { EmployeeRole as Role } from "@volmify/orgs/rules"

/** The tenancy checks @volmify/orgs provides (plugins ship no type declarations). */
const tenancy = require("@volmify/orgs/api/utils/admin-tenancy") as {
  CATALOG_ROLES: Role[]
  COMMERCE_ROLES: Role[]
  adminOrgScope(req: MedusaRequest, roles?: Role[]): Promise<string | null>
  assertProductInScope(req: MedusaRequest, productId: string, orgId: string | null): Promise<{ id: string }>
  assertCustomerInScope(req: MedusaRequest, customerId: string, orgId: string | null): Promise<void>
  orgProductIds(req: MedusaRequest, orgId: string): Promise<string[]>
  actorId(req: MedusaRequest): string | undefined
}

export const { CATALOG_ROLES, COMMERCE_ROLES, adminOrgScope, assertProductInScope, assertCustomerInScope, orgProductIds, actorId } =
  tenancy

/** Who is calling (platform operator, staff with their role and employee id, or nobody). */
export const { resolveAdminActor } = require("@volmify/orgs/api/utils/admin-actor") as {
  resolveAdminActor(req: MedusaRequest): Promise<
    | { kind: "platform"; user_id: string }
    | { kind: "none"; user_id: string }
    | { kind: "staff"; user_id: string; scope: { org_id: string; role: Role; employee_id: string } }
  >
}
