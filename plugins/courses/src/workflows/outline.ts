import type { MedusaContainer } from "@medusajs/framework/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { OutlineInput, OutlinePlan, planOutline } from "../rules/plan-outline"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type ApplyCourseOutlineInput = { course_id: string; outline: OutlineInput }

/** Checks the payload against what exists (rules/plan-outline.ts); 400 listing every problem. */
export const planCourseOutlineStep = createStep(
  "plan-course-outline",
  async ({ course_id, outline }: ApplyCourseOutlineInput, { container }) => {
    const service = courses(container)
    const [course] = await service.listCourses({ id: course_id }, { take: 1, select: ["id", "org_id"] })
    if (!course) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${course_id}" was not found`)
    const rows = await service.readOutlineRows(course_id)
    const lessonIds = [
      ...new Set(outline.modules.flatMap((m) => (m.sections ?? []).flatMap((s) => (s.lessons ?? []).map((p) => p.lesson_id)))),
    ]
    const orgLessons = lessonIds.length
      ? await service.listLessons({ id: lessonIds, org_id: course.org_id }, { select: ["id"] })
      : []
    const result = planOutline(
      course_id,
      outline,
      {
        modules: rows.modules.map((r) => r.id),
        sections: rows.sections.map((r) => r.id),
        placements: rows.placements.map((r) => r.id),
      },
      new Set(orgLessons.map((l) => l.id)),
      {
        module: () => generateEntityId(undefined, "cmod"),
        section: () => generateEntityId(undefined, "csec"),
        placement: () => generateEntityId(undefined, "cpl"),
      }
    )
    if (!result.ok) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid outline: ${result.problems.join("; ")}`)
    }
    return new StepResponse(result.plan)
  }
)

/** Applies the plan in one transaction; compensation puts the recorded outline back. */
export const applyCourseOutlineStep = createStep(
  "apply-course-outline",
  async ({ course_id, plan }: { course_id: string; plan: OutlinePlan }, { container }) => {
    const service = courses(container)
    const snapshot = await service.snapshotOutline(course_id)
    await service.applyOutline(plan)
    return new StepResponse(true, { course_id, snapshot })
  },
  async (undo, { container }) => {
    if (!undo) return
    await courses(container).restoreOutline(undo.course_id, undo.snapshot)
  }
)

/**
 * Creates, renames, reorders, moves and removes modules, sections and lesson placements
 * of a course in one go: the payload is the whole tree (see rules/plan-outline.ts).
 */
export const applyCourseOutlineWorkflow = createWorkflow("apply-course-outline", (input: ApplyCourseOutlineInput) => {
  const plan = planCourseOutlineStep(input)
  applyCourseOutlineStep(transform({ input, plan }, ({ input, plan }) => ({ course_id: input.course_id, plan })))
  emitEventStep({
    eventName: CourseEvents.OUTLINE_UPDATED,
    data: transform({ input }, ({ input }) => ({ id: input.course_id })),
  })
  return new WorkflowResponse(transform({ input }, ({ input }) => input.course_id))
})
