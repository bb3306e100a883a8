import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { buildOutline } from "../../../../rules/build-outline"
import { courseProgressPercent } from "../../../../rules/course-progress"
import { callerAccess, courseService, courseTiers, findStoreCourse } from "../../../utils/store-courses"

/**
 * GET /store/courses/:id_or_handle: the course with tiers, the caller's access and the
 * gated outline. A constant number of queries whatever the number of lessons.
 */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const course = await findStoreCourse(req, req.params.id_or_handle)
  const service = courseService(req)
  const [access, tiers, rows] = await Promise.all([
    callerAccess(req, course),
    courseTiers(req, course.product_id),
    service.readOutlineRows(course.id),
  ])
  const done = access.enrollment
    ? await service.listLessonProgresses({ enrollment_id: access.enrollment.id, status: "completed" }, { select: ["placement_id"] })
    : []
  const completed = new Set(done.map((d) => d.placement_id))
  const { modules, placements } = buildOutline(rows, {
    course_status: course.status,
    customer_id: access.customerId,
    customer_tier: access.tier,
    enrolled_at: access.enrollment?.started_at ?? null,
    completed_placement_ids: completed,
  })
  const { status: _status, org_id: _org, ...publicCourse } = course
  res.json({
    course: {
      ...publicCourse,
      tiers,
      access: {
        tier: access.tier,
        enrolled: !!access.enrollment,
        progress_percent: access.enrollment ? courseProgressPercent(placements, access.tier, completed) : 0,
      },
      modules,
    },
  })
}
