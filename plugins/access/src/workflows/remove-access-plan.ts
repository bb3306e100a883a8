import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { removeAccessPlanStep } from "./steps/access-plan-records"

/** Removes a variant's access plan (entitlements already granted stay). */
export const removeAccessPlanWorkflow = createWorkflow("remove-access-plan", (input: { variant_id: string }) => {
  const id = removeAccessPlanStep(input)
  emitEventStep({
    eventName: AccessEvents.ACCESS_PLAN_REMOVED,
    data: transform({ id, input }, ({ id, input }) => ({ id, variant_id: input.variant_id })),
  })
  return new WorkflowResponse(id)
})
