import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PAGE_CHANGED } from "../../workflows/steps/assert-page-version"

/**
 * Runs a page write; a stale `base_version` (assertPageVersionStep) is answered here as a
 * 409 with the step's message, because Medusa's error handler replaces a CONFLICT's message
 * with a generic retry hint and the editor must say the page changed. Returns undefined
 * when it answered.
 */
export async function answerPageConflict<T>(res: MedusaResponse, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write()
  } catch (error) {
    const e = error as { type?: string; code?: string; message?: string }
    if (e?.type === MedusaError.Types.CONFLICT && e.code === PAGE_CHANGED) {
      res.status(409).json({ type: "conflict", code: PAGE_CHANGED, message: e.message })
      return undefined
    }
    throw error
  }
}
