import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"

/** Soft-deletes a page's live translations (they hang on `page_id`, not a relation); compensation restores those rows. */
export const deletePageTranslationsStep = createStep("delete-page-translations", async (pageId: string, { container }) => {
  const pages = container.resolve<PagesModuleService>(PAGES_MODULE)
  const ids = (await pages.listPageTranslations({ page_id: pageId }, { select: ["id"], take: null })).map((t) => t.id)
  if (ids.length) await pages.softDeletePageTranslations(ids)
  return new StepResponse(ids.length, ids)
}, async (ids, { container }) => {
  if (!ids?.length) return
  await container.resolve<PagesModuleService>(PAGES_MODULE).restorePageTranslations(ids)
})
