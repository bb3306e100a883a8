import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import { generateInvitationToken, hashInvitationToken } from "../../rules/invitation-token"
import { invitationNeedsApproval, inviteRefusal } from "../../rules/staff-permissions"
import type { EmployeeRole } from "../../types"

export type InvitationRecord = {
  id: string
  org_id: string
  email: string
  role: EmployeeRole
  status: string
  expires_at: Date | string
  approved_at: Date | string | null
  invited_by: string
}

const FIELDS = ["id", "org_id", "email", "role", "status", "expires_at", "approved_at", "invited_by"]

/** A fresh token and its hash. Kept in a step so a retried workflow reuses the same one. */
export const generateInvitationTokenStep = createStep("generate-org-invitation-token", async () => {
  const token = generateInvitationToken()
  return new StepResponse({ token, token_hash: hashInvitationToken(token) })
})

export type AssertCanInviteInput = {
  org_id: string
  email: string
  role: EmployeeRole
  inviter_role: EmployeeRole | "platform"
}

/** Refuses invitations the inviter may not send, or to someone already staff or invited. */
export const assertCanInviteStep = createStep(
  "assert-can-invite-to-org",
  async (input: AssertCanInviteInput, { container }) => {
    if (input.inviter_role !== "platform") {
      const refusal = inviteRefusal(input.inviter_role, input.role)
      if (refusal) {
        throw new MedusaError(MedusaError.Types.FORBIDDEN, refusal)
      }
    }
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const users = await container.resolve(Modules.USER).listUsers({ email: input.email }, { take: 1 })
    if (users.length) {
      const [employee] = await orgs.listOrgEmployees(
        { org_id: input.org_id, user_id: users[0].id },
        { take: 1, select: ["id"] }
      )
      if (employee) {
        throw new MedusaError(MedusaError.Types.CONFLICT, `${input.email} is already staff of this org`)
      }
    }
    const [pending] = await orgs.listOrgInvitations(
      { org_id: input.org_id, email: input.email, status: "pending", expires_at: { $gt: new Date() } },
      { take: 1, select: ["id"] }
    )
    if (pending) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `${input.email} already has a pending invitation (${pending.id}); resend or cancel it`
      )
    }
    const needsApproval =
      input.inviter_role !== "platform" && invitationNeedsApproval(input.inviter_role)
    return new StepResponse({ needs_approval: needsApproval })
  }
)

/** The invitation behind a token, if it can still be accepted or declined. */
export const loadOpenInvitationByTokenStep = createStep(
  "load-open-org-invitation",
  async (
    { token, require_approval = true }: { token: string; require_approval?: boolean },
    { container }
  ) => {
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const [invitation] = (await orgs.listOrgInvitations(
      { token_hash: hashInvitationToken(token ?? "") },
      { take: 1, select: FIELDS }
    )) as unknown as InvitationRecord[]
    if (!invitation) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "The invitation token is unknown")
    }
    assertInvitationOpen(invitation, { require_approval })
    return new StepResponse(invitation)
  }
)

/** The invitation `id` of org `org_id` (404 otherwise), checked to be still pending. */
export const loadPendingInvitationStep = createStep(
  "load-pending-org-invitation",
  async (
    { id, org_id, unapproved }: { id: string; org_id: string; unapproved?: boolean },
    { container }
  ) => {
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const [invitation] = (await orgs.listOrgInvitations(
      { id, org_id },
      { take: 1, select: FIELDS }
    )) as unknown as InvitationRecord[]
    if (!invitation) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invitation "${id}" was not found`)
    }
    if (invitation.status !== "pending") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The invitation is ${invitation.status}, not pending`
      )
    }
    if (unapproved && invitation.approved_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The invitation is already approved")
    }
    return new StepResponse(invitation)
  }
)

export function assertInvitationOpen(
  invitation: InvitationRecord,
  { require_approval = true, now = new Date() } = {}
) {
  if (invitation.status !== "pending") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The invitation was already ${invitation.status}`
    )
  }
  if (new Date(invitation.expires_at) <= now) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The invitation expired on ${new Date(invitation.expires_at).toISOString()}`
    )
  }
  if (require_approval && !invitation.approved_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The invitation is waiting for approval by an owner or admin of the org"
    )
  }
}

/** An existing user may accept only an invitation addressed to their own email. */
export const assertInviteeUserStep = createStep(
  "assert-org-invitee-user",
  async ({ user_id, email }: { user_id: string; email: string }, { container }) => {
    const [user] = await container.resolve(Modules.USER).listUsers({ id: user_id }, { take: 1 })
    if (!user) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `User "${user_id}" was not found`)
    }
    if (user.email.toLowerCase() !== email.toLowerCase()) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `This invitation is for ${email}; you are logged in as ${user.email}`
      )
    }
    return new StepResponse(user)
  }
)
