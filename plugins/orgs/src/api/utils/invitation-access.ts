import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import { isOrgAdminRole } from "../../rules/staff-permissions"
import type { OrgAccess } from "./org-access"

/** Owners/admins manage every invitation of their org; a manager only their own. */
export async function assertInvitationManager(req: MedusaRequest, access: OrgAccess, invitationId: string) {
  if (access.role === "platform" || isOrgAdminRole(access.role)) {
    return
  }
  const [invitation] = await req.scope
    .resolve<OrgModuleService>(ORG_MODULE)
    .listOrgInvitations({ id: invitationId, org_id: access.org_id }, { take: 1, select: ["id", "invited_by"] })
  if (!invitation) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invitation "${invitationId}" was not found`)
  }
  if (invitation.invited_by !== access.user_id) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      "Only owners and admins of the org, or the person who sent it, can manage this invitation"
    )
  }
}
