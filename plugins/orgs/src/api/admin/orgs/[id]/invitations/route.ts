import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { inviteEmployeeWorkflow } from "../../../../../workflows/invite-employee"
import { orgAccess } from "../../../../utils/org-access"
import type { AdminInvite, AdminListInvitationsQuery } from "../../../../validators"

export const INVITATION_FIELDS = [
  "id",
  "org_id",
  "email",
  "role",
  "status",
  "expires_at",
  "invited_by",
  "approved_by",
  "approved_at",
  "accepted_by",
  "accepted_at",
  "created_at",
]

/** GET /admin/orgs/:id/invitations (never the token or its hash). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListInvitationsQuery>, res: MedusaResponse) {
  const { status, limit, offset } = req.validatedQuery
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: invitations, metadata } = await query.graph({
    entity: "org_invitation",
    fields: INVITATION_FIELDS,
    filters: { org_id: orgAccess(req).org_id, ...(status ? { status } : {}) },
    pagination: { skip: offset, take: limit, order: { created_at: "DESC" } },
  })
  res.json({ invitations, count: metadata?.count ?? invitations.length, limit, offset })
}

/**
 * POST /admin/orgs/:id/invitations: returns the invitation and, once, its token (to send
 * as the accept link). A manager's invitation waits for an owner/admin's approval.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminInvite>, res: MedusaResponse) {
  const { org_id, role, user_id } = orgAccess(req)
  const { result } = await inviteEmployeeWorkflow(req.scope).run({
    input: { org_id, ...req.validatedBody, invited_by: user_id, inviter_role: role },
  })
  res.status(201).json(result)
}
