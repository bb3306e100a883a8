import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { updateLessonsStep } from "./steps/records"
import { type LessonFields } from "./steps/lesson-fields"

/** Edits a library lesson: every course it is placed in shows the change. */
export const updateLessonWorkflow = createWorkflow("update-lesson", (input: LessonFields & { id: string }) => {
  const updated = updateLessonsStep(transform({ input }, ({ input }) => [input]))
  const lesson = transform({ updated }, ({ updated }) => updated[0])
  emitEventStep({ eventName: CourseEvents.LESSON_UPDATED, data: transform({ lesson }, ({ lesson }) => ({ id: lesson.id })) })
  return new WorkflowResponse(lesson)
})
