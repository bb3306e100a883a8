import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import type { OrgBranding, OrgSettings } from "../types"
import { loadOrgStep } from "./steps/org-checks"
import { updateOrgsStep } from "./steps/update-org-records"

export type UpdateOrgWorkflowInput = {
  id: string
  name?: string
  support_email?: string | null
  branding?: OrgBranding | null
  settings?: OrgSettings | null
}
/** Updates an org's profile; `branding` and `settings` are merged into what is there. */
export const updateOrgWorkflow = createWorkflow("update-org", (input: UpdateOrgWorkflowInput) => {
  const current = loadOrgStep({ id: input.id })
  const orgList = updateOrgsStep(
    transform({ input, current }, ({ input, current }) => {
      const update: Record<string, unknown> = { id: input.id }
      if (input.name !== undefined) update.name = input.name
      if (input.support_email !== undefined) update.support_email = input.support_email
      if (input.branding !== undefined) {
        update.branding = input.branding === null ? null : { ...(current.branding ?? {}), ...input.branding }
      }
      if (input.settings !== undefined) {
        update.settings = input.settings === null ? null : { ...(current.settings ?? {}), ...input.settings }
      }
      return [update as { id: string }]
    })
  )
  emitEventStep({ eventName: OrgEvents.ORG_UPDATED, data: { id: input.id } })
  return new WorkflowResponse(transform({ orgList }, ({ orgList }) => orgList[0]))
})
