import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { actorId } from "@volmify/orgs/tenancy"
import { restorePageVersionWorkflow } from "../../../../../../../workflows/restore-page-version"
import type { Block } from "../../../../../../../rules/blocks"
import { presentPage, presentVersion } from "../../../../../../responses"
import { answerPageConflict } from "../../../../../../utils/conflict"
import { pageInScope, pagesService, WRITE_ROLES } from "../../../../../../utils/scope"
import type { AdminRestorePageVersion } from "../../../../../../validators"

/**
 * POST /admin/pages/:id/versions/:version_id/restore: the version's blocks become a new draft
 * (the next version number); the published version does not change until the next publish.
 * With `base_version`, a save made since the editor loaded the page is a 409.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminRestorePageVersion>, res: MedusaResponse) {
  const page = await pageInScope(req, WRITE_ROLES)
  const [source] = await pagesService(req).listPageVersions({ id: req.params.version_id, page_id: page.id })
  if (!source) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Version "${req.params.version_id}" of this page was not found`)
  const run = await answerPageConflict(res, () => restorePageVersionWorkflow(req.scope).run({
    input: {
      page_id: page.id,
      title: page.title,
      blocks: source.blocks as unknown as Block[],
      created_by: actorId(req) ?? null,
      base_version: req.validatedBody?.base_version,
    },
  }))
  if (!run) return
  res.json({ page: presentPage(page), version: presentVersion(run.result) })
}
