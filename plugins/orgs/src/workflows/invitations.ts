import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { DEFAULT_INVITATION_DAYS } from "../rules/invitation-token"
import type { EmployeeRole } from "../types"
import { createInvitationStep } from "./steps/create-org-records"
import { createEmployeeStep } from "./steps/create-employee"
import { createInvitedUserStep } from "./steps/create-invited-user"
import {
  assertCanInviteStep,
  assertInviteeUserStep,
  generateInvitationTokenStep,
  loadOpenInvitationByTokenStep,
  loadPendingInvitationStep,
} from "./steps/invitation-checks"
import { updateInvitationsStep } from "./steps/update-org-records"
import { sendInvitationEmailStep } from "./steps/invitation-email"

const DAY_MS = 24 * 60 * 60 * 1000
const expiry = (days?: number) => new Date(Date.now() + (days ?? DEFAULT_INVITATION_DAYS) * DAY_MS)
const PUBLIC_FIELDS = (inv: any) => {
  const { token_hash: _hidden, ...rest } = inv
  return rest
}

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
