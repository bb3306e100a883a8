import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"
import type { PageTranslationInput } from "../../modules/pages/service"

export type WritePageTranslationsInput = {
  page_id: string
  locale: string
  /** Already checked by the route against the page's draft (rules/page-translations.ts). */
  translations: PageTranslationInput[]
}

/**
 * Sets or removes the rows in one database transaction; compensation puts back exactly what
 * it changed (deletes the rows it created, restores the ones it removed, old values back).
 */
export const writePageTranslationsStep = createStep("write-page-translations", async (input: WritePageTranslationsInput, { container }) => {
  const { set, removed, undo } = await container.resolve<PagesModuleService>(PAGES_MODULE).setPageTranslations(input.page_id, input.locale, input.translations)
  return new StepResponse({ set, removed }, undo)
}, async (undo, { container }) => {
  if (!undo || (!undo.created.length && !undo.updated.length && !undo.removed.length)) return
  await container.resolve<PagesModuleService>(PAGES_MODULE).undoPageTranslations(undo)
})
