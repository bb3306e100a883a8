import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"
import type { Block } from "../../rules/blocks"

export type AppendPageVersionInput = { page_id: string; title: string; blocks: Block[]; created_by: string | null }

/**
 * Appends the page's next version (number = newest + 1); it becomes the draft. The unique
 * (page_id, number) index turns a concurrent save into a conflict instead of two version 3s.
 * Compensation deletes the version it made.
 */
export const appendPageVersionStep = createStep("append-page-version", async (input: AppendPageVersionInput, { container }) => {
  const pages = container.resolve<PagesModuleService>(PAGES_MODULE)
  const [newest] = await pages.listPageVersions({ page_id: input.page_id }, { select: ["number"], order: { number: "DESC" }, take: 1 })
  const version = await pages.createPageVersions({
    page_id: input.page_id,
    number: (newest?.number ?? 0) + 1,
    title: input.title,
    blocks: input.blocks as unknown as Record<string, unknown>,
    created_by: input.created_by,
  })
  return new StepResponse(version, version.id)
}, async (id, { container }) => {
  if (!id) return
  await container.resolve<PagesModuleService>(PAGES_MODULE).deletePageVersions(id)
})
