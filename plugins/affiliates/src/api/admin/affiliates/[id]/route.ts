import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../../../modules/affiliates"
import { updateAffiliateWorkflow, UpdateAffiliateInput } from "../../../../workflows/update-affiliate"
import { loadAffiliateInOrg } from "../../../../workflows/steps/validate"
import { presentAffiliate } from "../../../utils/present"
import { adminOrgScope, READ_ROLES, WRITE_ROLES } from "../../../utils/tenancy"

/** GET /admin/affiliates/:id -> { affiliate } with product rates and coupons. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, READ_ROLES)
  const affiliate = await loadAffiliateInOrg(req.scope, req.params.id, orgId)
  const service = req.scope.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)
  const product_rates = await service.listAffiliateProductRates({ affiliate_id: affiliate.id })
  const coupons = await service.listAffiliateCoupons({ affiliate_id: affiliate.id })
  res.json({ affiliate: { ...presentAffiliate(affiliate), product_rates, coupons } })
}

/** POST /admin/affiliates/:id { status?, commission_type?, commission_bps?, fixed_amounts? } -> { affiliate }. */
export async function POST(req: AuthenticatedMedusaRequest<Omit<UpdateAffiliateInput, "id">>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, WRITE_ROLES)
  const affiliate = await loadAffiliateInOrg(req.scope, req.params.id, orgId)
  const { result } = await updateAffiliateWorkflow(req.scope).run({ input: { ...req.validatedBody, id: affiliate.id } })
  res.json({ affiliate: presentAffiliate(result) })
}
