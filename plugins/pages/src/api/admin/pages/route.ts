import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { adminOrgScope, actorId } from "@volmify/orgs/tenancy"
import { createPageWorkflow } from "../../../workflows/create-page"
import { presentPage, presentVersion } from "../../responses"
import { assertCoursesOfOrg, assertSlugFree, pagesService, READ_ROLES, requireAdminOrg, WRITE_ROLES } from "../../utils/scope"
import type { AdminCreatePage, AdminListPagesQuery } from "../../validators"

/** GET /admin/pages: the org's pages, home page first, then by title; platform operators: `org_id` or all. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListPagesQuery>, res: MedusaResponse) {
  const { org_id, status, limit, offset } = req.validatedQuery
  const scoped = await adminOrgScope(req, READ_ROLES)
  const orgId = scoped ?? org_id ?? null
  const filters = { ...(orgId ? { org_id: orgId } : {}), ...(status ? { status } : {}) }
  if (scoped && org_id && org_id !== scoped) return res.json({ pages: [], count: 0, limit, offset })
  const service = pagesService(req)
  const [pages, count] = await service.listAndCountPages(filters, { order: { is_home: "DESC", title: "ASC" }, take: limit, skip: offset })
  const versions = pages.length
    ? await service.listPageVersions({ page_id: pages.map((p) => p.id) }, { select: ["page_id", "number"] })
    : []
  const latest = new Map<string, number>()
  for (const v of versions as Array<{ page_id: string; number: number }>) latest.set(v.page_id, Math.max(latest.get(v.page_id) ?? 0, v.number))
  res.json({ pages: pages.map((p) => ({ ...presentPage(p), latest_version_number: latest.get(p.id) ?? 0 })), count, limit, offset })
}

/** POST /admin/pages: a new draft page with its version 1 (blocks validated, course ids the org's). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreatePage>, res: MedusaResponse) {
  const body = req.validatedBody
  const orgId = await requireAdminOrg(req, WRITE_ROLES, body.org_id)
  const blocks = body.blocks ?? []
  await assertSlugFree(req, orgId, body.slug)
  await assertCoursesOfOrg(req, orgId, blocks)
  const { result } = await createPageWorkflow(req.scope).run({
    input: { org_id: orgId, title: body.title, slug: body.slug, is_home: body.is_home, seo: body.seo ?? null, blocks, created_by: actorId(req) ?? null },
  })
  res.status(201).json({ page: { ...presentPage(result.page), draft: presentVersion(result.version) } })
}
