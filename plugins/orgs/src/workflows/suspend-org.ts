import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { loadOrgStep } from "./steps/org-checks"
import { updateOrgsStep } from "./steps/update-org-records"

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
