import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { generateInvitationTokenStep, loadPendingInvitationStep } from "./steps/invitation-checks"
import { updateInvitationsStep } from "./steps/update-org-records"
import { sendInvitationEmailStep } from "./steps/invitation-email"
import { PUBLIC_FIELDS } from "./invitation-fields"

/** An owner/admin approves a manager's invitation (the route checks the role). */
export const approveInvitationWorkflow = createWorkflow(
  "approve-org-invitation",
  (input: { id: string; org_id: string; approved_by: string }) => {
    loadPendingInvitationStep(transform({ input }, ({ input }) => ({ id: input.id, org_id: input.org_id, unapproved: true })))
    // The manager saw the first token; the invitee gets a fresh one by email on approval.
    const secret = generateInvitationTokenStep()
    const invitationList = updateInvitationsStep(
      transform({ input, secret }, ({ input, secret }) => [
        { id: input.id, approved_by: input.approved_by, approved_at: new Date(), token_hash: secret.token_hash },
      ])
    )
    emitEventStep({
      eventName: OrgEvents.INVITATION_APPROVED,
      data: transform({ input }, ({ input }) => ({ id: input.id, org_id: input.org_id })),
    })
    sendInvitationEmailStep(transform({ invitationList, secret }, ({ invitationList, secret }) => ({ invitation: invitationList[0], token: secret.token })))
    return new WorkflowResponse(transform({ invitationList }, ({ invitationList }) => PUBLIC_FIELDS(invitationList[0])))
  }
)
