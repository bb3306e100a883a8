import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"

export type PageFields = {
  title?: string
  slug?: string
  is_home?: boolean
  seo?: Record<string, unknown> | null
  status?: "draft" | "published"
  published_version_id?: string | null
  published_at?: Date | null
}
export type UpdatePageStepInput = { id: string } & PageFields

const KEYS = ["title", "slug", "is_home", "seo", "status", "published_version_id", "published_at"] as const

/** Writes the given page fields; compensation writes back the values they had. */
export const updatePageStep = createStep("update-page", async (input: UpdatePageStepInput, { container }) => {
  const pages = container.resolve<PagesModuleService>(PAGES_MODULE)
  const before = await pages.retrievePage(input.id)
  const previous: UpdatePageStepInput = { id: input.id }
  const changes: UpdatePageStepInput = { id: input.id }
  for (const key of KEYS) {
    if (input[key] === undefined) continue
    ;(previous as Record<string, unknown>)[key] = before[key]
    ;(changes as Record<string, unknown>)[key] = input[key]
  }
  const page = await pages.updatePages(changes)
  return new StepResponse(page, previous)
}, async (previous, { container }) => {
  if (!previous || Object.keys(previous).length < 2) return
  await container.resolve<PagesModuleService>(PAGES_MODULE).updatePages(previous)
})
