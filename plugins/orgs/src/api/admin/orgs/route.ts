import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListOrgsQuery } from "../../middlewares"

/** GET /admin/orgs: every org, for platform operators (guarded in middlewares.ts). */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminListOrgsQuery>,
  res: MedusaResponse
) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orgs, metadata } = await query.graph({
    entity: "org",
    fields: ["id", "handle", "name", "status", "sales_channel_id", "created_at"],
    filters: req.validatedQuery.q ? { handle: { $ilike: `%${req.validatedQuery.q}%` } } : {},
    pagination: {
      skip: req.validatedQuery.offset,
      take: req.validatedQuery.limit,
      order: { created_at: "ASC" },
    },
  })
  res.json({
    orgs,
    count: metadata?.count ?? orgs.length,
    offset: req.validatedQuery.offset,
    limit: req.validatedQuery.limit,
  })
}
