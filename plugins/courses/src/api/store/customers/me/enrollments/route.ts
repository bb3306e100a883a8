import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { buildOutline } from "../../../../../rules/build-outline"
import { courseProgressPercent } from "../../../../../rules/course-progress"
import { courseService, STORE_COURSE_FIELDS } from "../../../../utils/store-courses"

const { resolveStoreOrg } = require("@volmify/orgs/api/utils/store-org")

/**
 * GET /store/customers/me/enrollments: the customer's enrollments in this org's published
 * courses, with the course, their tier and progress. Constant queries for any number.
 */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const customerId = req.auth_context.actor_id
  const service = courseService(req)
  const enrollments = await service.listEnrollments(
    { customer_id: customerId, org_id: org.id },
    { select: ["id", "course_id", "started_at", "completed_at", "status"], order: { started_at: "DESC" } }
  )
  const courses = enrollments.length
    ? await service.listCourses({ id: enrollments.map((e) => e.course_id), status: "published" }, { select: STORE_COURSE_FIELDS })
    : []
  if (!courses.length) return res.json({ enrollments: [] })
  const courseIds = courses.map((c) => c.id)
  const [tiers, modules, sections, placements, done] = await Promise.all([
    req.scope.resolve<any>("access").getCustomerTiers(customerId, courses.map((c) => c.product_id)) as Promise<Map<string, number>>,
    service.listCourseModules({ course_id: courseIds }, { select: ["id", "course_id", "title", "rank", "required_tier"] }),
    service.listCourseSections({ course_id: courseIds }, { select: ["id", "course_id", "module_id", "title", "rank", "required_tier"] }),
    service.listSectionLessons(
      { course_id: courseIds },
      { select: ["id", "course_id", "section_id", "lesson_id", "rank", "required_tier", "is_preview"] }
    ),
    service.listLessonProgresses({ enrollment_id: enrollments.map((e) => e.id), status: "completed" }, { select: ["placement_id", "enrollment_id"] }),
  ])
  const courseById = new Map(courses.map((c) => [c.id, c]))
  res.json({
    enrollments: enrollments
      .filter((e) => courseById.has(e.course_id))
      .map((e) => {
        const course = courseById.get(e.course_id)!
        const tier = tiers.get(course.product_id) ?? 0
        const completed = new Set(done.filter((d: any) => d.enrollment_id === e.id).map((d) => d.placement_id))
        const rows = {
          modules: modules.filter((m: any) => m.course_id === course.id),
          sections: sections.filter((s: any) => s.course_id === course.id),
          placements: placements.filter((p: any) => p.course_id === course.id),
          lessons: [],
        } as any
        const { placements: flat } = buildOutline(rows, {
          course_status: "published",
          customer_id: customerId,
          customer_tier: tier,
          enrolled_at: e.started_at,
          completed_placement_ids: completed,
        })
        return { ...e, course, tier, progress_percent: courseProgressPercent(flat, tier, completed) }
      }),
  })
}
