import type { MedusaRequest } from "@medusajs/framework/http"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"
import { buildOutline, type OutlineRows } from "../../rules/build-outline"
import { courseProgressPercent, openablePlacementIds } from "../../rules/course-progress"
import type { AccessModuleService } from "@volmify/access/modules/access"

export const ENROLLMENT_COURSE_FIELDS = [
  "id", "handle", "title", "subtitle", "description", "level", "difficulty", "language",
  "thumbnail", "estimated_minutes", "product_id", "published_at", "status", "org_id",
]

type Scope = {
  customerId: string
  /** Only enrollments in this org's courses (null: every org, for platform operators). */
  orgId: string | null
  /** Only courses in these statuses (the store shows published ones only). */
  courseStatuses?: ("draft" | "published" | "archived")[]
}

/**
 * A customer's enrollments with their course, live tier and progress (completed lessons /
 * lessons their tier opens). A fixed number of queries for any number of enrollments.
 */
export async function enrollmentsWithProgress(req: MedusaRequest, { customerId, orgId, courseStatuses }: Scope) {
  const service = req.scope.resolve<CourseModuleService>(COURSE_MODULE)
  const enrollments = await service.listEnrollments(
    { customer_id: customerId, ...(orgId ? { org_id: orgId } : {}) },
    { select: ["id", "course_id", "org_id", "started_at", "completed_at", "status"], order: { started_at: "DESC" } }
  )
  if (!enrollments.length) return []
  const courses = await service.listCourses(
    { id: enrollments.map((e) => e.course_id), ...(courseStatuses ? { status: courseStatuses } : {}) },
    { select: ENROLLMENT_COURSE_FIELDS }
  )
  if (!courses.length) return []
  const courseIds = courses.map((c) => c.id)
  const [tiers, modules, sections, placements, done] = await Promise.all([
    req.scope.resolve<AccessModuleService>("access").getCustomerTiers(customerId, courses.map((c) => c.product_id)),
    service.listCourseModules({ course_id: courseIds }, { select: ["id", "course_id", "title", "rank", "required_tier"] }),
    service.listCourseSections({ course_id: courseIds }, { select: ["id", "course_id", "module_id", "title", "rank", "required_tier"] }),
    service.listSectionLessons(
      { course_id: courseIds },
      { select: ["id", "course_id", "section_id", "lesson_id", "rank", "required_tier", "is_preview"] }
    ),
    service.listLessonProgresses({ enrollment_id: enrollments.map((e) => e.id), status: "completed" }, { select: ["placement_id", "enrollment_id"] }),
  ])
  const courseById = new Map(courses.map((c) => [c.id, c]))
  return enrollments
    .filter((e) => courseById.has(e.course_id))
    .map((e) => {
      const course = courseById.get(e.course_id)!
      const tier = tiers.get(course.product_id) ?? 0
      const completed = new Set(done.filter((d) => d.enrollment_id === e.id).map((d) => d.placement_id))
      const rows: OutlineRows = {
        modules: modules.filter((m) => m.course_id === course.id),
        sections: sections.filter((s) => s.course_id === course.id),
        placements: placements.filter((p) => p.course_id === course.id),
        lessons: [],
      }
      // Progress counts what the tier opens in the course as built, whatever its status now.
      const { placements: flat } = buildOutline(rows, {
        course_status: "published",
        customer_id: customerId,
        customer_tier: tier,
        enrolled_at: e.started_at,
        completed_placement_ids: completed,
      })
      const openable = openablePlacementIds(flat, tier)
      return {
        ...e,
        course,
        tier,
        lessons_total: flat.length,
        lessons_open: openable.length,
        lessons_completed: openable.filter((id) => completed.has(id)).length,
        progress_percent: courseProgressPercent(flat, tier, completed),
      }
    })
}
