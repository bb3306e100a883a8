import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ROLE_RANK } from "../../rules/staff-permissions"
import type { EmployeeRole } from "../../types"
import { resolveAdminActor } from "./admin-actor"

/** What the acting user may do in the org named by the route's `:id`. */
export type OrgAccess = { org_id: string; role: EmployeeRole | "platform"; user_id: string }

type WithAccess = MedusaRequest & { orgAccess?: OrgAccess }

export function orgAccess(req: MedusaRequest): OrgAccess {
  const access = (req as WithAccess).orgAccess
  if (!access) {
    // A route under /admin/orgs/:id without the loadOrgAccess middleware is a wiring bug.
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "org access was not resolved for this route")
  }
  return access
}

/** Platform operators only. */
export async function requirePlatformOperator(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const actor = await resolveAdminActor(req)
  if (actor.kind !== "platform") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only platform operators can use this route")
  }
  next()
}

/** Platform operators and staff of at least one org. */
export async function requireStaffOrPlatform(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const actor = await resolveAdminActor(req)
  if (actor.kind === "none") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "You are not staff of any org")
  }
  next()
}

/**
 * For /admin/orgs/:id/...: platform operators act with full rights; staff of that org
 * with their role; everyone else gets 404 (another org's id is not even confirmed).
 */
export async function loadOrgAccess(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const actor = await resolveAdminActor(req)
  const orgId = req.params.id
  if (actor.kind === "platform") {
    ;(req as WithAccess).orgAccess = { org_id: orgId, role: "platform", user_id: actor.user_id }
    return next()
  }
  const scope = actor.kind === "staff" ? actor.scopes.find((s) => s.org_id === orgId) : undefined
  if (!scope) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${orgId}" was not found`)
  }
  ;(req as WithAccess).orgAccess = { org_id: orgId, role: scope.role, user_id: actor.user_id }
  next()
}

const ROLE_PHRASE: Record<EmployeeRole, string> = {
  owner: "owners",
  admin: "owners and admins",
  manager: "owners, admins and managers",
  creator: "owners, admins, managers and creators",
  staff: "staff",
}

/** Staff with at least `min` (or platform operators). Run after loadOrgAccess. */
export function requireOrgRole(min: EmployeeRole) {
  return function (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
    const { role } = orgAccess(req)
    if (role !== "platform" && ROLE_RANK[role] < ROLE_RANK[min]) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `Only ${ROLE_PHRASE[min]} of the org can do this; you are ${role}`
      )
    }
    next()
  }
}
