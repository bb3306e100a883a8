import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { buildStatements } from "../../../../earnings"
import { assertEmployeeInOrg, earningsScope } from "../../../utils/tenancy"
import type { EarningsQuery } from "../../../validators"

/** The statement filter a request may read (creators and other staff: only their own). */
export async function statementFilter(req: AuthenticatedMedusaRequest<unknown, EarningsQuery>) {
  const q = req.validatedQuery
  const scope = await earningsScope(req, q.org_id)
  if (q.employee_id) {
    await assertEmployeeInOrg(req, q.employee_id, scope.org_id)
    if (scope.employee_id && scope.employee_id !== q.employee_id) {
      // Another employee's statement does not exist for them.
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Employee "${q.employee_id}" was not found`)
    }
  }
  return {
    org_id: scope.org_id,
    employee_id: scope.employee_id ?? q.employee_id ?? null,
    currency_code: q.currency_code?.toLowerCase(),
    from: q.from,
    to: q.to,
    whole_org: scope.employee_id === null,
  }
}

/** GET /admin/earnings/statements?org_id=&employee_id=&currency_code=&from=YYYY-MM&to=YYYY-MM */
export async function GET(req: AuthenticatedMedusaRequest<unknown, EarningsQuery>, res: MedusaResponse) {
  const filter = await statementFilter(req)
  const statements = await buildStatements(req.scope, filter)
  res.json({ statements, org_id: filter.org_id, employee_id: filter.employee_id, whole_org: filter.whole_org })
}
