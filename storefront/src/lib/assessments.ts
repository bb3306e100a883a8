import "./server-only"
import { VolmifyError, type ResponseOf } from "@volmify/js-sdk"
import { store, StoreError, volmify } from "./medusa"

export type QuizSummary = {
  passing_score: number
  time_limit_seconds: number | null
  attempts_limit: number | null
  attempts_used: number
  show_explanations: boolean
  required: boolean
  question_count: number
  max_points: number
  passed: boolean
}
export type QuizQuestion = {
  id: string
  type: "single_choice" | "multiple_choice" | "true_false" | "short_answer"
  prompt: string
  points: number
  options: { id: string; text: string }[]
  awarded?: number
  correct?: boolean
  answer?: { option_ids: string[]; text: string | null } | null
  correct_option_ids?: string[]
  accepted_answers?: string[]
  explanation?: string | null
}
export type QuizAttempt = {
  id: string
  number: number
  status: "in_progress" | "submitted" | "expired"
  deadline_at: string | null
  score_points: number | null
  score_percent: number | null
  max_points: number
  passing_score: number
  passed: boolean | null
  questions: QuizQuestion[]
}
export type AttemptSummary = { id: string; number: number; status: string; score_percent: number | null; passed: boolean | null; deadline_at: string | null }
export type Submission = {
  id: string
  status: "submitted" | "passed" | "failed"
  text: string | null
  file: { name: string; mime_type: string | null } | null
  feedback: string | null
  reviewed_at: string | null
  created_at: string
}
export type Certificate = { id: string; code: string; course_id: string; course_title: string; student_name: string; org_name: string; issued_at: string; pdf_path: string }

// The API's answers (types generated from the store OpenAPI document) must fit the types
// the pages use: a schema change that breaks a page fails `tsc` here.
type QuizAnswer = ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/quiz", "get">
type AssignmentAnswer = ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/assignment", "get">
type VerifyAnswer = ResponseOf<"/store/certificates/verify/{code}", "get">
const fits = {
  quiz: (q: NonNullable<QuizAnswer["quiz"]>): QuizSummary => q,
  submission: (s: AssignmentAnswer["submissions"][number]): Submission => s,
  certificate: (c: ResponseOf<"/store/customers/me/certificates", "get">["certificates"][number]): Certificate => c,
}
void fits

/** Null when the gate or the enrollment closes it (any 4xx), as before. */
const orNull = <T>(call: Promise<T>): Promise<T | null> =>
  call.catch((error) => {
    if (error instanceof VolmifyError && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500) return null
    throw error
  })

export async function getQuiz(handle: string, placement: string) {
  const { api, as } = await volmify()
  return (await orNull(api.quizzes.retrieve(handle, placement, as))) as { quiz: QuizSummary | null; attempts: AttemptSummary[] } | null
}

export async function getAssignment(handle: string, placement: string) {
  const { api, as } = await volmify()
  return (await orNull<AssignmentAnswer>(api.assignments.retrieve(handle, placement, as))) as { submissions: Submission[]; passed: boolean; pending: boolean } | null
}

export async function listCertificates(): Promise<Certificate[]> {
  const { api, as } = await volmify()
  return (await api.certificates.list(as)).certificates
}

export async function verifyCertificate(code: string) {
  const { api, as } = await volmify()
  const answer: VerifyAnswer | null = await orNull(api.certificates.verify(code, as))
  return answer?.certificate ?? null
}

/** One of the student's own quiz attempts (questions; after grading, scores and explanations), or null. */
export async function getQuizAttempt(handle: string, placement: string, attemptId: string): Promise<QuizAttempt | null> {
  try {
    const path = `/store/courses/${encodeURIComponent(handle)}/lessons/${encodeURIComponent(placement)}/quiz/attempts/${encodeURIComponent(attemptId)}`
    return (await store<{ attempt: QuizAttempt }>(path)).attempt
  } catch (error) {
    if (error instanceof StoreError && error.status < 500) return null
    throw error
  }
}
