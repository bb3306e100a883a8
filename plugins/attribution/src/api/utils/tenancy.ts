import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

type Role = "owner" | "admin" | "manager" | "creator" | "staff"

/** The tenancy checks @volmify/orgs provides (plugins ship no type declarations). */
const tenancy = require("@volmify/orgs/api/utils/admin-tenancy") as {
  adminOrgScope(req: MedusaRequest, roles?: Role[]): Promise<string | null>
  assertProductInScope(req: MedusaRequest, productId: string, orgId: string | null): Promise<{ id: string; org?: { id: string } }>
  actorId(req: MedusaRequest): string | undefined
}
const { resolveAdminActor } = require("@volmify/orgs/api/utils/admin-actor") as {
  resolveAdminActor(req: MedusaRequest): Promise<
    { kind: "platform"; user_id: string } | { kind: "none"; user_id: string } | { kind: "staff"; user_id: string; scope: { org_id: string; role: Role; employee_id: string } }
  >
}

export const { adminOrgScope, assertProductInScope, actorId } = tenancy

/** Who may set attribution rules and record payouts: money decisions. */
export const RULE_ROLES: Role[] = ["owner", "admin", "manager"]
/** Who sees every employee's statement of their org; other staff see only their own. */
export const ORG_EARNINGS_ROLES: Role[] = ["owner", "admin"]

export type EarningsScope = {
  org_id: string
  /** null = the whole org; otherwise only this employee's figures. */
  employee_id: string | null
}

/**
 * The org (and employee) an earnings request may read: platform operators name the org
 * (`org_id`, 400 without it); owners and admins see their whole org; every other staff
 * member sees only their own statement. Another org's id is 404.
 */
export async function earningsScope(req: MedusaRequest, requestedOrgId?: string): Promise<EarningsScope> {
  const orgId = await adminOrgScope(req)
  if (orgId === null) {
    if (!requestedOrgId) throw new MedusaError(MedusaError.Types.INVALID_DATA, "org_id is required for platform operators")
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "org", fields: ["id"], filters: { id: requestedOrgId } })
    if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
    return { org_id: requestedOrgId, employee_id: null }
  }
  if (requestedOrgId && requestedOrgId !== orgId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
  }
  const actor = await resolveAdminActor(req)
  if (actor.kind !== "staff") throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only org staff and platform operators can read earnings")
  return { org_id: orgId, employee_id: ORG_EARNINGS_ROLES.includes(actor.scope.role) ? null : actor.scope.employee_id }
}

/** 404 unless the employee exists in `orgId` (for statements and payouts). */
export async function assertEmployeeInOrg(req: MedusaRequest, employeeId: string, orgId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "org_employee",
    fields: ["id", "org.id"],
    filters: { id: employeeId },
    withDeleted: true,
  } as any)
  if (!data.length || data[0].org?.id !== orgId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Employee "${employeeId}" was not found`)
  }
}
