import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../../../../modules/affiliates"
import { reviewCommissionWorkflow } from "../../../../../workflows/review-commission"
import { presentCommission } from "../../../../utils/present"
import { adminOrgScope, WRITE_ROLES } from "../../../../utils/tenancy"

/** POST /admin/affiliate-commissions/:id/review { decision: approve|reject } -> { commission }. */
export async function POST(req: AuthenticatedMedusaRequest<{ decision: "approve" | "reject" }>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, WRITE_ROLES)
  await reviewCommissionWorkflow(req.scope).run({ input: { id: req.params.id, org_id: orgId, decision: req.validatedBody.decision } })
  const [commission] = await req.scope.resolve<AffiliatesModuleService>(AFFILIATES_MODULE).listAffiliateCommissions({ id: req.params.id })
  res.json({ commission: presentCommission(commission) })
}
