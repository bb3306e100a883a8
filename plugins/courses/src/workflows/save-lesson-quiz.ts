import type { MedusaContainer } from "@medusajs/framework/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { QuizQuestion, quizDefinitionProblems } from "../rules/grade-quiz"
import { createLessonQuizStep, updateLessonQuizStep } from "./steps/records"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type SaveLessonQuizInput = {
  lesson_id: string
  passing_score?: number
  time_limit_seconds?: number | null
  attempts_limit?: number | null
  shuffle?: boolean
  show_explanations?: boolean
  required?: boolean
  questions: QuizQuestion[]
}

/** Create or update: the lesson must be a quiz lesson and the questions a valid definition. */
export const planLessonQuizStep = createStep("plan-lesson-quiz", async (input: SaveLessonQuizInput, { container }) => {
  const service = courses(container)
  const [lesson] = await service.listLessons({ id: input.lesson_id }, { take: 1, select: ["id", "org_id", "type"] })
  if (!lesson) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lesson "${input.lesson_id}" was not found`)
  if (lesson.type !== "quiz") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Lesson "${lesson.id}" is of type ${lesson.type}: only quiz lessons have a quiz`)
  }
  const problems = quizDefinitionProblems(input.questions)
  if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
  const [existing] = await service.listQuizDefinitions({ lesson_id: lesson.id }, { take: 1, select: ["id"] })
  const { lesson_id, ...fields } = input
  return new StepResponse({
    create: existing ? [] : [{ ...fields, lesson_id, org_id: lesson.org_id }],
    update: existing ? [{ ...fields, id: existing.id }] : [],
  })
})

/** Saves the quiz of a quiz lesson (settings and questions with their key) as a whole. */
export const saveLessonQuizWorkflow = createWorkflow("save-lesson-quiz", (input: SaveLessonQuizInput) => {
  const plan = planLessonQuizStep(input)
  const created = createLessonQuizStep(transform({ plan }, ({ plan }) => plan.create))
  const updated = updateLessonQuizStep(transform({ plan }, ({ plan }) => plan.update))
  const quiz = transform({ created, updated }, ({ created, updated }) => created[0] ?? updated[0])
  emitEventStep({ eventName: AssessmentEvents.QUIZ_SAVED, data: transform({ quiz }, ({ quiz }) => ({ id: quiz.id })) })
  return new WorkflowResponse(quiz)
})
