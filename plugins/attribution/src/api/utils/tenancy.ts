import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { attributionRuleDecision, type EmployeeRole as Role, rolesFor } from "@volmify/orgs/rules"
import { adminOrgScope, resolveAdminActor } from "@volmify/orgs/tenancy"

export { adminOrgScope, assertProductInScope, actorId, requireOrgScope, STAFF_ROLES } from "@volmify/orgs/tenancy"

/** Who may set attribution rules and record payouts: money decisions. */
export const RULE_ROLES: readonly Role[] = rolesFor("attribution.manage")
/** Who sees every employee's statement of their org; other staff see only their own. */
export const ORG_EARNINGS_ROLES: readonly Role[] = rolesFor("earnings.org")

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
  })
  if (!data.length || data[0].org?.id !== orgId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Employee "${employeeId}" was not found`)
  }
}

/**
 * A rule that pays the acting employee is an owner's or admin's decision (the role
 * matrix, `attribution.self`): a manager cannot set, raise or extend their own share.
 * Platform operators are not employees and always pass.
 */
export async function assertRuleDecision(req: MedusaRequest, employeeId: string) {
  const actor = await resolveAdminActor(req)
  if (actor.kind !== "staff") return
  const decision = attributionRuleDecision(actor.scope.role, { paysActor: employeeId === actor.scope.employee_id })
  if (!decision.allowed) throw new MedusaError(MedusaError.Types.FORBIDDEN, decision.reason)
}

/**
 * Which of `productIds` the employee holds a rule on that has not ended (in effect now or
 * starting later): what makes a creator's catalog edits of a product allowed.
 */
export async function attributedProductIds(req: MedusaRequest, employeeId: string, productIds: string[]): Promise<string[]> {
  const rules = await req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).listAttributionRules(
    { employee_id: employeeId, product_id: productIds, $or: [{ effective_to: null }, { effective_to: { $gt: new Date() } }] },
    { select: ["product_id"] }
  )
  return [...new Set<string>(rules.map((r: { product_id: string }) => r.product_id))]
}
