import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { buildReconciliation } from "../../../reconciliation"
import { earningsScope } from "../../utils/tenancy"
import type { ReconciliationQuery } from "../../validators"

/**
 * GET /admin/reconciliation?month=YYYY-MM&org_id=: captured, refunded and fees by provider
 * against the ledger for the org's orders in that UTC month, with every difference per order
 * (owners, admins; platform operators name the org).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, ReconciliationQuery>, res: MedusaResponse) {
  const q = req.validatedQuery
  const scope = await earningsScope(req, q.org_id)
  if (scope.employee_id) throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only owners and admins see the reconciliation")
  res.json({ reconciliation: await buildReconciliation(req.scope, scope.org_id, q.month) })
}
