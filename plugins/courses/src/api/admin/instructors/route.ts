import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { employeeName } from "../../../workflows/steps/instructor-checks"
import { courseService } from "../../utils/admin-courses"
import { adminOrgScope } from "../../utils/tenancy"
import type { EmployeeRow } from "../../../types/rows"
import type { AdminInstructorListQuery } from "../../validators"

/**
 * GET /admin/instructors: the org's active staff, each with their instructor profile (or
 * what it would start from: `has_profile: false`). Any staff role reads; operators name the org.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminInstructorListQuery>, res: MedusaResponse) {
  const scope = await adminOrgScope(req)
  const asked = req.validatedQuery.org_id
  if (scope && asked && asked !== scope) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${asked}" was not found`)
  const orgId = scope ?? asked
  if (!orgId) throw new MedusaError(MedusaError.Types.INVALID_DATA, "org_id is required for platform operators")
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: employees } = await query.graph({
    entity: "org_employee",
    fields: ["id", "role", "status", "display_name", "title", "bio", "user.first_name", "user.last_name", "user.email"],
    filters: { org_id: orgId, status: "active" },
  })
  const profiles = await courseService(req).listCourseInstructors({ org_id: orgId }, {})
  const byEmployee = new Map(profiles.map((p) => [p.employee_id, p]))
  const instructors = (employees as EmployeeRow[]).map((e) => {
    const p = byEmployee.get(e.id)
    return {
      employee_id: e.id,
      role: e.role,
      email: e.user?.email ?? null,
      has_profile: !!p,
      name: p?.name ?? employeeName(e),
      headline: p ? p.headline : e.title ?? null,
      bio: p ? p.bio : e.bio ?? null,
      photo_url: p?.photo_url ?? null,
    }
  })
  res.json({ instructors: instructors.sort((a, b) => a.name.localeCompare(b.name)) })
}
