import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import type { OrgBranding, OrgSettings } from "../types"
import { listExpiredInvitationsStep, loadOrgStep } from "./steps/org-checks"
import { updateInvitationsStep, updateOrgsStep } from "./steps/update-org-records"

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

/**
 * Suspends an org: its store routes answer 403 and its publishable keys stop working
 * (enforced by the store gate in middlewares.ts), its staff keep read access.
 */
export const suspendOrgWorkflow = createWorkflow("suspend-org", (input: { id: string }) => {
  loadOrgStep({ id: input.id, expect_status: "active" })
  const orgList = updateOrgsStep(transform({ input }, ({ input }) => [{ id: input.id, status: "suspended" }]))
  emitEventStep({ eventName: OrgEvents.ORG_SUSPENDED, data: { id: input.id } })
  return new WorkflowResponse(transform({ orgList }, ({ orgList }) => orgList[0]))
})

/** Reactivates a suspended org. */
export const reactivateOrgWorkflow = createWorkflow("reactivate-org", (input: { id: string }) => {
  loadOrgStep({ id: input.id, expect_status: "suspended" })
  const orgList = updateOrgsStep(transform({ input }, ({ input }) => [{ id: input.id, status: "active" }]))
  emitEventStep({ eventName: OrgEvents.ORG_REACTIVATED, data: { id: input.id } })
  return new WorkflowResponse(transform({ orgList }, ({ orgList }) => orgList[0]))
})

/** Marks pending invitations past their expiry as expired (run by a scheduled job). */
export const expireInvitationsWorkflow = createWorkflow(
  "expire-org-invitations",
  (input: { now?: Date }) => {
    const expired = listExpiredInvitationsStep(input)
    const updated = updateInvitationsStep(expired)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated.length))
  }
)
