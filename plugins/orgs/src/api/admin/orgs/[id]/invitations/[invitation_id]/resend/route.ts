import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resendInvitationWorkflow } from "../../../../../../../workflows/resend-invitation"
import { orgAccess } from "../../../../../../utils/org-access"
import { assertInvitationManager } from "../../../../../../utils/invitation-access"

/** POST /admin/orgs/:id/invitations/:invitation_id/resend: a new token and expiry. */
export async function POST(req: AuthenticatedMedusaRequest<{ expires_in_days?: number }>, res: MedusaResponse) {
  const access = orgAccess(req)
  await assertInvitationManager(req, access, req.params.invitation_id)
  const { result } = await resendInvitationWorkflow(req.scope).run({
    input: { id: req.params.invitation_id, org_id: access.org_id, ...req.validatedBody },
  })
  res.json(result)
}
