import type { MedusaContainer } from "@medusajs/framework/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import type { AccessModuleService } from "@volmify/access/modules/access"
import { buildOutline } from "../rules/build-outline"
import { courseProgressPercent, isCourseComplete } from "../rules/course-progress"
import { createLessonProgressStep, updateEnrollmentsStep, updateLessonProgressStep } from "./steps/records"

/** The route has already run the lesson gate for this customer and placement. */
export type RecordLessonProgressInput = {
  enrollment_id: string
  placement_id: string
  status: "in_progress" | "completed"
  position_seconds?: number
}

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

/**
 * A quiz lesson whose quiz is required counts as completed only with a passed attempt; an
 * assignment lesson only with a submission staff passed. Other lessons: whenever the student says.
 */
async function assertLessonCompletable(service: CourseModuleService, input: RecordLessonProgressInput) {
  const [placement] = await service.listSectionLessons({ id: input.placement_id }, { take: 1, select: ["id", "lesson_id"] })
  if (!placement) return
  const [lesson] = await service.listLessons({ id: placement.lesson_id }, { take: 1, select: ["id", "type"] })
  const where = { enrollment_id: input.enrollment_id, placement_id: input.placement_id }
  if (lesson?.type === "quiz") {
    const [quiz] = await service.listQuizDefinitions({ lesson_id: lesson.id }, { take: 1, select: ["id", "required"] })
    if (!quiz || !quiz.required) return
    const [passed] = await service.listQuizAttempts({ ...where, passed: true }, { take: 1, select: ["id"] })
    if (!passed) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "status: pass the quiz to complete this lesson")
  }
  if (lesson?.type === "assignment") {
    const [passed] = await service.listAssignmentSubmissions({ ...where, status: "passed" }, { take: 1, select: ["id"] })
    if (!passed) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "status: this assignment completes when staff pass your submission")
  }
}

/** Create or update: what the progress row should become. A completed lesson stays completed. */
export const planLessonProgressStep = createStep(
  "plan-lesson-progress",
  async (input: RecordLessonProgressInput, { container }) => {
    const [existing] = await courses(container).listLessonProgresses(
      { enrollment_id: input.enrollment_id, placement_id: input.placement_id },
      { take: 1, select: ["id", "status", "position_seconds", "completed_at"] }
    )
    const completing = input.status === "completed" && existing?.status !== "completed"
    if (completing) await assertLessonCompletable(courses(container), input)
    const row: Record<string, unknown> = {
      status: existing?.status === "completed" ? "completed" : input.status,
      position_seconds: input.position_seconds ?? existing?.position_seconds ?? 0,
      completed_at: completing ? new Date() : existing?.completed_at ?? null,
    }
    return new StepResponse({
      create: existing ? [] : [{ ...row, enrollment_id: input.enrollment_id, placement_id: input.placement_id }],
      update: existing ? [{ ...row, id: existing.id }] : [],
    })
  }
)

/** Course progress after the change, and whether the enrollment just became complete. */
export const evaluateEnrollmentStep = createStep(
  "evaluate-enrollment",
  async ({ enrollment_id }: { enrollment_id: string }, { container }) => {
    const service = courses(container)
    const [enrollment] = await service.listEnrollments(
      { id: enrollment_id },
      { take: 1, select: ["id", "customer_id", "course_id", "status", "started_at"] }
    )
    // Deleted between the plan and here (a course removed, an enrollment revoked): a 404, not a TypeError.
    if (!enrollment) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Enrollment "${enrollment_id}" was not found`)
    const [course] = await service.listCourses({ id: enrollment.course_id }, { take: 1, select: ["id", "product_id", "status"] })
    if (!course) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${enrollment.course_id}" was not found`)
    const [rows, done, tier] = await Promise.all([
      service.readOutlineRows(course.id),
      service.listLessonProgresses({ enrollment_id, status: "completed" }, { select: ["placement_id"] }),
      container.resolve<AccessModuleService>("access").getCustomerTier(enrollment.customer_id, course.product_id),
    ])
    const { placements } = buildOutline(rows, {
      course_status: course.status,
      customer_id: enrollment.customer_id,
      customer_tier: tier,
      enrolled_at: enrollment.started_at,
      completed_placement_ids: new Set(),
    })
    const completed = done.map((d) => d.placement_id)
    return new StepResponse({
      percent: courseProgressPercent(placements, tier, completed),
      completes: enrollment.status === "active" && isCourseComplete(placements, tier, completed),
    })
  }
)

/** Records a customer's progress on a lesson and completes the enrollment when all is done. */
export const recordLessonProgressWorkflow = createWorkflow(
  "record-lesson-progress",
  (input: RecordLessonProgressInput) => {
    const plan = planLessonProgressStep(input)
    const created = createLessonProgressStep(transform({ plan }, ({ plan }) => plan.create))
    const updated = updateLessonProgressStep(transform({ plan }, ({ plan }) => plan.update))
    const evaluation = evaluateEnrollmentStep({ enrollment_id: input.enrollment_id })
    when({ evaluation }, ({ evaluation }) => evaluation.completes).then(() => {
      updateEnrollmentsStep(
        transform({ input }, ({ input }) => [{ id: input.enrollment_id, status: "completed", completed_at: new Date() }])
      )
      emitEventStep({
        eventName: CourseEvents.ENROLLMENT_COMPLETED,
        data: transform({ input }, ({ input }) => ({ id: input.enrollment_id })),
      })
    })
    emitEventStep({
      eventName: CourseEvents.PROGRESS_RECORDED,
      data: transform({ input }, ({ input }) => ({ enrollment_id: input.enrollment_id, placement_id: input.placement_id })),
    }).config({ name: "emit-progress-recorded" })
    return new WorkflowResponse(
      transform({ created, updated, evaluation }, ({ created, updated, evaluation }) => ({
        progress: created[0] ?? updated[0],
        course_progress_percent: evaluation.percent,
      }))
    )
  }
)
