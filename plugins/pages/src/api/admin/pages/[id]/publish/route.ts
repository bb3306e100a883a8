import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { publishPageWorkflow } from "../../../../../workflows/publish-page"
import { presentPage, presentVersion } from "../../../../responses"
import { answerPageConflict } from "../../../../utils/conflict"
import { assertCoursesOfOrg, pageInScope, pagesService, WRITE_ROLES } from "../../../../utils/scope"
import type { AdminPublishPage } from "../../../../validators"
import type { Block } from "../../../../../rules/blocks"

/**
 * POST /admin/pages/:id/publish: the store serves the newest version (or `version_id`, one of
 * this page's) from now on. Course ids are checked again: a course may have moved since.
 * With `base_version`, a save made since the publisher loaded the page is a 409 (they would
 * publish content they have not seen); the published version does not change.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminPublishPage>, res: MedusaResponse) {
  const page = await pageInScope(req, WRITE_ROLES)
  const service = pagesService(req)
  const { version_id, base_version } = req.validatedBody
  const [version] = version_id
    ? await service.listPageVersions({ id: version_id, page_id: page.id })
    : await service.listPageVersions({ page_id: page.id }, { order: { number: "DESC" }, take: 1 })
  if (!version) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, version_id ? `Version "${version_id}" of this page was not found` : "The page has no version to publish")
  }
  await assertCoursesOfOrg(req, page.org_id, version.blocks as unknown as Block[])
  const run = await answerPageConflict(res, () => publishPageWorkflow(req.scope).run({ input: { id: page.id, version_id: version.id, base_version } }))
  if (!run) return
  res.json({ page: presentPage(run.result), version: presentVersion(version) })
}
