import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { PAGE_LOCK, pageLockKey } from "./lock"
import { writePageTranslationsStep, type WritePageTranslationsInput } from "./steps/write-page-translations"

export type SetPageTranslationsWorkflowInput = WritePageTranslationsInput

/**
 * Sets (or with `value: null` removes) texts of a page in one enabled, non-default locale,
 * under the page's lock (two saves of the same text cannot both create a row).
 */
export const setPageTranslationsWorkflow = createWorkflow("set-page-translations", (input: SetPageTranslationsWorkflowInput) => {
  const lockKey = transform({ input }, ({ input }) => pageLockKey(input.page_id))
  acquireLockStep({ key: lockKey, ...PAGE_LOCK })
  const result = writePageTranslationsStep(input)
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(result)
})
