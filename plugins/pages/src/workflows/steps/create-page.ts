import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"

export type CreatePageStepInput = {
  org_id: string
  title: string
  slug: string
  is_home: boolean
  seo: Record<string, unknown> | null
}

/** Creates the page row (draft, no version yet); compensation deletes it for good. */
export const createPageStep = createStep("create-page", async (input: CreatePageStepInput, { container }) => {
  const page = await container.resolve<PagesModuleService>(PAGES_MODULE).createPages({ ...input, status: "draft" })
  return new StepResponse(page, page.id)
}, async (id, { container }) => {
  if (!id) return
  await container.resolve<PagesModuleService>(PAGES_MODULE).deletePages(id)
})
