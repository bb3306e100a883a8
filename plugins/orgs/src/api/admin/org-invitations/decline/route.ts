import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { declineInvitationWorkflow } from "../../../../workflows/decline-invitation"

// The token is the credential: the invitee may have no account.
export const AUTHENTICATE = false

/** POST /admin/org-invitations/decline { token } */
export async function POST(req: MedusaRequest<{ token: string }>, res: MedusaResponse) {
  const { result } = await declineInvitationWorkflow(req.scope).run({ input: { token: req.validatedBody.token } })
  res.json({ invitation: result })
}
