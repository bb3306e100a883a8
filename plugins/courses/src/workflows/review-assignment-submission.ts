import type { MedusaContainer } from "@medusajs/framework/types"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { recordLessonProgressWorkflow } from "./progress"
import { updateAssignmentSubmissionsStep } from "./steps/records"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type ReviewAssignmentInput = { id: string; status: "passed" | "failed"; feedback?: string | null; reviewed_by: string }

/** Only a submission waiting for review can be graded (409 otherwise). */
export const planAssignmentReviewStep = createStep("plan-assignment-review", async (input: ReviewAssignmentInput, { container }) => {
  const [submission] = await courses(container).listAssignmentSubmissions(
    { id: input.id },
    { take: 1, select: ["id", "status", "enrollment_id", "placement_id"] }
  )
  if (!submission) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Submission "${input.id}" was not found`)
  if (submission.status !== "submitted") {
    throw new MedusaError(MedusaError.Types.CONFLICT, `This submission was already reviewed (${submission.status})`)
  }
  return new StepResponse({
    update: { id: submission.id, status: input.status, feedback: input.feedback ?? null, reviewed_by: input.reviewed_by, reviewed_at: new Date() },
    enrollment_id: submission.enrollment_id as string,
    placement_id: submission.placement_id as string,
  })
})

/** Staff grade a submission pass/fail with feedback; a pass completes the lesson for the student. */
export const reviewAssignmentSubmissionWorkflow = createWorkflow("review-assignment-submission", (input: ReviewAssignmentInput) => {
  const lockKey = transform({ input }, ({ input }) => `courses:assignment-review:${input.id}`)
  acquireLockStep({ key: lockKey, timeout: 15, ttl: 30 })
  const plan = planAssignmentReviewStep(input)
  const updated = updateAssignmentSubmissionsStep(transform({ plan }, ({ plan }) => [plan.update]))
  when({ input }, ({ input }) => input.status === "passed").then(() =>
    recordLessonProgressWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }) => ({
        enrollment_id: plan.enrollment_id,
        placement_id: plan.placement_id,
        status: "completed" as const,
      })),
    })
  )
  emitEventStep({
    eventName: AssessmentEvents.ASSIGNMENT_REVIEWED,
    data: transform({ input }, ({ input }) => ({ id: input.id })),
  })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
})
