import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { listExpiredInvitationsStep } from "./steps/org-checks"
import { updateInvitationsStep } from "./steps/update-org-records"

/** Marks pending invitations past their expiry as expired (run by a scheduled job). */
export const expireInvitationsWorkflow = createWorkflow(
  "expire-org-invitations",
  (input: { now?: Date }) => {
    const expired = listExpiredInvitationsStep(input)
    const updated = updateInvitationsStep(expired)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated.length))
  }
)
