import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deletePageStep } from "./steps/delete-page"
import { deletePageTranslationsStep } from "./steps/delete-page-translations"

export type DeletePageWorkflowInput = { id: string }

/** Deletes a page, its versions and its translations (soft: its slug is free again). */
export const deletePageWorkflow = createWorkflow("delete-page", (input: DeletePageWorkflowInput) => {
  const page = deletePageStep(input.id)
  deletePageTranslationsStep(input.id)
  return new WorkflowResponse(page)
})
