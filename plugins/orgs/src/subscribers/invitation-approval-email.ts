import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { sendEmail } from "../email"
import { OrgEvents } from "../events"
import { ORG_ADMIN_ROLES } from "../rules/roles"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"

/**
 * A manager's invitation waits for an owner or admin: each active one is told by email, once,
 * with a link to the org's page in the admin where they approve it.
 */
export default async function invitationApprovalEmail({ event, container }: SubscriberArgs<{ id: string; org_id: string }>) {
  const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
  const [invitation] = await orgs.listOrgInvitations({ id: event.data.id }, { select: ["id", "org_id", "email", "role", "approved_at", "status"] })
  if (!invitation || invitation.approved_at || invitation.status !== "pending") return
  const approvers = await orgs.listOrgEmployees({ org_id: invitation.org_id, role: [...ORG_ADMIN_ROLES], status: "active" }, { select: ["user_id"] })
  if (!approvers.length) return
  const users = await container.resolve(Modules.USER).listUsers({ id: approvers.map((a) => a.user_id) }, { select: ["id", "email"] })
  for (const user of users) {
    await sendEmail(container, {
      org_id: invitation.org_id,
      to: user.email,
      template: "staff-invitation-approval",
      data: (brand) => ({ url: `${brand.admin_url}/orgs/${invitation.org_id}`, email: invitation.email, role: invitation.role }),
      idempotency_key: `org-invitation-approval:${invitation.id}:${user.id}`,
      resource: { type: "org_invitation", id: invitation.id },
    })
  }
}

export const config: SubscriberConfig = { event: OrgEvents.INVITATION_CREATED }
