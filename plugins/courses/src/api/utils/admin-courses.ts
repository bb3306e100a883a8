import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"
import { adminOrgScope, assertProductInScope } from "./tenancy"

import type { EmployeeRole as Role } from "@volmify/orgs/rules"

export const courseService = (req: MedusaRequest) => req.scope.resolve<CourseModuleService>(COURSE_MODULE)

/** The course, if the caller may see it: another org's id is a 404 like a missing one. */
export async function courseInScope(req: MedusaRequest, id: string, roles?: readonly Role[]) {
  const orgId = await adminOrgScope(req, roles)
  const [course] = await courseService(req).listCourses({ id }, { take: 1 })
  if (!course || (orgId && course.org_id !== orgId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${id}" was not found`)
  }
  // A course is edited as part of its product: creators only on products they are
  // attributed on (role matrix of @volmify/orgs, checked by assertProductInScope).
  if (orgId && req.method !== "GET") {
    await assertProductInScope(req, course.product_id, orgId)
  }
  return { course, orgId }
}

/** The library lesson, if the caller may see it (404 for another org's). */
export async function lessonInScope(req: MedusaRequest, id: string, roles?: readonly Role[]) {
  const orgId = await adminOrgScope(req, roles)
  const [lesson] = await courseService(req).listLessons({ id }, { take: 1 })
  if (!lesson || (orgId && lesson.org_id !== orgId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lesson "${id}" was not found`)
  }
  return { lesson, orgId }
}

/** The admin outline: modules > sections > placements (with their lesson's title and type). */
export async function adminOutline(req: MedusaRequest, courseId: string) {
  const rows = await courseService(req).readOutlineRows(courseId)
  const byRank = (a: { rank: number; id: string }, b: { rank: number; id: string }) => a.rank - b.rank || (a.id < b.id ? -1 : 1)
  const lessons = new Map(rows.lessons.map((l) => [l.id, l]))
  return [...rows.modules].sort(byRank).map((m) => ({
    ...m,
    sections: rows.sections
      .filter((s) => s.module_id === m.id)
      .sort(byRank)
      .map((s) => ({
        ...s,
        lessons: rows.placements
          .filter((p) => p.section_id === s.id)
          .sort(byRank)
          .map((p) => ({ ...p, lesson: lessons.get(p.lesson_id) ?? null })),
      })),
  }))
}
