import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { loadOrgStep } from "./steps/org-checks"
import { updateOrgsStep } from "./steps/update-org-records"

/** Reactivates a suspended org. */
export const reactivateOrgWorkflow = createWorkflow("reactivate-org", (input: { id: string }) => {
  loadOrgStep({ id: input.id, expect_status: "suspended" })
  const orgList = updateOrgsStep(transform({ input }, ({ input }) => [{ id: input.id, status: "active" }]))
  emitEventStep({ eventName: OrgEvents.ORG_REACTIVATED, data: { id: input.id } })
  return new WorkflowResponse(transform({ orgList }, ({ orgList }) => orgList[0]))
})
