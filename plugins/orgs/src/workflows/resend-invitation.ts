import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { generateInvitationTokenStep, loadPendingInvitationStep } from "./steps/invitation-checks"
import { updateInvitationsStep } from "./steps/update-org-records"
import { sendInvitationEmailStep } from "./steps/invitation-email"
import { expiry, PUBLIC_FIELDS } from "./invitation-fields"

/** A new token and expiry for a pending invitation; the old token stops working. */
export const resendInvitationWorkflow = createWorkflow(
  "resend-org-invitation",
  (input: { id: string; org_id: string; expires_in_days?: number }) => {
    loadPendingInvitationStep(input)
    const secret = generateInvitationTokenStep()
    const invitationList = updateInvitationsStep(
      transform({ input, secret }, ({ input, secret }) => [
        { id: input.id, token_hash: secret.token_hash, expires_at: expiry(input.expires_in_days) },
      ])
    )
    sendInvitationEmailStep(transform({ invitationList, secret }, ({ invitationList, secret }) => ({ invitation: invitationList[0], token: secret.token })))
    return new WorkflowResponse(
      transform({ invitationList, secret }, ({ invitationList, secret }) => ({
        invitation: PUBLIC_FIELDS(invitationList[0]),
        token: secret.token,
      }))
    )
  }
)
