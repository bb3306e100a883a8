import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { courseInScope } from "../../../../utils/admin-courses"
import { describeStudents, filteredStudents } from "../../../../utils/course-students"
import type { AdminCourseStudents } from "../../../../validators"

/**
 * GET /admin/courses/:id/students (`q` email/name, `tier` (0 = no access now), `completed`,
 * `limit`, `offset`): the course's students with tier, progress, last activity, quiz results
 * and certificate. Any staff role of the course's org; another org's course is a 404.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminCourseStudents>, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id)
  const { limit, offset, ...filters } = req.validatedQuery
  const all = await filteredStudents(req, course, filters)
  const students = await describeStudents(req, course, all.slice(offset, offset + limit))
  res.json({ students, count: all.length, limit, offset })
}
