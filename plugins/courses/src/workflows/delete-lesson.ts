import type { MedusaContainer } from "@medusajs/framework/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { softDeleteLessonsStep } from "./steps/records"
import { lessonUsage } from "./steps/lesson-usage"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

/** A placed lesson cannot be deleted: 400 listing every place it is used in. */
export const assertLessonUnusedStep = createStep("assert-lesson-unused", async ({ id }: { id: string }, { container }) => {
  const service = courses(container)
  const [lesson] = await service.listLessons({ id }, { take: 1, select: ["id", "title"] })
  if (!lesson) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lesson "${id}" was not found`)
  const uses = (await lessonUsage(service, [id])).get(id)!
  if (uses.length) {
    const where = uses.map((u) => `${u.course_title} > ${u.module_title} > ${u.section_title}`).join("; ")
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Lesson "${lesson.title}" is used in ${uses.length} place(s) and cannot be deleted: ${where}. Remove it from those sections first.`
    )
  }
  return new StepResponse(true)
})

export const deleteLessonWorkflow = createWorkflow("delete-lesson", (input: { id: string }) => {
  assertLessonUnusedStep(input)
  softDeleteLessonsStep(transform({ input }, ({ input }) => [input.id]))
  emitEventStep({ eventName: CourseEvents.LESSON_DELETED, data: transform({ input }, ({ input }) => ({ id: input.id })) })
  return new WorkflowResponse(transform({ input }, ({ input }) => input.id))
})
