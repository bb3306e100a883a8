import crypto from "node:crypto"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { sendEmail } from "../../email"

export type InvitationEmailInput = {
  invitation: { id: string; org_id: string; email: string; role: string; approved_at: Date | string | null; expires_at: Date | string }
  /** The raw token: it exists only inside the workflow that made it (only its hash is stored). */
  token: string
}

/**
 * Emails an approved invitation's accept link to the invitee (once per token). The token
 * is never stored or put on an event, so the email goes from the workflow that made it.
 * A mail failure does not undo the invitation: the inviter still sees the link once in
 * the admin, and "Resend" mails a new one. Unapproved invitations are mailed on approval.
 */
export const sendInvitationEmailStep = createStep(
  "send-org-invitation-email",
  async ({ invitation, token }: InvitationEmailInput, { container }) => {
    if (!invitation.approved_at) return new StepResponse({ sent: false })
    try {
      const sent = await sendEmail(container, {
        org_id: invitation.org_id,
        to: invitation.email,
        template: "staff-invitation",
        data: (brand) => ({
          url: `${brand.backend_url}/org-invite?token=${encodeURIComponent(token)}`,
          role: invitation.role,
          expires_on: new Date(invitation.expires_at).toISOString().slice(0, 10),
        }),
        idempotency_key: `org-invitation:${invitation.id}:${crypto.createHash("sha256").update(token).digest("hex").slice(0, 32)}`,
        resource: { type: "org_invitation", id: invitation.id },
      })
      return new StepResponse({ sent })
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`Could not email invitation ${invitation.id} to ${invitation.email}: ${error instanceof Error ? error.message : String(error)}`)
      return new StepResponse({ sent: false })
    }
  }
)
