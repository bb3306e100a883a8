import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setAffiliateProductRateWorkflow } from "../../../../../workflows/set-affiliate-product-rate"
import { loadAffiliateInOrg } from "../../../../../workflows/steps/validate"
import { adminOrgScope, WRITE_ROLES } from "../../../../utils/tenancy"
import type { AdminProductRate } from "../../../../validators"

/** POST /admin/affiliates/:id/product-rates { product_id, commission_type, ... } -> { product_rate } (set or replace). */
export async function POST(req: AuthenticatedMedusaRequest<AdminProductRate>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, WRITE_ROLES)
  const affiliate = await loadAffiliateInOrg(req.scope, req.params.id, orgId)
  const { result } = await setAffiliateProductRateWorkflow(req.scope).run({
    input: { ...req.validatedBody, affiliate_id: affiliate.id, org_id: affiliate.org_id },
  })
  res.json({ product_rate: result })
}
