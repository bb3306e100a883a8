import type { MedusaContainer } from "@medusajs/framework/types"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { createAssignmentSubmissionsStep } from "./steps/records"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type AssignmentFileInput = { name: string; mime_type: string; content_base64: string }

export type SubmitAssignmentInput = {
  org_id: string
  course_id: string
  enrollment_id: string
  customer_id: string
  placement_id: string
  lesson_id: string
  text?: string | null
  file?: AssignmentFileInput | null
}

/** One submission waits for review at a time, and a passed assignment takes no more. */
export const checkAssignmentSubmittableStep = createStep(
  "check-assignment-submittable",
  async (input: SubmitAssignmentInput, { container }) => {
    const open = await courses(container).listAssignmentSubmissions(
      { enrollment_id: input.enrollment_id, placement_id: input.placement_id, status: ["submitted", "passed"] },
      { select: ["id", "status"] }
    )
    if (open.some((s) => s.status === "passed")) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This assignment was already passed")
    }
    if (open.length) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Your previous submission is waiting for review")
    }
    return new StepResponse(true)
  }
)

/** Stores the file through Medusa's file module (private); compensation deletes it. */
export const uploadSubmissionFileStep = createStep(
  "upload-submission-file",
  async (file: AssignmentFileInput | null | undefined, { container }) => {
    if (!file) return new StepResponse(null, null)
    const files = container.resolve(Modules.FILE)
    const [stored] = await files.createFiles([
      { filename: file.name, mimeType: file.mime_type, content: file.content_base64, access: "private" },
    ])
    return new StepResponse({ id: stored.id, name: file.name, mime_type: file.mime_type }, stored.id)
  },
  async (fileId, { container }) => {
    if (!fileId) return
    await container.resolve(Modules.FILE).deleteFiles([fileId])
  }
)

/** A student's text and/or file for an assignment lesson, waiting for staff review. */
export const submitAssignmentWorkflow = createWorkflow("submit-assignment", (input: SubmitAssignmentInput) => {
  const lockKey = transform({ input }, ({ input }) => `courses:assignment:${input.enrollment_id}:${input.placement_id}`)
  acquireLockStep({ key: lockKey, timeout: 15, ttl: 60 })
  checkAssignmentSubmittableStep(input)
  const file = uploadSubmissionFileStep(transform({ input }, ({ input }) => input.file ?? null))
  const created = createAssignmentSubmissionsStep(
    transform({ input, file }, ({ input, file }) => {
      const { file: _ignored, ...rest } = input
      return [
        {
          ...rest,
          text: input.text ?? null,
          file_id: file?.id ?? null,
          file_name: file?.name ?? null,
          file_mime_type: file?.mime_type ?? null,
          status: "submitted",
        },
      ]
    })
  )
  emitEventStep({
    eventName: AssessmentEvents.ASSIGNMENT_SUBMITTED,
    data: transform({ created }, ({ created }) => ({ id: created[0].id })),
  })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
})
