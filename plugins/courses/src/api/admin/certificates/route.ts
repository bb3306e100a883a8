import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { courseService } from "../../utils/admin-courses"
import { adminOrgScope } from "../../utils/tenancy"
import type { AdminListCertificates } from "../../validators"

export const ADMIN_CERTIFICATE_FIELDS = [
  "id", "code", "enrollment_id", "customer_id", "course_id", "org_id", "student_name", "course_title", "org_name",
  "issued_at", "revoked_at", "revoked_reason", "revoked_by",
]

/**
 * GET /admin/certificates (`course_id`, `q` student name or code, `status` issued/revoked,
 * `org_id` for operators, `limit`, `offset`): the org's issued certificates, newest first.
 * Any staff role; another org's course id simply matches nothing.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListCertificates>, res: MedusaResponse) {
  const scope = await adminOrgScope(req)
  const { course_id, q, status, org_id, limit, offset } = req.validatedQuery
  const orgId = scope ?? org_id
  const filters: Record<string, unknown> = {
    ...(orgId ? { org_id: orgId } : {}),
    ...(course_id ? { course_id } : {}),
    ...(status === "issued" ? { revoked_at: null } : status === "revoked" ? { revoked_at: { $ne: null } } : {}),
    ...(q ? { $or: [{ student_name: { $ilike: `%${q}%` } }, { code: { $ilike: `%${q.toUpperCase()}%` } }] } : {}),
  }
  const [certificates, count] = await courseService(req).listAndCountCertificates(filters, {
    select: ADMIN_CERTIFICATE_FIELDS,
    order: { issued_at: "DESC", id: "ASC" },
    take: limit,
    skip: offset,
  })
  res.json({ certificates, count, limit, offset })
}
