import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AFFILIATES_MODULE } from "../../../modules/affiliates"
import { presentCommission } from "../../utils/present"
import { READ_ROLES, requireAdminOrg } from "../../utils/tenancy"

/**
 * GET /admin/affiliate-commissions?org_id=&affiliate_id=&status=&flagged=&limit=&offset=
 * -> { commissions, count, limit, offset }. `flagged=true`: commissions with a fraud flag.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = (req.validatedQuery ?? {}) as Record<string, any>
  const orgId = await requireAdminOrg(req, READ_ROLES, q.org_id)
  const filters: Record<string, unknown> = { org_id: orgId }
  if (q.affiliate_id) filters.affiliate_id = q.affiliate_id
  if (q.status) filters.status = q.status
  const limit = q.limit ?? 50
  const offset = q.offset ?? 0
  const service = req.scope.resolve(AFFILIATES_MODULE) as any
  let rows = await service.listAffiliateCommissions(filters, { order: { created_at: "DESC", id: "ASC" }, take: 5000 })
  if (q.flagged) rows = rows.filter((c: any) => ((c.flags ?? []).length > 0) === (q.flagged === "true"))
  res.json({ commissions: rows.slice(offset, offset + limit).map(presentCommission), count: rows.length, limit, offset })
}
