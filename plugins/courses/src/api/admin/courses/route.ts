import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createCourseWorkflow } from "../../../workflows/create-course"
import { courseService } from "../../utils/admin-courses"
import { adminOrgScope, assertProductInScope, CATALOG_ROLES } from "../../utils/tenancy"
import type { AdminCreateCourse, AdminListQuery } from "../../validators"

/** GET /admin/courses: the caller's org's courses (platform operators: all, or ?org_id=). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListQuery>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  const { q, status, org_id, product_id, limit, offset } = req.validatedQuery
  const filters: Record<string, unknown> = { org_id: orgId ?? org_id }
  if (!filters.org_id) delete filters.org_id
  if (status) filters.status = status
  if (product_id) filters.product_id = product_id
  if (q) filters.title = { $ilike: `%${q}%` }
  const [courses, count] = await courseService(req).listAndCountCourses(filters, {
    skip: offset,
    take: limit,
    order: { created_at: "DESC" },
  })
  const enrollments = await courseService(req).countEnrollmentsByCourse(courses.map((c) => c.id))
  res.json({ courses: courses.map((c) => ({ ...c, enrollment_count: enrollments[c.id] ?? 0 })), count, limit, offset })
}

/** POST /admin/courses: a draft course for a product of the caller's org. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateCourse>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, CATALOG_ROLES)
  await assertProductInScope(req, req.validatedBody.product_id, orgId)
  const { result } = await createCourseWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ course: result })
}
