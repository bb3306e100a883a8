import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { assertCoursePublishableStep } from "./steps/course-checks"
import { updateCoursesStep } from "./steps/records"
import { idEvent } from "./steps/course-shared"

/** Publishes a course whose product has at least one variant with an access plan. */
export const publishCourseWorkflow = createWorkflow("publish-course", (input: { id: string }) => {
  assertCoursePublishableStep({ id: input.id })
  const updated = updateCoursesStep(
    transform({ input }, ({ input }) => [{ id: input.id, status: "published", published_at: new Date() }])
  )
  const course = transform({ updated }, ({ updated }) => updated[0])
  idEvent(CourseEvents.COURSE_PUBLISHED, course)
  return new WorkflowResponse(course)
})
