import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { InferTypeOf } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { AssignmentSubmission } from "../../modules/course/models/assignment-submission"
import type { QuizAttempt } from "../../modules/course/models/quiz-attempt"
import { publicQuestion, QuestionResult, QuizAnswer, QuizQuestion, reviewedQuestion } from "../../rules/grade-quiz"
import { findStoreCourse, gateLesson, sendGateRefusal } from "./store-courses"

/**
 * The lesson gate for assessment routes, in DESIGN.md order, then: a customer login (401),
 * an enrollment with a tier (400), and a lesson of the right type (404 otherwise).
 * Returns null when the gate refusal was already sent.
 */
export async function gateEnrolledLesson(req: MedusaStoreRequest, res: MedusaResponse, type: "quiz" | "assignment") {
  const course = await findStoreCourse(req, req.params.id_or_handle, { placementId: req.params.placement_id })
  const gate = await gateLesson(req, course, req.params.placement_id)
  if (!gate.decision.allowed) {
    await sendGateRefusal(req, res, course, gate.decision)
    return null
  }
  if (!gate.access.customerId) {
    res.status(401).json({ type: "unauthorized", code: "auth_required", message: "Log in to take this lesson" })
    return null
  }
  if (gate.lesson.type !== type) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `This lesson is not ${type === "quiz" ? "a quiz" : "an assignment"}`)
  }
  if (!gate.access.enrollment || gate.access.tier < 1) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "You are not enrolled in this course")
  }
  return { course, ...gate, enrollment: gate.access.enrollment, customerId: gate.access.customerId as string }
}

/** Attempt fields a store response may carry (never `questions` or `answers` raw). */
export const ATTEMPT_FIELDS = [
  "id", "enrollment_id", "placement_id", "lesson_id", "number", "status", "started_at", "deadline_at", "submitted_at",
  "passing_score", "show_explanations", "questions", "answers", "results", "score_points", "max_points", "score_percent", "passed",
]

/** An attempt as ATTEMPT_FIELDS selects it; its JSON columns are read as what the quiz rules write. */
export type PresentedAttempt = Pick<
  InferTypeOf<typeof QuizAttempt>,
  | "id" | "number" | "status" | "started_at" | "deadline_at" | "submitted_at" | "passing_score" | "max_points"
  | "score_points" | "score_percent" | "passed" | "show_explanations"
> & { questions: unknown; answers?: unknown; results?: unknown }

/**
 * An attempt as the student sees it: while open, the questions without any key; once
 * graded (submitted or expired), each question with the points it earned, and the key and
 * explanation only when the quiz shows explanations.
 */
export function presentAttempt(a: PresentedAttempt) {
  const questions = (a.questions ?? []) as QuizQuestion[]
  const open = a.status === "in_progress"
  const answers = new Map(((a.answers ?? []) as QuizAnswer[]).map((x) => [x.question_id, x]))
  const results = new Map(((a.results ?? []) as QuestionResult[]).map((r) => [r.question_id, r]))
  return {
    id: a.id,
    number: a.number,
    status: a.status,
    started_at: a.started_at,
    deadline_at: a.deadline_at ?? null,
    submitted_at: a.submitted_at ?? null,
    passing_score: a.passing_score,
    max_points: a.max_points,
    score_points: open ? null : a.score_points,
    score_percent: open ? null : a.score_percent,
    passed: open ? null : a.passed,
    questions: open
      ? questions.map(publicQuestion)
      : questions.map((q) => reviewedQuestion(q, results.get(q.id), answers.get(q.id), !!a.show_explanations)),
  }
}

/** A submission as its student sees it (the file by name only). */
export function presentSubmission(
  s: Pick<
    InferTypeOf<typeof AssignmentSubmission>,
    "id" | "status" | "text" | "file_id" | "file_name" | "file_mime_type" | "feedback" | "reviewed_at" | "created_at"
  >
) {
  return {
    id: s.id,
    status: s.status,
    text: s.text ?? null,
    file: s.file_id ? { name: s.file_name, mime_type: s.file_mime_type ?? null } : null,
    feedback: s.feedback ?? null,
    reviewed_at: s.reviewed_at ?? null,
    created_at: s.created_at,
  }
}
