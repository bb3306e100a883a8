import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { findCourseStep } from "./steps/course-checks"
import { softDeleteCoursesStep } from "./steps/records"
import { idEvent } from "./steps/course-shared"

/** Soft-deletes a course with its outline (library lessons stay). */
export const deleteCourseWorkflow = createWorkflow("delete-course", (input: { id: string }) => {
  const course = findCourseStep({ id: input.id })
  softDeleteCoursesStep(transform({ input }, ({ input }) => [input.id]))
  idEvent(CourseEvents.COURSE_DELETED, course)
  return new WorkflowResponse(transform({ input }, ({ input }) => input.id))
})
