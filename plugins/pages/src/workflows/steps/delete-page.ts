import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"

/** Soft-deletes the page and its versions; compensation restores them. */
export const deletePageStep = createStep("delete-page", async (id: string, { container }) => {
  await container.resolve<PagesModuleService>(PAGES_MODULE).softDeletePages(id)
  return new StepResponse(id, id)
}, async (id, { container }) => {
  if (!id) return
  await container.resolve<PagesModuleService>(PAGES_MODULE).restorePages(id)
})
