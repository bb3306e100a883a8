import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { linkAffiliateCouponWorkflow } from "../../../../../workflows/link-affiliate-coupon"
import { loadAffiliateInOrg } from "../../../../../workflows/steps/validate"
import { adminOrgScope, WRITE_ROLES } from "../../../../utils/tenancy"

/**
 * POST /admin/affiliates/:id/coupons { promotion_id } -> { coupon }: orders using the
 * promotion's code are attributed to the affiliate. The promotion must be visible to the
 * staff member's org (Medusa's promotions are filtered per org by @volmify/orgs).
 */
export async function POST(req: AuthenticatedMedusaRequest<{ promotion_id: string }>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, WRITE_ROLES)
  const affiliate = await loadAffiliateInOrg(req.scope, req.params.id, orgId)
  const promotionId = req.validatedBody.promotion_id
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "promotion", fields: ["id", "org.id"], filters: { id: promotionId } })
  // `org` is the promotion's link to its org (@volmify/orgs' org-promotion link).
  if (!data.length || (data[0] as { org?: { id: string } | null }).org?.id !== affiliate.org_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Promotion "${promotionId}" was not found`)
  }
  const { result } = await linkAffiliateCouponWorkflow(req.scope).run({
    input: { affiliate_id: affiliate.id, org_id: affiliate.org_id, promotion_id: promotionId },
  })
  res.status(201).json({ coupon: result })
}
