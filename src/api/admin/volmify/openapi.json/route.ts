import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { openApiDocument } from "../../../../openapi/document"

/**
 * GET /admin/volmify/openapi.json: the OpenAPI 3.1 document of the admin routes the Volmify
 * plugins add. Not secret (the public reference page at /volmify/docs shows it too), but an
 * /admin route: Medusa's authentication applies, and `requireOrgScope` (src/api/middlewares.ts)
 * lets only platform operators and org staff through, like the rest of /admin (a user with
 * no role gets 403).
 */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  res.json(openApiDocument("admin"))
}
