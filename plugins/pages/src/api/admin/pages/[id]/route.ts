import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { actorId } from "@volmify/orgs/tenancy"
import { deletePageWorkflow } from "../../../../workflows/delete-page"
import { updatePageWorkflow } from "../../../../workflows/update-page"
import { presentPage, presentVersion } from "../../../responses"
import { answerPageConflict } from "../../../utils/conflict"
import { assertCoursesOfOrg, assertSlugFree, pageInScope, pagesService, READ_ROLES, WRITE_ROLES } from "../../../utils/scope"
import type { AdminUpdatePage } from "../../../validators"

async function withDraft(req: AuthenticatedMedusaRequest, page: Parameters<typeof presentPage>[0]) {
  const [draft] = await pagesService(req).listPageVersions({ page_id: page.id }, { order: { number: "DESC" }, take: 1 })
  return { ...presentPage(page), draft: draft ? presentVersion(draft) : null }
}

/** GET /admin/pages/:id: the page and its draft (newest version). Another org's page is a 404. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const page = await pageInScope(req, READ_ROLES)
  res.json({ page: await withDraft(req, page) })
}

/**
 * POST /admin/pages/:id: title, slug, home flag, SEO; `blocks` saves the next draft version.
 * With `base_version`, a save made since the editor loaded the page is a 409 (nothing written).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdatePage>, res: MedusaResponse) {
  const page = await pageInScope(req, WRITE_ROLES)
  const body = req.validatedBody
  if (body.slug && body.slug !== page.slug) await assertSlugFree(req, page.org_id, body.slug, page.id)
  if (body.blocks) await assertCoursesOfOrg(req, page.org_id, body.blocks)
  const saved = await answerPageConflict(res, () => updatePageWorkflow(req.scope).run({
    input: {
      id: page.id,
      org_id: page.org_id,
      title: body.title,
      slug: body.slug,
      is_home: body.is_home,
      seo: body.seo,
      blocks: body.blocks,
      version_title: body.title ?? page.title,
      created_by: actorId(req) ?? null,
      base_version: body.base_version,
    },
  }))
  if (!saved) return
  res.json({ page: await withDraft(req, await pagesService(req).retrievePage(page.id)) })
}

/** DELETE /admin/pages/:id: the page and its history; the store stops serving it. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const page = await pageInScope(req, WRITE_ROLES)
  await deletePageWorkflow(req.scope).run({ input: { id: page.id } })
  res.json({ id: page.id, object: "page", deleted: true })
}
