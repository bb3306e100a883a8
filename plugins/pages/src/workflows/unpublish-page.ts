import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updatePageStep } from "./steps/update-page"

export type UnpublishPageWorkflowInput = { id: string }

/** Takes the page off the store (its versions stay; publishing again serves the newest). */
export const unpublishPageWorkflow = createWorkflow("unpublish-page", (input: UnpublishPageWorkflowInput) => {
  const fields = transform({ input }, ({ input }) => ({
    id: input.id,
    status: "draft" as const,
    published_version_id: null,
    published_at: null,
  }))
  return new WorkflowResponse(updatePageStep(fields))
})
