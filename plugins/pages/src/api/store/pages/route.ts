import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { resolveStoreOrg } from "@volmify/orgs/tenancy"
import { PAGES_MODULE } from "../../../modules/pages"
import type PagesModuleService from "../../../modules/pages/service"
import { presentStorePageEntry } from "../../responses"

/**
 * GET /store/pages: the key's org's published pages, without their blocks, for the
 * storefront's sitemap.xml (issue 26): slug, home flag, `noindex` and last change. Drafts and
 * other orgs' pages never appear.
 */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const pages = await req.scope
    .resolve<PagesModuleService>(PAGES_MODULE)
    .listPages(
      { org_id: org.id, status: "published" },
      { select: ["id", "slug", "title", "is_home", "seo", "published_at", "updated_at"], order: { is_home: "DESC", slug: "ASC" }, take: null }
    )
  res.json({ pages: pages.map(presentStorePageEntry) })
}
