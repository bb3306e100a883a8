import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import type { EmployeeRole } from "../types"
import { createInvitationStep } from "./steps/create-org-records"
import { assertCanInviteStep, generateInvitationTokenStep } from "./steps/invitation-checks"
import { sendInvitationEmailStep } from "./steps/invitation-email"
import { expiry, PUBLIC_FIELDS } from "./invitation-fields"

export type InviteEmployeeWorkflowInput = {
  org_id: string
  email: string
  role: EmployeeRole
  invited_by: string
  /** The inviter's role in the org, or "platform" for a platform operator. */
  inviter_role: EmployeeRole | "platform"
  expires_in_days?: number
}
/**
 * Invites someone to an org's staff. Returns the token once (only its hash is stored).
 * Invitations by managers are created unapproved.
 */
export const inviteEmployeeWorkflow = createWorkflow(
  "invite-org-employee",
  (input: InviteEmployeeWorkflowInput) => {
    const email = transform({ input }, ({ input }) => input.email.trim().toLowerCase())
    const check = assertCanInviteStep(
      transform({ input, email }, ({ input, email }) => ({ ...input, email }))
    )
    const secret = generateInvitationTokenStep()
    const invitation = createInvitationStep(
      transform({ input, email, check, secret }, ({ input, email, check, secret }) => ({
        org_id: input.org_id,
        email,
        role: input.role,
        token_hash: secret.token_hash,
        expires_at: expiry(input.expires_in_days),
        status: "pending",
        invited_by: input.invited_by,
        approved_by: check.needs_approval ? null : input.invited_by,
        approved_at: check.needs_approval ? null : new Date(),
      }))
    )
    emitEventStep({
      eventName: OrgEvents.INVITATION_CREATED,
      data: transform({ invitation }, ({ invitation }) => ({ id: invitation.id, org_id: invitation.org_id })),
    })
    sendInvitationEmailStep(transform({ invitation, secret }, ({ invitation, secret }) => ({ invitation, token: secret.token })))
    return new WorkflowResponse(
      transform({ invitation, secret }, ({ invitation, secret }) => ({
        invitation: PUBLIC_FIELDS(invitation),
        token: secret.token,
      }))
    )
  }
)
