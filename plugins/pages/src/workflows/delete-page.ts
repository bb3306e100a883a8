import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deletePageStep } from "./steps/delete-page"

export type DeletePageWorkflowInput = { id: string }

/** Deletes a page and its versions (soft: its slug is free again). */
export const deletePageWorkflow = createWorkflow("delete-page", (input: DeletePageWorkflowInput) => {
  return new WorkflowResponse(deletePageStep(input.id))
})
