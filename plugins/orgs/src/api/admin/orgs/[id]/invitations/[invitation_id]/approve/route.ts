import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { approveInvitationWorkflow } from "../../../../../../../workflows/approve-invitation"
import { orgAccess } from "../../../../../../utils/org-access"

/** POST /admin/orgs/:id/invitations/:invitation_id/approve (owners/admins). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org_id, user_id } = orgAccess(req)
  const { result } = await approveInvitationWorkflow(req.scope).run({
    input: { id: req.params.invitation_id, org_id, approved_by: user_id },
  })
  res.json({ invitation: result })
}
