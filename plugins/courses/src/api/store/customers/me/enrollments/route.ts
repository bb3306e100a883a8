import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { enrollmentsWithProgress } from "../../../../utils/enrollment-progress"

import { resolveStoreOrg } from "@volmify/orgs/tenancy"

const STORE_FIELDS = ["id", "course_id", "started_at", "completed_at", "status", "course", "tier", "progress_percent"] as const

/**
 * GET /store/customers/me/enrollments: the customer's enrollments in this org's published
 * courses, with the course, their tier and progress. Constant queries for any number.
 */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const rows = await enrollmentsWithProgress(req, { customerId: req.auth_context.actor_id, orgId: org.id, courseStatuses: ["published"] })
  res.json({
    enrollments: rows.map((row) => {
      const { status: _s, org_id: _o, ...course } = row.course as Record<string, unknown>
      const out: Record<string, unknown> = Object.fromEntries(STORE_FIELDS.map((f) => [f, row[f]]))
      out.course = course
      return out
    }),
  })
}
