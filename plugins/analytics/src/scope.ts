import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { rolesFor, type EmployeeRole } from "@volmify/orgs/rules"
import { adminOrgScope, resolveAdminActor } from "@volmify/orgs/tenancy"
import type { Knex } from "./sql"

/** Who sees the whole org's figures (the role matrix's `earnings.org`: owners, admins). */
export const ORG_FIGURES_ROLES: readonly EmployeeRole[] = rolesFor("earnings.org")

export type AnalyticsScope = {
  /** null: every org (platform operators without `org_id`). */
  org_id: string | null
  /**
   * null: the whole org. Otherwise the employee whose view this is (creators, managers,
   * staff): money = their own payable only; sales and learning = the products they hold an
   * attribution rule on (`product_ids`).
   */
  employee_id: string | null
  product_ids: string[] | null
}

export const pg = (req: MedusaRequest) => req.scope.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)

/**
 * The figures a request may read. Platform operators: `org_id` or every org. Owners and
 * admins: their org. Other staff: their own earnings and the products they are attributed
 * on (every rule of theirs, ended ones too: the sales they earned on stay theirs to see).
 * Another org's `org_id` is 404, as for an org that does not exist.
 */
export async function analyticsScope(req: MedusaRequest, requestedOrgId?: string): Promise<AnalyticsScope> {
  const orgId = await adminOrgScope(req)
  const knex = pg(req)
  if (orgId === null) {
    if (!requestedOrgId) return { org_id: null, employee_id: null, product_ids: null }
    const found = await knex.raw(`SELECT id FROM org WHERE id = ? AND deleted_at IS NULL`, [requestedOrgId])
    if (!found.rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
    return { org_id: requestedOrgId, employee_id: null, product_ids: null }
  }
  if (requestedOrgId && requestedOrgId !== orgId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
  }
  const actor = await resolveAdminActor(req)
  if (actor.kind !== "staff") throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only org staff and platform operators can read analytics")
  if (ORG_FIGURES_ROLES.includes(actor.scope.role)) return { org_id: orgId, employee_id: null, product_ids: null }
  const employeeId = actor.scope.employee_id
  const rules = await knex.raw<{ product_id: string }>(
    `SELECT DISTINCT product_id FROM attribution_rule WHERE org_id = ? AND employee_id = ? AND deleted_at IS NULL`,
    [orgId, employeeId]
  )
  return { org_id: orgId, employee_id: employeeId, product_ids: rules.rows.map((r) => r.product_id) }
}

/** 403 unless the caller is a platform operator. */
export async function assertPlatformOperator(req: MedusaRequest) {
  const actor = await resolveAdminActor(req)
  if (actor.kind !== "platform") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only platform operators can read the platform analytics")
  }
}
