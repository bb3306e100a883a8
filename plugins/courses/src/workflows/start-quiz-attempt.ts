import type { MedusaContainer } from "@medusajs/framework/types"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { QuizQuestion, shuffleWithSeed } from "../rules/grade-quiz"
import { createQuizAttemptsStep, updateQuizAttemptsStep } from "./steps/records"
import { QUIZ_SUBMIT_GRACE_SECONDS } from "./steps/quiz-timing"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type StartQuizAttemptInput = { enrollment_id: string; placement_id: string; lesson_id: string; now?: Date }

/**
 * What starting means now: resume the open attempt when its time has not run out; mark
 * open attempts past their deadline (plus grace) expired; refuse when the attempts limit is
 * used up; otherwise a new attempt with a snapshot of the questions (shuffled if asked).
 */
export const planQuizAttemptStep = createStep("plan-quiz-attempt", async (input: StartQuizAttemptInput, { container }) => {
  const service = courses(container)
  const now = input.now ?? new Date()
  const [quiz] = await service.listQuizDefinitions({ lesson_id: input.lesson_id }, { take: 1 })
  if (!quiz || !((quiz.questions as unknown as QuizQuestion[]) ?? []).length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "This lesson has no quiz yet")
  }
  const attempts = await service.listQuizAttempts(
    { enrollment_id: input.enrollment_id, placement_id: input.placement_id },
    { select: ["id", "number", "status", "deadline_at"], order: { number: "ASC" } }
  )
  const graceMs = QUIZ_SUBMIT_GRACE_SECONDS * 1000
  const open = attempts.filter((a) => a.status === "in_progress")
  const expired = open.filter((a) => a.deadline_at && new Date(a.deadline_at).getTime() + graceMs < now.getTime())
  const resumable = open.find((a) => !expired.includes(a))
  if (resumable) return new StepResponse({ resume_id: resumable.id as string | null, expire: [], create: [] })
  if (quiz.attempts_limit && attempts.length >= quiz.attempts_limit) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `attempts: all ${quiz.attempts_limit} attempts of this quiz are used`
    )
  }
  const questions = quiz.questions as unknown as QuizQuestion[]
  const number = (attempts.at(-1)?.number ?? 0) + 1
  const ordered = quiz.shuffle ? shuffleWithSeed(questions, `${input.enrollment_id}:${input.placement_id}:${number}`) : questions
  return new StepResponse({
    resume_id: null as string | null,
    expire: expired.map((a) => ({ id: a.id, status: "expired", score_points: 0, score_percent: 0, passed: false })),
    create: [
      {
        enrollment_id: input.enrollment_id,
        placement_id: input.placement_id,
        lesson_id: input.lesson_id,
        number,
        status: "in_progress",
        started_at: now,
        deadline_at: quiz.time_limit_seconds ? new Date(now.getTime() + quiz.time_limit_seconds * 1000) : null,
        passing_score: quiz.passing_score,
        show_explanations: quiz.show_explanations,
        questions: ordered,
        max_points: ordered.reduce((s, q) => s + q.points, 0),
      },
    ],
  })
})

/**
 * Starts (or resumes) an attempt. A lock on (enrollment, placement) and the unique
 * attempt number make the attempts limit hold under concurrent starts.
 */
export const startQuizAttemptWorkflow = createWorkflow("start-quiz-attempt", (input: StartQuizAttemptInput) => {
  const lockKey = transform({ input }, ({ input }) => `courses:quiz:${input.enrollment_id}:${input.placement_id}`)
  acquireLockStep({ key: lockKey, timeout: 15, ttl: 30 })
  const plan = planQuizAttemptStep(input)
  updateQuizAttemptsStep(transform({ plan }, ({ plan }) => plan.expire))
  const created = createQuizAttemptsStep(transform({ plan }, ({ plan }) => plan.create))
  when({ created }, ({ created }) => created.length > 0).then(() =>
    emitEventStep({
      eventName: AssessmentEvents.QUIZ_ATTEMPT_STARTED,
      data: transform({ created }, ({ created }) => ({ id: created[0].id })),
    })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(
    transform({ plan, created }, ({ plan, created }) => ({ attempt_id: (created[0]?.id ?? plan.resume_id) as string, resumed: !created.length }))
  )
})
