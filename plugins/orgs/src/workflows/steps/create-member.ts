import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import type { MemberType } from "../../types"

export type EnsureMemberInput = { org_id: string; customer_id: string; type: MemberType }

/**
 * Makes a customer a member of an org once: an existing membership is returned as is
 * (created: false) and is not undone by compensation.
 */
export const ensureMemberStep = createStep(
  "ensure-org-member",
  async (input: EnsureMemberInput, { container }) => {
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const [existing] = await orgs.listOrgMembers(
      { org_id: input.org_id, customer_id: input.customer_id },
      { take: 1 }
    )
    if (existing) {
      return new StepResponse({ member: existing, created: false }, null)
    }
    const member = await orgs.createOrgMembers({ ...input, joined_at: new Date() })
    return new StepResponse({ member, created: true }, member.id)
  },
  async (memberId, { container }) => {
    if (!memberId) {
      return
    }
    await container.resolve<OrgModuleService>(ORG_MODULE).deleteOrgMembers(memberId)
  }
)
