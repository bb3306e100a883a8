import { AuthenticatedMedusaRequest, MedusaRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

import type { EmployeeRole } from "../../types"
export type { EmployeeRole }

export type OrgScope = {
  org_id: string
  handle: string
  sales_channel_id: string
  status: string
  role: EmployeeRole
  employee_id: string
}

/**
 * Who an admin request acts as:
 * - `platform`: a platform operator (full access);
 * - `staff`: an employee of one or more orgs, acting for `scope` (the org named by the
 *   `x-volmify-org` header, else the org they chose in the org switcher, else their
 *   first active employment);
 * - `none`: an admin user who is neither (deny by default).
 */
export type AdminActor =
  | { kind: "platform"; user_id: string }
  | { kind: "staff"; user_id: string; scope: OrgScope; scopes: OrgScope[] }
  | { kind: "none"; user_id: string }

export const ORG_HEADER = "x-volmify-org"

type WithActor = MedusaRequest & { volmifyActor?: AdminActor }

/** The org a user chose in the org switcher (user metadata), if any. */
export const ACTIVE_ORG_METADATA_KEY = "volmify_active_org_id"

async function activeOrgPreference(req: MedusaRequest, userId: string): Promise<string | null> {
  const [user] = await req.scope.resolve(Modules.USER).listUsers({ id: userId }, { take: 1, select: ["id", "metadata"] })
  const value = (user?.metadata as Record<string, unknown> | null)?.[ACTIVE_ORG_METADATA_KEY]
  return typeof value === "string" ? value : null
}

/** Resolves (once per request) who the authenticated admin user acts as. */
export async function resolveAdminActor(req: MedusaRequest): Promise<AdminActor> {
  const cached = (req as WithActor).volmifyActor
  if (cached) {
    return cached
  }
  const userId = (req as AuthenticatedMedusaRequest).auth_context?.actor_id ?? ""
  const orgs = req.scope.resolve<OrgModuleService>(ORG_MODULE)
  let actor: AdminActor
  if (await orgs.isPlatformOperator(userId)) {
    actor = { kind: "platform", user_id: userId }
  } else {
    const scopes: OrgScope[] = (await orgs.listActiveEmployments(userId)).map((e) => ({
      org_id: e.org.id,
      handle: e.org.handle,
      sales_channel_id: e.org.sales_channel_id,
      status: e.org.status,
      role: e.role,
      employee_id: e.id,
    }))
    if (!scopes.length) {
      actor = { kind: "none", user_id: userId }
    } else {
      const wanted = req.get(ORG_HEADER)
      const preferred = scopes.length > 1 && !wanted ? await activeOrgPreference(req, userId) : null
      const scope = wanted
        ? scopes.find((s) => s.org_id === wanted || s.handle === wanted)
        : (scopes.find((s) => s.org_id === preferred) ?? scopes[0])
      if (!scope) {
        throw new MedusaError(
          MedusaError.Types.FORBIDDEN,
          `You are not staff of the org "${wanted}" named in the ${ORG_HEADER} header`
        )
      }
      actor = { kind: "staff", user_id: userId, scope, scopes }
    }
  }
  ;(req as WithActor).volmifyActor = actor
  return actor
}

export { ROLE_RANK, isOrgAdminRole } from "../../rules/staff-permissions"
