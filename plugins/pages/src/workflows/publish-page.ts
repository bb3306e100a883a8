import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updatePageStep } from "./steps/update-page"

export type PublishPageWorkflowInput = { id: string; version_id: string }

/** The store serves `version_id` of the page from now on (the caller checked it is the page's). */
export const publishPageWorkflow = createWorkflow("publish-page", (input: PublishPageWorkflowInput) => {
  const fields = transform({ input }, ({ input }) => ({
    id: input.id,
    status: "published" as const,
    published_version_id: input.version_id,
    published_at: new Date(),
  }))
  return new WorkflowResponse(updatePageStep(fields))
})
