import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { validateNewCourseStep } from "./steps/course-checks"
import { createCoursesStep } from "./steps/records"
import { idEvent, type CourseFields } from "./steps/course-shared"

export type CreateCourseWorkflowInput = CourseFields & { product_id: string; handle: string; title: string }

/** A draft course for a product of an org (the product's org owns it). */
export const createCourseWorkflow = createWorkflow("create-course", (input: CreateCourseWorkflowInput) => {
  const orgId = validateNewCourseStep({ product_id: input.product_id, handle: input.handle })
  const created = createCoursesStep(
    transform({ input, orgId }, ({ input, orgId }) => [{ ...input, org_id: orgId, status: "draft" }])
  )
  const course = transform({ created }, ({ created }) => created[0])
  idEvent(CourseEvents.COURSE_CREATED, course)
  return new WorkflowResponse(course)
})
