import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { unpublishPageWorkflow } from "../../../../../workflows/unpublish-page"
import { presentPage } from "../../../../responses"
import { pageInScope, WRITE_ROLES } from "../../../../utils/scope"

/** POST /admin/pages/:id/unpublish: the store stops serving the page (404); drafts and history stay. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const page = await pageInScope(req, WRITE_ROLES)
  const { result } = await unpublishPageWorkflow(req.scope).run({ input: { id: page.id } })
  res.json({ page: presentPage(result) })
}
