import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { buildProductReport } from "../../../../earnings"
import { earningsScope } from "../../../utils/tenancy"
import type { EarningsQuery } from "../../../validators"

/** GET /admin/earnings/products?org_id=&currency_code=: the org's earnings per product (owners, admins). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, EarningsQuery>, res: MedusaResponse) {
  const scope = await earningsScope(req, req.validatedQuery.org_id)
  if (scope.employee_id) throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only owners and admins see the org's earnings per product")
  const products = await buildProductReport(req.scope, { org_id: scope.org_id, currency_code: req.validatedQuery.currency_code?.toLowerCase() })
  res.json({ products, org_id: scope.org_id })
}
