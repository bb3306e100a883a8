import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { validateCourseUpdateStep } from "./steps/course-checks"
import { planInstructorProfilesStep } from "./steps/instructor-checks"
import { createCourseInstructorsStep, updateCoursesStep } from "./steps/records"
import { idEvent, type CourseFields } from "./steps/course-shared"

export const updateCourseWorkflow = createWorkflow("update-course", (input: CourseFields & { id: string }) => {
  validateCourseUpdateStep({ id: input.id, handle: input.handle })
  const profiles = planInstructorProfilesStep({ id: input.id, instructor_ids: input.instructor_ids })
  createCourseInstructorsStep(profiles)
  const updated = updateCoursesStep(transform({ input }, ({ input }) => [input]))
  const course = transform({ updated }, ({ updated }) => updated[0])
  idEvent(CourseEvents.COURSE_UPDATED, course)
  return new WorkflowResponse(course)
})
