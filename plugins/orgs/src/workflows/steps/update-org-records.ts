import type { InferTypeOf } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type { Org } from "../../modules/org/models/org"
import type { OrgDomain } from "../../modules/org/models/org-domain"
import type { OrgEmployee } from "../../modules/org/models/org-employee"
import type { OrgInvitation } from "../../modules/org/models/org-invitation"

/** Each entity these steps update, and its row. */
type OrgRecords = {
  Org: InferTypeOf<typeof Org>
  OrgEmployee: InferTypeOf<typeof OrgEmployee>
  OrgInvitation: InferTypeOf<typeof OrgInvitation>
  OrgDomain: InferTypeOf<typeof OrgDomain>
}
type Entity = keyof OrgRecords
type Update = { id: string } & Record<string, unknown>
/** The module's generated methods, called below by entity name (`listOrgs`, `updateOrgDomains`, ...). */
type GeneratedCrud = Record<string, (data: unknown, config?: { select: string[] }) => Promise<Update[]>>

/**
 * Updates rows of one org-module entity and, on compensation, writes back the values the
 * changed fields had before.
 */
function restorableUpdateStep<E extends Entity>(stepId: string, entity: E) {
  return createStep(
    stepId,
    async (updates: Update[], { container }) => {
      const service = container.resolve<GeneratedCrud>(ORG_MODULE)
      if (!updates.length) {
        return new StepResponse<OrgRecords[E][], Update[]>([], [])
      }
      const fields = [...new Set(updates.flatMap((u) => Object.keys(u)))]
      const before: Update[] = await service[`list${entity}s`](
        { id: updates.map((u) => u.id) },
        { select: fields }
      )
      // What `update<Entity>s` returns: rows of that entity.
      const updated = (await service[`update${entity}s`](updates)) as OrgRecords[E][]
      return new StepResponse(updated, before)
    },
    async (before, { container }) => {
      if (!before?.length) {
        return
      }
      const service = container.resolve<GeneratedCrud>(ORG_MODULE)
      await service[`update${entity}s`](before)
    }
  )
}

export const updateOrgsStep = restorableUpdateStep("update-orgs", "Org")
export const updateEmployeesStep = restorableUpdateStep("update-org-employees", "OrgEmployee")
export const updateInvitationsStep = restorableUpdateStep("update-org-invitations", "OrgInvitation")
export const updateDomainsStep = restorableUpdateStep("update-org-domains", "OrgDomain")
