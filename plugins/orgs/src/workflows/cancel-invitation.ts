import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { loadPendingInvitationStep } from "./steps/invitation-checks"
import { updateInvitationsStep } from "./steps/update-org-records"
import { PUBLIC_FIELDS } from "./invitation-fields"

/** Cancels a pending invitation. */
export const cancelInvitationWorkflow = createWorkflow(
  "cancel-org-invitation",
  (input: { id: string; org_id: string }) => {
    loadPendingInvitationStep(input)
    const invitationList = updateInvitationsStep(
      transform({ input }, ({ input }) => [{ id: input.id, status: "cancelled" }])
    )
    emitEventStep({
      eventName: OrgEvents.INVITATION_CANCELLED,
      data: transform({ input }, ({ input }) => ({ id: input.id, org_id: input.org_id })),
    })
    return new WorkflowResponse(transform({ invitationList }, ({ invitationList }) => PUBLIC_FIELDS(invitationList[0])))
  }
)
