import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveStoreOrg } from "@volmify/orgs/tenancy"
import { PAGE_VIEWS_MODULE, type PageViewsModuleService } from "../../../../modules/page-views"
import { pg } from "../../../../scope"
import type { StorePageView } from "../../../validators"

/** Whether @volmify/pages' table exists (checked once per process). */
let pagesInstalled: boolean | null = null

/**
 * POST /store/analytics/page-views { course_id } | { page_slug }: counts one view of a course
 * or a published sales page of the publishable key's org into the day's rollup (204). The
 * storefront calls it from its server; nothing about the visitor is read or kept. Another
 * org's course or page (or none) is 404. Rate-limited per key (middlewares.ts).
 */
export async function POST(req: MedusaStoreRequest<StorePageView>, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const body = req.validatedBody
  const knex = pg(req)
  if (body.course_id) {
    const { rows } = await knex.raw(`SELECT 1 FROM course WHERE id = ? AND org_id = ? AND status = 'published' AND deleted_at IS NULL`, [body.course_id, org.id])
    if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${body.course_id}" was not found`)
  } else {
    // Sales pages are @volmify/pages' (an optional peer): without its table no page exists.
    pagesInstalled ??= (await knex.raw(`SELECT to_regclass('page') IS NOT NULL AS installed`)).rows[0].installed === true
    const { rows } = pagesInstalled
      ? await knex.raw(`SELECT 1 FROM page WHERE org_id = ? AND slug = ? AND status = 'published' AND deleted_at IS NULL`, [org.id, body.page_slug])
      : { rows: [] }
    if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Page "${body.page_slug}" was not found`)
  }
  const service = req.scope.resolve<PageViewsModuleService>(PAGE_VIEWS_MODULE)
  await service.countPageView(body.course_id ? { org_id: org.id, course_id: body.course_id } : { org_id: org.id, page_slug: body.page_slug! })
  res.status(204).end()
}
