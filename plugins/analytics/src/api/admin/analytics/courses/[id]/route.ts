import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { courseFigures } from "../../../../../course"
import { analyticsScope, pg } from "../../../../../scope"
import { periods } from "../../../../../sql"
import type { AnalyticsCourseQuery } from "../../../../validators"

/**
 * GET /admin/analytics/courses/:id?from=&to=: per-lesson completions and drop-off, quiz pass
 * rates. 404 for a course of another org (or, for an employee's own view, one they are not
 * attributed on).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AnalyticsCourseQuery>, res: MedusaResponse) {
  const { current } = periods(req.validatedQuery)
  const scope = await analyticsScope(req)
  const figures = await courseFigures(pg(req), scope, req.params.id, current)
  res.json({ period: { from: current.from.toISOString(), to: current.to.toISOString() }, ...figures })
}
