import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

type Entity = "Org" | "OrgEmployee" | "OrgInvitation" | "OrgDomain"
type Update = { id: string } & Record<string, unknown>

/**
 * Updates rows of one org-module entity and, on compensation, writes back the values the
 * changed fields had before.
 */
function restorableUpdateStep(stepId: string, entity: Entity) {
  return createStep(
    stepId,
    async (updates: Update[], { container }) => {
      const service = container.resolve<OrgModuleService>(ORG_MODULE) as any
      if (!updates.length) {
        return new StepResponse([], [])
      }
      const fields = [...new Set(updates.flatMap((u) => Object.keys(u)))]
      const before: Update[] = await service[`list${entity}s`](
        { id: updates.map((u) => u.id) },
        { select: fields }
      )
      const updated = await service[`update${entity}s`](updates)
      return new StepResponse(updated as any[], before)
    },
    async (before, { container }) => {
      if (!before?.length) {
        return
      }
      const service = container.resolve<OrgModuleService>(ORG_MODULE) as any
      await service[`update${entity}s`](before)
    }
  )
}

export const updateOrgsStep = restorableUpdateStep("update-orgs", "Org")
export const updateEmployeesStep = restorableUpdateStep("update-org-employees", "OrgEmployee")
export const updateInvitationsStep = restorableUpdateStep("update-org-invitations", "OrgInvitation")
export const updateDomainsStep = restorableUpdateStep("update-org-domains", "OrgDomain")
