import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { createLessonsStep } from "./steps/records"
import { type LessonFields } from "./steps/lesson-fields"

export const createLessonWorkflow = createWorkflow("create-lesson", (input: LessonFields & { org_id: string; title: string }) => {
  const created = createLessonsStep(transform({ input }, ({ input }) => [input]))
  const lesson = transform({ created }, ({ created }) => created[0])
  emitEventStep({ eventName: CourseEvents.LESSON_CREATED, data: transform({ lesson }, ({ lesson }) => ({ id: lesson.id })) })
  return new WorkflowResponse(lesson)
})
