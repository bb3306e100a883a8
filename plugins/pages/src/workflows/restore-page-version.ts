import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Block } from "../rules/blocks"
import { appendPageVersionStep } from "./steps/append-page-version"

export type RestorePageVersionWorkflowInput = { page_id: string; title: string; blocks: Block[]; created_by: string | null }

/**
 * Restores an earlier version as a new draft: its blocks become the page's next version
 * (history is never rewritten); publishing then serves them.
 */
export const restorePageVersionWorkflow = createWorkflow("restore-page-version", (input: RestorePageVersionWorkflowInput) => {
  return new WorkflowResponse(appendPageVersionStep(input))
})
