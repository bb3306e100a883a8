import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

/** Creates an invitation row (token already hashed); compensation deletes it. */
export const createInvitationStep = createStep(
  "create-org-invitation",
  async (data: Record<string, unknown>, { container }) => {
    const invitation = await container.resolve<OrgModuleService>(ORG_MODULE).createOrgInvitations(data)
    return new StepResponse(invitation, invitation.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container.resolve<OrgModuleService>(ORG_MODULE).deleteOrgInvitations(id)
  }
)

/** Creates a domain row; compensation deletes it. */
export const createDomainStep = createStep(
  "create-org-domain",
  async (data: Record<string, unknown>, { container }) => {
    const domain = await container.resolve<OrgModuleService>(ORG_MODULE).createOrgDomains(data)
    return new StepResponse(domain, domain.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container.resolve<OrgModuleService>(ORG_MODULE).deleteOrgDomains(id)
  }
)
