import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { presentVersion } from "../../../../responses"
import { pageInScope, pagesService, READ_ROLES } from "../../../../utils/scope"
import type { AdminListPageVersionsQuery } from "../../../../validators"

/** GET /admin/pages/:id/versions: the page's history, newest first, with each version's blocks. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListPageVersionsQuery>, res: MedusaResponse) {
  const page = await pageInScope(req, READ_ROLES)
  const { limit, offset } = req.validatedQuery
  const [versions, count] = await pagesService(req).listAndCountPageVersions(
    { page_id: page.id },
    { order: { number: "DESC" }, take: limit, skip: offset }
  )
  res.json({ versions: versions.map(presentVersion), count, limit, offset })
}
