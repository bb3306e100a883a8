import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveAdminActor } from "@volmify/orgs/api/utils/admin-actor"
import { openApiDocument } from "../../../../openapi/document"

/**
 * GET /admin/volmify/openapi.json: the OpenAPI 3.1 document of the admin routes the Volmify
 * plugins add. Not secret (the public reference page at /volmify/docs shows it too), but an
 * /admin route: Medusa's authentication applies, the org-scope gate lets it through as a
 * self-guarded route (src/api/middlewares.ts) and this route answers only platform
 * operators and org staff, like the rest of /admin (a user with no role gets 403).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const actor = await resolveAdminActor(req)
  if (actor.kind === "none") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "The admin API reference is open to platform operators and org staff")
  }
  res.json(openApiDocument("admin"))
}
