import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeSubmissions } from "../../utils/admin-assessments"
import { courseService } from "../../utils/admin-courses"
import { adminOrgScope } from "../../utils/tenancy"
import type { AdminListSubmissions } from "../../validators"

/**
 * GET /admin/assignment-submissions (`status`, `org_id` for operators, `limit`, `offset`):
 * the review queue of the caller's org, oldest waiting first.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListSubmissions>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  const { status, limit, offset, org_id } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (orgId) filters.org_id = orgId
  else if (org_id) filters.org_id = org_id
  if (status) filters.status = status
  const [rows, count] = await courseService(req).listAndCountAssignmentSubmissions(filters, {
    take: limit,
    skip: offset,
    order: { created_at: "ASC" },
  })
  res.json({ submissions: await describeSubmissions(req, rows), count, limit, offset })
}
