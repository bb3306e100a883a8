import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"

export type SetCourseTranslationsInput = {
  org_id: string
  locale: string
  /** Already checked by the route: each entity belongs to the course, each field to its type. */
  translations: { entity_type: string; entity_id: string; field: string; value: string | null }[]
}

/**
 * The one write, in one database transaction (the module's setTranslations): all rows or
 * none. It is the workflow's only step, so there is nothing after it to roll back for.
 */
export const writeCourseTranslationsStep = createStep("write-course-translations", async (input: SetCourseTranslationsInput, { container }) => {
  const result = await container.resolve<CourseModuleService>(COURSE_MODULE).setTranslations(input.org_id, input.locale, input.translations)
  return new StepResponse(result)
})

/** Sets or removes translations of a course's texts in one of its org's locales. */
export const setCourseTranslationsWorkflow = createWorkflow("set-course-translations", (input: SetCourseTranslationsInput) => {
  return new WorkflowResponse(writeCourseTranslationsStep(input))
})
