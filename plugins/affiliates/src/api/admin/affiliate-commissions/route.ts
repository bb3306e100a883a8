import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../../modules/affiliates"
import { presentCommission } from "../../utils/present"
import { READ_ROLES, requireAdminOrg } from "../../utils/tenancy"
import type { AdminListCommissionsQuery } from "../../validators"

/**
 * GET /admin/affiliate-commissions?org_id=&affiliate_id=&status=&flagged=&limit=&offset=
 * -> { commissions, count, limit, offset }. `flagged=true`: commissions with a fraud flag.
 * Each commission carries its order's `order_display_id` (the number staff know it by).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListCommissionsQuery>, res: MedusaResponse) {
  const q = req.validatedQuery ?? {}
  const orgId = await requireAdminOrg(req, READ_ROLES, q.org_id)
  const limit = q.limit ?? 50
  const offset = q.offset ?? 0
  const service = req.scope.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)
  const { ids, count } = await service.pageCommissionIds(
    {
      org_id: orgId,
      ...(q.affiliate_id ? { affiliate_id: q.affiliate_id } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.flagged ? { flagged: q.flagged === "true" } : {}),
    },
    { limit, offset }
  )
  const rows = ids.length ? await service.listAffiliateCommissions({ id: ids }) : []
  const byId = new Map(rows.map((c) => [c.id, c]))
  const page = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
  const orderIds = [...new Set(page.map((c) => c.order_id).filter(Boolean))]
  const { data: orders }: { data: { id: string; display_id?: number | null }[] } = orderIds.length
    ? await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } })
    : { data: [] as { id: string; display_id: number }[] }
  const displayIds = new Map(orders.map((o) => [o.id, o.display_id ?? null]))
  res.json({
    commissions: page.map((c) => ({ ...presentCommission(c), order_display_id: displayIds.get(c.order_id) ?? null })),
    count,
    limit,
    offset,
  })
}
