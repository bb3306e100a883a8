import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildStatements, statementsCsv } from "../../../../../earnings"
import type { EarningsQuery } from "../../../../validators"
import { statementFilter } from "../route"

/** GET /admin/earnings/statements/export: the same rows as CSV (exact decimals). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, EarningsQuery>, res: MedusaResponse) {
  const filter = await statementFilter(req)
  const csv = statementsCsv(await buildStatements(req.scope, filter))
  const name = `earnings-${filter.employee_id ?? filter.org_id}${filter.from ? `-${filter.from}` : ""}${filter.to ? `-${filter.to}` : ""}.csv`
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`)
  res.status(200).send(csv)
}
