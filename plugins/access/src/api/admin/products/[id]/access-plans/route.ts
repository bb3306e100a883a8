import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ACCESS_MODULE } from "../../../../../modules/access"
import type AccessModuleService from "../../../../../modules/access/service"
import { adminOrgScope, assertProductInScope } from "../../../../utils/tenancy"

/** GET /admin/products/:id/access-plans: the plans of the product's variants. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  await assertProductInScope(req, req.params.id, orgId)
  const access_plans = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listAccessPlans({ product_id: req.params.id }, { order: { tier: "ASC" } })
  res.json({ access_plans })
}
