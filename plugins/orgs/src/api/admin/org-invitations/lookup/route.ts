import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { hashInvitationToken } from "../../../../rules/invitation-token"

// The token is the credential: the invitee may have no account yet.
export const AUTHENTICATE = false

/**
 * GET /admin/org-invitations/lookup?token=: what an accept page shows before the
 * invitee signs up or logs in (org name, role, email, status, expiry).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { token } = req.validatedQuery as { token: string }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [invitation],
  } = await query.graph({
    entity: "org_invitation",
    fields: ["id", "email", "role", "status", "expires_at", "approved_at", "org.name", "org.handle"],
    filters: { token_hash: hashInvitationToken(token) },
  })
  if (!invitation) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "The invitation token is unknown")
  }
  const expired = invitation.status === "pending" && new Date(invitation.expires_at) <= new Date()
  res.json({ invitation: { ...invitation, status: expired ? "expired" : invitation.status } })
}
