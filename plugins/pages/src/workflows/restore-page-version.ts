import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import type { Block } from "../rules/blocks"
import { PAGE_LOCK, pageLockKey } from "./lock"
import { appendPageVersionStep } from "./steps/append-page-version"
import { assertPageVersionStep } from "./steps/assert-page-version"

export type RestorePageVersionWorkflowInput = {
  page_id: string
  title: string
  blocks: Block[]
  created_by: string | null
  /** The newest version number the editor loaded: a save since then is a 409. */
  base_version?: number | null
}

/**
 * Restores an earlier version as a new draft: its blocks become the page's next version
 * (history is never rewritten); publishing then serves them. Under the page's lock.
 */
export const restorePageVersionWorkflow = createWorkflow("restore-page-version", (input: RestorePageVersionWorkflowInput) => {
  const lockKey = transform({ input }, ({ input }) => pageLockKey(input.page_id))
  acquireLockStep({ key: lockKey, ...PAGE_LOCK })
  assertPageVersionStep({ page_id: input.page_id, base_version: input.base_version })
  const version = appendPageVersionStep(transform({ input }, ({ input }) => ({ page_id: input.page_id, title: input.title, blocks: input.blocks, created_by: input.created_by })))
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(version)
})
