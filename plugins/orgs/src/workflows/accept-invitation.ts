import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { createEmployeeStep } from "./steps/create-employee"
import { createInvitedUserStep } from "./steps/create-invited-user"
import { assertInviteeUserStep, loadOpenInvitationByTokenStep } from "./steps/invitation-checks"
import { updateInvitationsStep } from "./steps/update-org-records"

export type AcceptInvitationWorkflowInput = {
  token: string
  /** The logged-in user accepting, when they already have an account. */
  user_id?: string | null
  /** For a new user: the auth identity from `POST /auth/user/emailpass/register`. */
  auth_identity_id?: string | null
  first_name?: string | null
  last_name?: string | null
}
/** Accepts an invitation as an existing user or as a new user signing up with the token. */
export const acceptInvitationWorkflow = createWorkflow(
  "accept-org-invitation",
  (input: AcceptInvitationWorkflowInput) => {
    const invitation = loadOpenInvitationByTokenStep({ token: input.token })

    const existingUser = when({ input }, ({ input }) => !!input.user_id).then(() =>
      assertInviteeUserStep(
        transform({ input, invitation }, ({ input, invitation }) => ({
          user_id: input.user_id!,
          email: invitation.email,
        }))
      )
    )
    const newUser = when({ input }, ({ input }) => !input.user_id).then(() =>
      createInvitedUserStep(
        transform({ input, invitation }, ({ input, invitation }) => ({
          auth_identity_id: input.auth_identity_id!,
          email: invitation.email,
          first_name: input.first_name,
          last_name: input.last_name,
        }))
      )
    )
    const userId = transform({ existingUser, newUser }, ({ existingUser, newUser }) =>
      (existingUser?.id ?? newUser?.id) as string
    )

    const employee = createEmployeeStep(
      transform({ invitation, userId }, ({ invitation, userId }) => ({
        org_id: invitation.org_id,
        user_id: userId,
        role: invitation.role,
      }))
    )
    updateInvitationsStep(
      transform({ invitation, userId }, ({ invitation, userId }) => [
        { id: invitation.id, status: "accepted", accepted_by: userId, accepted_at: new Date() },
      ])
    )
    emitEventStep({
      eventName: OrgEvents.INVITATION_ACCEPTED,
      data: transform({ invitation, employee }, ({ invitation, employee }) => ({
        id: invitation.id,
        org_id: invitation.org_id,
        employee_id: employee.id,
      })),
    })
    return new WorkflowResponse(employee)
  }
)
