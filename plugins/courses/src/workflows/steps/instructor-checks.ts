import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"
import type { EmployeeRow } from "../../types/rows"

export type NewInstructorProfile = { org_id: string; employee_id: string; name: string; headline: string | null; bio: string | null }

/** The employees of an org among `ids`, with what their profile starts from (names from the admin user). */
export async function orgEmployees(container: MedusaContainer, orgId: string, ids: string[]) {
  if (!ids.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "org_employee",
    fields: ["id", "status", "display_name", "title", "bio", "org.id", "user.first_name", "user.last_name", "user.email"],
    filters: { id: ids },
  })
  return (data as EmployeeRow[]).filter((e) => e.org?.id === orgId)
}

/** What students see as an employee's name before a profile says otherwise. */
export function employeeName(e: Pick<EmployeeRow, "display_name" | "user">): string {
  const full = [e.user?.first_name, e.user?.last_name].filter(Boolean).join(" ").trim()
  return (e.display_name || full || e.user?.email?.split("@")[0] || "Instructor").slice(0, 120)
}

/**
 * For a course update that names instructors: each must be an active employee of the
 * course's org (400 naming the first that is not; another org's id is not confirmed),
 * and returns the profiles to create for those who have none yet. Reads only.
 */
export const planInstructorProfilesStep = createStep(
  "plan-instructor-profiles",
  async ({ id, instructor_ids }: { id: string; instructor_ids?: string[] | null }, { container }) => {
    if (!instructor_ids?.length) return new StepResponse([] as NewInstructorProfile[])
    const service = container.resolve<CourseModuleService>(COURSE_MODULE)
    const [course] = await service.listCourses({ id }, { take: 1, select: ["id", "org_id"] })
    if (!course) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${id}" was not found`)
    const employees = await orgEmployees(container, course.org_id, instructor_ids)
    const byId = new Map(employees.map((e) => [e.id, e]))
    const missing = instructor_ids.find((eid) => byId.get(eid)?.status !== "active")
    if (missing) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `instructor_ids: "${missing}" is not an active staff member of this course's org`)
    }
    const existing = await service.listCourseInstructors({ org_id: course.org_id, employee_id: instructor_ids }, { select: ["employee_id"] })
    const have = new Set(existing.map((p) => p.employee_id))
    return new StepResponse(
      instructor_ids
        .filter((eid) => !have.has(eid))
        .map((eid) => {
          // Every named id is an active employee (checked above).
          const e = byId.get(eid)!
          return { org_id: course.org_id, employee_id: eid, name: employeeName(e), headline: e.title ?? null, bio: e.bio ?? null }
        })
    )
  }
)
