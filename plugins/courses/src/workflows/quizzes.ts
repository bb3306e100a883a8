import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { gradeQuiz, QuizAnswer, QuizQuestion, quizDefinitionProblems, shuffleWithSeed } from "../rules/grade-quiz"
import { recordLessonProgressWorkflow } from "./progress"
import { createLessonQuizStep, createQuizAttemptsStep, updateLessonQuizStep, updateQuizAttemptsStep } from "./steps/records"

/** Seconds after the deadline a submission is still graded (network, clocks). */
export const QUIZ_SUBMIT_GRACE_SECONDS = 30

const courses = (container: any) => container.resolve(COURSE_MODULE) as CourseModuleService

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
  const updated = updateLessonQuizStep(transform({ plan }, ({ plan }) => plan.update as any))
  const quiz = transform({ created, updated }, ({ created, updated }) => (created[0] ?? updated[0]) as any)
  emitEventStep({ eventName: AssessmentEvents.QUIZ_SAVED, data: transform({ quiz }, ({ quiz }) => ({ id: quiz.id })) })
  return new WorkflowResponse(quiz)
})

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
  updateQuizAttemptsStep(transform({ plan }, ({ plan }) => plan.expire as any))
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
  const updated = updateQuizAttemptsStep(transform({ graded }, ({ graded }) => [graded.update] as any))
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
      attempt: updated[0] as any,
      course_progress_percent: (progress as any)?.course_progress_percent ?? null,
    }))
  )
})
