import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { loadOpenInvitationByTokenStep } from "./steps/invitation-checks"
import { updateInvitationsStep } from "./steps/update-org-records"
import { PUBLIC_FIELDS } from "./invitation-fields"

/** The invitee declines (token only; no account needed). */
export const declineInvitationWorkflow = createWorkflow(
  "decline-org-invitation",
  (input: { token: string }) => {
    const invitation = loadOpenInvitationByTokenStep({ token: input.token, require_approval: false })
    const declinedList = updateInvitationsStep(
      transform({ invitation }, ({ invitation }) => [{ id: invitation.id, status: "declined" }])
    )
    emitEventStep({
      eventName: OrgEvents.INVITATION_DECLINED,
      data: transform({ invitation }, ({ invitation }) => ({ id: invitation.id, org_id: invitation.org_id })),
    })
    return new WorkflowResponse(transform({ declinedList }, ({ declinedList }) => PUBLIC_FIELDS(declinedList[0])))
  }
)
