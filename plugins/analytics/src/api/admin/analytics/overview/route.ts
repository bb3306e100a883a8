import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { learningFigures, revenueFigures, salesFigures, type OverviewInput } from "../../../../overview"
import { analyticsScope, pg } from "../../../../scope"
import { assertBuckets, periods } from "../../../../sql"
import type { AnalyticsOverviewQuery } from "../../../validators"

/**
 * GET /admin/analytics/overview?from=&to=&interval=day|week|month&currency_code=&org_id=:
 * revenue (ledger), sales and learning figures of the period and of the previous period of
 * the same length. Owners and admins: their org; other staff: their own earnings and the
 * courses they are attributed on; platform operators: `org_id` or every org.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AnalyticsOverviewQuery>, res: MedusaResponse) {
  const q = req.validatedQuery
  const { current, previous } = periods(q)
  const interval = q.interval ?? "day"
  assertBuckets(current, interval)
  const scope = await analyticsScope(req, q.org_id)
  const knex = pg(req)
  const input: OverviewInput = { scope, current, previous, interval, currency_code: q.currency_code?.toLowerCase() }
  const [revenue, sales, learning] = [await revenueFigures(knex, input), await salesFigures(knex, input), await learningFigures(knex, input)]
  res.json({
    org_id: scope.org_id,
    view: scope.employee_id ? "own" : "org",
    period: { from: current.from.toISOString(), to: current.to.toISOString() },
    previous_period: { from: previous.from.toISOString(), to: previous.to.toISOString() },
    interval,
    currency_code: input.currency_code ?? null,
    revenue,
    sales,
    learning,
  })
}
