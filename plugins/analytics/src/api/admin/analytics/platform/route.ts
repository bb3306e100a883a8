import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { platformFigures } from "../../../../course"
import { assertPlatformOperator, pg } from "../../../../scope"
import { periods } from "../../../../sql"
import type { AnalyticsPlatformQuery } from "../../../validators"

/** GET /admin/analytics/platform?from=&to=: per org students, courses, orders, revenue and platform fees (platform operators). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AnalyticsPlatformQuery>, res: MedusaResponse) {
  await assertPlatformOperator(req)
  const { current } = periods(req.validatedQuery)
  const orgs = await platformFigures(pg(req), current)
  res.json({ period: { from: current.from.toISOString(), to: current.to.toISOString() }, orgs })
}
