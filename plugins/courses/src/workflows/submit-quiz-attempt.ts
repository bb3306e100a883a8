import type { MedusaContainer } from "@medusajs/framework/types"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { gradeQuiz, QuizAnswer, QuizQuestion } from "../rules/grade-quiz"
import { recordLessonProgressWorkflow } from "./progress"
import { updateQuizAttemptsStep } from "./steps/records"
import { QUIZ_SUBMIT_GRACE_SECONDS } from "./steps/quiz-timing"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type SubmitQuizAttemptInput = { attempt_id: string; enrollment_id: string; answers: QuizAnswer[]; now?: Date }

/**
 * Grades an open attempt of this enrollment. Past deadline + grace it is graded as expired
 * (0 points, not passed, the answers kept but not scored). Submitted twice: 409.
 */
export const gradeQuizAttemptStep = createStep("grade-quiz-attempt", async (input: SubmitQuizAttemptInput, { container }) => {
  const service = courses(container)
  const now = input.now ?? new Date()
  const [attempt] = await service.listQuizAttempts({ id: input.attempt_id, enrollment_id: input.enrollment_id }, { take: 1 })
  if (!attempt) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Attempt "${input.attempt_id}" was not found`)
  if (attempt.status !== "in_progress") {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Attempt ${attempt.number} was already ${attempt.status}`)
  }
  const late = !!attempt.deadline_at && new Date(attempt.deadline_at).getTime() + QUIZ_SUBMIT_GRACE_SECONDS * 1000 < now.getTime()
  const questions = attempt.questions as unknown as QuizQuestion[]
  const grade = gradeQuiz(questions, late ? [] : input.answers, attempt.passing_score)
  const [quiz] = await service.listQuizDefinitions({ lesson_id: attempt.lesson_id }, { take: 1, select: ["required"] })
  return new StepResponse({
    update: {
      id: attempt.id,
      status: late ? "expired" : "submitted",
      submitted_at: now,
      answers: input.answers,
      results: grade.results,
      score_points: grade.score_points,
      score_percent: grade.score_percent,
      passed: late ? false : grade.passed,
    },
    placement_id: attempt.placement_id as string,
    // A required quiz completes its lesson when passed; an optional one on any graded submission.
    completes_lesson: !late && (grade.passed || quiz?.required === false),
  })
})

/** Grades an attempt and, when that completes the lesson, records the progress (and maybe the course). */
export const submitQuizAttemptWorkflow = createWorkflow("submit-quiz-attempt", (input: SubmitQuizAttemptInput) => {
  const lockKey = transform({ input }, ({ input }) => `courses:quiz-attempt:${input.attempt_id}`)
  acquireLockStep({ key: lockKey, timeout: 15, ttl: 30 })
  const graded = gradeQuizAttemptStep(input)
  const updated = updateQuizAttemptsStep(transform({ graded }, ({ graded }) => [graded.update]))
  const progress = when({ graded }, ({ graded }) => graded.completes_lesson).then(() =>
    recordLessonProgressWorkflow.runAsStep({
      input: transform({ graded, input }, ({ graded, input }) => ({
        enrollment_id: input.enrollment_id,
        placement_id: graded.placement_id,
        status: "completed" as const,
      })),
    })
  )
  emitEventStep({
    eventName: AssessmentEvents.QUIZ_ATTEMPT_SUBMITTED,
    data: transform({ input }, ({ input }) => ({ id: input.attempt_id })),
  }).config({ name: "emit-quiz-attempt-submitted" })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(
    transform({ updated, progress }, ({ updated, progress }) => ({
      attempt: updated[0],
      course_progress_percent: progress?.course_progress_percent ?? null,
    }))
  )
})
