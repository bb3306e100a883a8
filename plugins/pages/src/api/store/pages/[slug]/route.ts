import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { publishedPage } from "../../utils"

/** GET /store/pages/:slug: the published page of the key's org at `slug` (404 for drafts and other orgs' pages), in the `x-volmify-locale` header's locale when the org enabled it. */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const slug = String(req.params.slug)
  const page = await publishedPage(req, { slug }, `Page "${slug}"`)
  res.setHeader("content-language", page.locale)
  res.json({ page })
}
