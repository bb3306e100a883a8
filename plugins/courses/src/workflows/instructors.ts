import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { employeeName, orgEmployees } from "./steps/instructor-checks"
import { createCourseInstructorsStep, updateCourseInstructorsStep } from "./steps/records"

export type SaveInstructorProfileInput = {
  org_id: string
  employee_id: string
  name?: string
  headline?: string | null
  bio?: string | null
  photo_url?: string | null
}

/**
 * Create or update plan for an employee's profile: 404 unless the employee is staff of the
 * org (an id of another org is never confirmed). Reads only.
 */
const planInstructorProfileStep = createStep(
  "plan-instructor-profile",
  async (input: SaveInstructorProfileInput, { container }) => {
    const [employee] = await orgEmployees(container, input.org_id, [input.employee_id])
    if (!employee) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Employee "${input.employee_id}" was not found`)
    const service = container.resolve<CourseModuleService>(COURSE_MODULE)
    const [existing] = await service.listCourseInstructors({ org_id: input.org_id, employee_id: input.employee_id }, { take: 1, select: ["id"] })
    const { org_id, employee_id, ...fields } = input
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    return new StepResponse(
      existing
        ? { create: [], update: [{ id: existing.id, ...changes }] }
        : {
            create: [{ org_id, employee_id, name: employeeName(employee), headline: employee.title ?? null, bio: employee.bio ?? null, ...changes }],
            update: [],
          }
    )
  }
)

/** An employee's public instructor profile (created on first save). */
export const saveInstructorProfileWorkflow = createWorkflow("save-instructor-profile", (input: SaveInstructorProfileInput) => {
  const plan = planInstructorProfileStep(input)
  const created = createCourseInstructorsStep(transform({ plan }, ({ plan }) => plan.create))
  const updated = updateCourseInstructorsStep(transform({ plan }, ({ plan }) => plan.update))
  return new WorkflowResponse(transform({ created, updated }, ({ created, updated }) => created[0] ?? updated[0]))
})
