import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { assertCoursePublishableStep, findCourseStep, validateCourseUpdateStep, validateNewCourseStep } from "./steps/course-checks"
import { planInstructorProfilesStep } from "./steps/instructor-checks"
import { createCourseInstructorsStep, createCoursesStep, softDeleteCoursesStep, updateCoursesStep } from "./steps/records"

export type CourseFields = {
  handle?: string
  title?: string
  subtitle?: string | null
  description?: string | null
  level?: "beginner" | "intermediate" | "advanced" | null
  difficulty?: number
  language?: string | null
  thumbnail?: string | null
  estimated_minutes?: number | null
  certificates_enabled?: boolean
  lead_magnet?: boolean
  /** Employee ids of the org's staff; a profile is created for each who has none. */
  instructor_ids?: string[] | null
  tier_details?: { tier: number; name?: string | null; includes?: string[] }[] | null
  faq?: { question: string; answer: string }[] | null
}
export type CreateCourseWorkflowInput = CourseFields & { product_id: string; handle: string; title: string }

const idEvent = (eventName: string, course: any) =>
  emitEventStep({ eventName, data: transform({ course }, ({ course }) => ({ id: course.id })) })

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

export const updateCourseWorkflow = createWorkflow("update-course", (input: CourseFields & { id: string }) => {
  validateCourseUpdateStep({ id: input.id, handle: input.handle })
  const profiles = planInstructorProfilesStep({ id: input.id, instructor_ids: input.instructor_ids })
  createCourseInstructorsStep(profiles)
  const updated = updateCoursesStep(transform({ input }, ({ input }) => [input]))
  const course = transform({ updated }, ({ updated }) => updated[0])
  idEvent(CourseEvents.COURSE_UPDATED, course)
  return new WorkflowResponse(course)
})

/** Soft-deletes a course with its outline (library lessons stay). */
export const deleteCourseWorkflow = createWorkflow("delete-course", (input: { id: string }) => {
  const course = findCourseStep({ id: input.id })
  softDeleteCoursesStep(transform({ input }, ({ input }) => [input.id]))
  idEvent(CourseEvents.COURSE_DELETED, course)
  return new WorkflowResponse(transform({ input }, ({ input }) => input.id))
})

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
