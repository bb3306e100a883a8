import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Block } from "../rules/blocks"
import { appendPageVersionStep } from "./steps/append-page-version"
import { clearHomePageStep } from "./steps/clear-home-page"
import { createPageStep } from "./steps/create-page"

export type CreatePageWorkflowInput = {
  org_id: string
  title: string
  slug: string
  is_home?: boolean
  seo?: Record<string, unknown> | null
  /** Validated by parseBlocks; course ids checked to be the org's by the caller. */
  blocks?: Block[]
  created_by: string | null
}

/**
 * A new draft page with its version 1. Made the home page, it takes over from the org's
 * current one. Any failure undoes the steps before it (home flag given back, page deleted).
 */
export const createPageWorkflow = createWorkflow("create-page", (input: CreatePageWorkflowInput) => {
  when("clear-home-for-new-page", input, (i) => Boolean(i.is_home)).then(() => {
    clearHomePageStep({ org_id: input.org_id })
  })
  const pageInput = transform({ input }, ({ input }) => ({
    org_id: input.org_id,
    title: input.title,
    slug: input.slug,
    is_home: Boolean(input.is_home),
    seo: input.seo ?? null,
  }))
  const page = createPageStep(pageInput)
  const versionInput = transform({ input, page }, ({ input, page }) => ({
    page_id: page.id,
    title: input.title,
    blocks: input.blocks ?? [],
    created_by: input.created_by,
  }))
  const version = appendPageVersionStep(versionInput)
  return new WorkflowResponse({ page, version })
})
