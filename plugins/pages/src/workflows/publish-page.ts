import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { PAGE_LOCK, pageLockKey } from "./lock"
import { assertPageVersionStep } from "./steps/assert-page-version"
import { updatePageStep } from "./steps/update-page"

export type PublishPageWorkflowInput = {
  id: string
  version_id: string
  /** The newest version number the publisher saw: a save since then is a 409 (they would publish content they have not seen). */
  base_version?: number | null
}

/** The store serves `version_id` of the page from now on (the caller checked it is the page's). */
export const publishPageWorkflow = createWorkflow("publish-page", (input: PublishPageWorkflowInput) => {
  const lockKey = transform({ input }, ({ input }) => pageLockKey(input.id))
  acquireLockStep({ key: lockKey, ...PAGE_LOCK })
  assertPageVersionStep({ page_id: input.id, base_version: input.base_version })
  const fields = transform({ input }, ({ input }) => ({
    id: input.id,
    status: "published" as const,
    published_version_id: input.version_id,
    published_at: new Date(),
  }))
  const page = updatePageStep(fields)
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(page)
})
