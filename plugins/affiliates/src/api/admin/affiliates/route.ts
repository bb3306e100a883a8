import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../../modules/affiliates"
import { presentAffiliate, summariseEarnings } from "../../utils/present"
import { READ_ROLES, requireAdminOrg } from "../../utils/tenancy"
import type { AdminListAffiliatesQuery } from "../../validators"

/** GET /admin/affiliates?org_id=&status= -> { affiliates } of the org, with clicks and earnings. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListAffiliatesQuery>, res: MedusaResponse) {
  const q = req.validatedQuery ?? {}
  const orgId = await requireAdminOrg(req, READ_ROLES, q.org_id)
  const service = req.scope.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)
  const affiliates = await service.listAffiliates({ org_id: orgId, ...(q.status ? { status: q.status } : {}) }, { order: { created_at: "DESC" }, take: 500 })
  const ids = affiliates.map((a) => a.id)
  const clicks = ids.length ? await service.listAffiliateClicks({ affiliate_id: ids }, { select: ["affiliate_id"] }) : []
  const commissions = ids.length ? await service.listAffiliateCommissions({ affiliate_id: ids }) : []
  res.json({
    affiliates: affiliates.map((a) => ({
      ...presentAffiliate(a),
      clicks: clicks.filter((c) => c.affiliate_id === a.id).length,
      earnings: summariseEarnings(commissions.filter((c) => c.affiliate_id === a.id)),
    })),
  })
}
