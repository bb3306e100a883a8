import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../../../../../modules/affiliates"
import { removeAffiliateProductRateWorkflow } from "../../../../../../workflows/remove-affiliate-product-rate"
import { loadAffiliateInOrg } from "../../../../../../workflows/steps/validate"
import { adminOrgScope, WRITE_ROLES } from "../../../../../utils/tenancy"

/** DELETE /admin/affiliates/:id/product-rates/:rate_id -> { id, deleted: true }. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, WRITE_ROLES)
  const affiliate = await loadAffiliateInOrg(req.scope, req.params.id, orgId)
  const [rate] = await req.scope.resolve<AffiliatesModuleService>(AFFILIATES_MODULE).listAffiliateProductRates({ id: req.params.rate_id, affiliate_id: affiliate.id })
  if (!rate) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product rate "${req.params.rate_id}" was not found`)
  await removeAffiliateProductRateWorkflow(req.scope).run({ input: { id: rate.id } })
  res.json({ id: rate.id, object: "affiliate_product_rate", deleted: true })
}
