import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import type { OrgBranding, OrgSettings } from "../../types"

export type CreateOrgStepInput = {
  handle: string
  name: string
  sales_channel_id: string
  support_email?: string | null
  branding?: OrgBranding | null
  settings?: OrgSettings | null
}

export const createOrgStep = createStep(
  "create-org",
  async (input: CreateOrgStepInput, { container }) => {
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const org = await orgs.createOrgs(input)
    return new StepResponse(org, org.id)
  },
  async (orgId, { container }) => {
    if (!orgId) {
      return
    }
    await container.resolve<OrgModuleService>(ORG_MODULE).deleteOrgs(orgId)
  }
)
