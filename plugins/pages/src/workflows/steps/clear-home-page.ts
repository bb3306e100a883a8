import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"

export type ClearHomePageInput = { org_id: string; except_page_id?: string | null }

/** Unsets `is_home` on the org's current home page (other than `except_page_id`); compensation sets it back. */
export const clearHomePageStep = createStep("clear-home-page", async (input: ClearHomePageInput, { container }) => {
  const pages = container.resolve<PagesModuleService>(PAGES_MODULE)
  const current = await pages.listPages({ org_id: input.org_id, is_home: true }, { select: ["id"] })
  const cleared = current.filter((p) => p.id !== input.except_page_id).map((p) => p.id)
  if (cleared.length) await pages.updatePages(cleared.map((id) => ({ id, is_home: false })))
  return new StepResponse(cleared, cleared)
}, async (cleared, { container }) => {
  if (!cleared?.length) return
  await container.resolve<PagesModuleService>(PAGES_MODULE).updatePages(cleared.map((id) => ({ id, is_home: true })))
})
