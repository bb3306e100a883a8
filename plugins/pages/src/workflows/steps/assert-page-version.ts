import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"

export type AssertPageVersionInput = {
  page_id: string
  /** The number of the newest version the editor loaded; undefined: no check (API callers that do not care). */
  base_version?: number | null
}

/** Code of the conflict the routes answer with 409 (see api/utils/conflict.ts). */
export const PAGE_CHANGED = "page_changed"

/**
 * Optimistic concurrency: the write goes ahead only if the page's newest version is still the
 * one the editor started from. Runs under the page's lock (taken by the workflow), before any
 * write, so a refused save or publish leaves nothing behind. Reads only; nothing to undo.
 */
export const assertPageVersionStep = createStep("assert-page-version", async (input: AssertPageVersionInput, { container }) => {
  if (input.base_version === undefined || input.base_version === null) return new StepResponse(null)
  const pages = container.resolve<PagesModuleService>(PAGES_MODULE)
  const [newest] = await pages.listPageVersions({ page_id: input.page_id }, { select: ["number"], order: { number: "DESC" }, take: 1 })
  const current = newest?.number ?? 0
  if (current !== input.base_version) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `This page changed since you opened it: it is now at version ${current}, you edited version ${input.base_version}. Reload it to see the latest version, then make your change again.`,
      PAGE_CHANGED
    )
  }
  return new StepResponse(current)
})
