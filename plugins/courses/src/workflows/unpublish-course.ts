import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { findCourseStep } from "./steps/course-checks"
import { updateCoursesStep } from "./steps/records"
import { idEvent } from "./steps/course-shared"

/** Back to draft (or archived): invisible on the store, enrollments and progress kept. */
export const unpublishCourseWorkflow = createWorkflow(
  "unpublish-course",
  (input: { id: string; status?: "draft" | "archived" }) => {
    findCourseStep({ id: input.id })
    const updated = updateCoursesStep(transform({ input }, ({ input }) => [{ id: input.id, status: input.status ?? "draft" }]))
    const course = transform({ updated }, ({ updated }) => updated[0])
    idEvent(CourseEvents.COURSE_UNPUBLISHED, course)
    return new WorkflowResponse(course)
  }
)
