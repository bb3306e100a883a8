import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelInvitationWorkflow } from "../../../../../../../workflows/cancel-invitation"
import { orgAccess } from "../../../../../../utils/org-access"
import { assertInvitationManager } from "../../../../../../utils/invitation-access"

/** POST /admin/orgs/:id/invitations/:invitation_id/cancel (owners/admins or the inviter). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const access = orgAccess(req)
  await assertInvitationManager(req, access, req.params.invitation_id)
  const { result } = await cancelInvitationWorkflow(req.scope).run({
    input: { id: req.params.invitation_id, org_id: access.org_id },
  })
  res.json({ invitation: result })
}
