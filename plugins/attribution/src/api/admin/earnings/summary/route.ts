import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { buildOrgSummary } from "../../../../earnings"
import { earningsScope } from "../../../utils/tenancy"
import type { EarningsQuery } from "../../../validators"

/** GET /admin/earnings/summary?org_id=&currency_code=&from=&to=: org totals per currency with a monthly series (owners, admins). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, EarningsQuery>, res: MedusaResponse) {
  const q = req.validatedQuery
  const scope = await earningsScope(req, q.org_id)
  if (scope.employee_id) throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only owners and admins see the org summary")
  const summary = await buildOrgSummary(req.scope, { org_id: scope.org_id, currency_code: q.currency_code?.toLowerCase(), from: q.from, to: q.to })
  res.json({ summary, org_id: scope.org_id })
}
