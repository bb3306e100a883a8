import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createOrgWorkflow } from "../../../workflows/create-org"
import { resolveAdminActor } from "../../utils/admin-actor"
import type { AdminCreateOrg, AdminListOrgsQuery } from "../../validators"

export const ORG_LIST_FIELDS = ["id", "handle", "name", "status", "sales_channel_id", "created_at", "updated_at"]

/**
 * GET /admin/orgs: every org for platform operators; an employee's own orgs (with their
 * role) for staff (the org switcher's source).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListOrgsQuery>, res: MedusaResponse) {
  const actor = await resolveAdminActor(req)
  const { q, limit, offset } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (q) {
    filters.$or = [{ handle: { $ilike: `%${q}%` } }, { name: { $ilike: `%${q}%` } }]
  }
  if (actor.kind === "staff") {
    filters.id = actor.scopes.map((s) => s.org_id)
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "org",
    fields: ORG_LIST_FIELDS,
    filters,
    pagination: { skip: offset, take: limit, order: { created_at: "ASC" } },
  })
  const roles = new Map(actor.kind === "staff" ? actor.scopes.map((s) => [s.org_id, s.role]) : [])
  const orgs = data.map((org: { id: string }) => ({
    ...org,
    role: actor.kind === "platform" ? "platform" : roles.get(org.id),
    // The org the dashboard currently shows this staff member (see /activate).
    active: actor.kind === "staff" && actor.scope.org_id === org.id,
  }))
  res.json({ orgs, count: metadata?.count ?? orgs.length, offset, limit })
}

/** POST /admin/orgs: a platform operator creates an org with its channel, key and owner. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateOrg>, res: MedusaResponse) {
  const { result } = await createOrgWorkflow(req.scope).run({
    input: { ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  res.status(201).json(result)
}
