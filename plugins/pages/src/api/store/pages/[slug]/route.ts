import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { publishedPage } from "../../utils"

/** GET /store/pages/:slug: the published page of the key's org at `slug` (404 for drafts and other orgs' pages). */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const slug = String(req.params.slug)
  res.json({ page: await publishedPage(req, { slug }, `Page "${slug}"`) })
}
