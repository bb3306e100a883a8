import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AFFILIATES_MODULE } from "../../../modules/affiliates"
import { presentAffiliate, summariseEarnings } from "../../utils/present"
import { READ_ROLES, requireAdminOrg } from "../../utils/tenancy"

/** GET /admin/affiliates?org_id=&status= -> { affiliates } of the org, with clicks and earnings. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = (req.validatedQuery ?? {}) as { org_id?: string; status?: string }
  const orgId = await requireAdminOrg(req, READ_ROLES, q.org_id)
  const service = req.scope.resolve(AFFILIATES_MODULE) as any
  const affiliates = await service.listAffiliates({ org_id: orgId, ...(q.status ? { status: q.status } : {}) }, { order: { created_at: "DESC" }, take: 500 })
  const ids = affiliates.map((a: any) => a.id)
  const clicks = ids.length ? await service.listAffiliateClicks({ affiliate_id: ids }, { select: ["affiliate_id"] }) : []
  const commissions = ids.length ? await service.listAffiliateCommissions({ affiliate_id: ids }) : []
  res.json({
    affiliates: affiliates.map((a: any) => ({
      ...presentAffiliate(a),
      clicks: clicks.filter((c: any) => c.affiliate_id === a.id).length,
      earnings: summariseEarnings(commissions.filter((c: any) => c.affiliate_id === a.id)),
    })),
  })
}
