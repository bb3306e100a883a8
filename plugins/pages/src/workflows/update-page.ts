import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import type { Block } from "../rules/blocks"
import { PAGE_LOCK, pageLockKey } from "./lock"
import { appendPageVersionStep } from "./steps/append-page-version"
import { assertPageVersionStep } from "./steps/assert-page-version"
import { clearHomePageStep } from "./steps/clear-home-page"
import { updatePageStep } from "./steps/update-page"

export type UpdatePageWorkflowInput = {
  id: string
  org_id: string
  title?: string
  slug?: string
  is_home?: boolean
  seo?: Record<string, unknown> | null
  /** A new draft version (validated; course ids checked by the caller). */
  blocks?: Block[]
  /** The title the new version records (the page's title after this update). */
  version_title: string
  created_by: string | null
  /** The newest version number the editor loaded: another save since is a 409, nothing written. */
  base_version?: number | null
}

/**
 * Changes a page's fields and, when blocks are given, saves them as its next (draft)
 * version; the published version stays what the store serves until the next publish.
 * Under the page's lock: with `base_version`, a save from a stale version is refused
 * before anything is written; without it, concurrent saves still get distinct numbers.
 */
export const updatePageWorkflow = createWorkflow("update-page", (input: UpdatePageWorkflowInput) => {
  const lockKey = transform({ input }, ({ input }) => pageLockKey(input.id))
  acquireLockStep({ key: lockKey, ...PAGE_LOCK })
  assertPageVersionStep({ page_id: input.id, base_version: input.base_version })
  when("clear-home-for-updated-page", input, (i) => i.is_home === true).then(() => {
    clearHomePageStep({ org_id: input.org_id, except_page_id: input.id })
  })
  const fields = transform({ input }, ({ input }) => ({
    id: input.id,
    title: input.title,
    slug: input.slug,
    is_home: input.is_home,
    seo: input.seo,
  }))
  const page = updatePageStep(fields)
  const version = when("save-page-blocks", input, (i) => Array.isArray(i.blocks)).then(() =>
    appendPageVersionStep({ page_id: input.id, title: input.version_title, blocks: input.blocks as Block[], created_by: input.created_by })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse({ page, version })
})
