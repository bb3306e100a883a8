import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

/** Soft-deletes employees; compensation restores them. */
export const softDeleteEmployeesStep = createStep(
  "soft-delete-org-employees",
  async (ids: string[], { container }) => {
    await container.resolve<OrgModuleService>(ORG_MODULE).softDeleteOrgEmployees(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    await container.resolve<OrgModuleService>(ORG_MODULE).restoreOrgEmployees(ids)
  }
)

/** Soft-deletes domains; compensation restores them. */
export const softDeleteDomainsStep = createStep(
  "soft-delete-org-domains",
  async (ids: string[], { container }) => {
    await container.resolve<OrgModuleService>(ORG_MODULE).softDeleteOrgDomains(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    await container.resolve<OrgModuleService>(ORG_MODULE).restoreOrgDomains(ids)
  }
)
