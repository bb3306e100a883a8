import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { publishedPage } from "../utils"

/** GET /store/home-page: the key's org's published home page; 404 when it has none (the storefront's fixed home page then). */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const page = await publishedPage(req, { is_home: true }, "The org's home page")
  res.setHeader("content-language", page.locale)
  res.json({ page })
}
