import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { acceptInvitationWorkflow } from "../../../../workflows/accept-invitation"
import type { AcceptInvitation } from "../../../validators"

// Authenticated in middlewares.ts with allowUnregistered: a new user comes with the
// registration token of POST /auth/user/emailpass/register (no user yet).
export const AUTHENTICATE = false

/**
 * POST /admin/org-invitations/accept { token, first_name?, last_name? }: a logged-in user
 * joins the org's staff; someone without an account is created as a user first.
 */
export async function POST(req: AuthenticatedMedusaRequest<AcceptInvitation>, res: MedusaResponse) {
  const { token, first_name, last_name } = req.validatedBody
  const { result: employee } = await acceptInvitationWorkflow(req.scope).run({
    input: {
      token,
      user_id: req.auth_context.actor_id || null,
      auth_identity_id: req.auth_context.auth_identity_id,
      first_name,
      last_name,
    },
  })
  res.json({ employee })
}
