import "server-only"
import { store, storeWithBody } from "./medusa"

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

const lessonPath = (handle: string, placement: string) =>
  `/store/courses/${encodeURIComponent(handle)}/lessons/${encodeURIComponent(placement)}`

export async function getQuiz(handle: string, placement: string) {
  const { status, body } = await storeWithBody<{ quiz: QuizSummary | null; attempts: AttemptSummary[] }>(`${lessonPath(handle, placement)}/quiz`)
  return status === 200 ? body : null
}

export async function getAssignment(handle: string, placement: string) {
  const { status, body } = await storeWithBody<{ submissions: Submission[]; passed: boolean; pending: boolean }>(
    `${lessonPath(handle, placement)}/assignment`
  )
  return status === 200 ? body : null
}

export async function listCertificates(): Promise<Certificate[]> {
  return (await store<{ certificates: Certificate[] }>("/store/customers/me/certificates")).certificates
}

export async function verifyCertificate(code: string) {
  const { status, body } = await storeWithBody<{ certificate: { valid: boolean; code: string; student_name: string; course_title: string; org_name: string; issued_at: string; revoked_at?: string | null } }>(
    `/store/certificates/verify/${encodeURIComponent(code)}`
  )
  return status === 200 ? body.certificate : null
}
