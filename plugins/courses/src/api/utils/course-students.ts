import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { buildOutline } from "../../rules/build-outline"
import { openablePlacementIds } from "../../rules/course-progress"
import { courseService } from "./admin-courses"
import type { AccessModuleService } from "@volmify/access/modules/access"
import type { CustomerRow } from "../../types/rows"

export type StudentFilters = { q?: string; tier?: number; completed?: boolean }

type Course = { id: string; product_id: string }
type Base = {
  enrollment_id: string
  customer_id: string
  email: string | null
  name: string | null
  tier: number
  status: string
  enrolled_at: Date
  completed_at: Date | null
}

/**
 * The students of a course (its enrollments) with filters applied, in a fixed number of
 * queries whatever their number: the enrollments, their customers (one Query call) and
 * their tiers (one access-module query). Newest enrollment first.
 */
export async function filteredStudents(req: MedusaRequest, course: Course, filters: StudentFilters): Promise<Base[]> {
  const enrollments = await courseService(req).listEnrollments(
    { course_id: course.id },
    { select: ["id", "customer_id", "started_at", "completed_at", "status"], order: { started_at: "DESC", id: "ASC" } }
  )
  if (!enrollments.length) return []
  const customerIds = [...new Set(enrollments.map((e) => e.customer_id))]
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: customers }, tiers] = await Promise.all([
    query.graph({ entity: "customer", fields: ["id", "email", "first_name", "last_name"], filters: { id: customerIds } }),
    req.scope.resolve<AccessModuleService>("access").getProductCustomerTiers(course.product_id, customerIds),
  ])
  const byId = new Map((customers as CustomerRow[]).map((c) => [c.id, c]))
  const q = filters.q?.trim().toLowerCase()
  return enrollments
    .map((e): Base => {
      const c = byId.get(e.customer_id)
      return {
        enrollment_id: e.id,
        customer_id: e.customer_id,
        email: c?.email ?? null,
        name: c ? [c.first_name, c.last_name].filter(Boolean).join(" ") || null : null,
        tier: tiers.get(e.customer_id) ?? 0,
        status: e.status,
        enrolled_at: e.started_at,
        completed_at: e.completed_at ?? null,
      }
    })
    .filter((s) => filters.tier === undefined || s.tier === filters.tier)
    .filter((s) => filters.completed === undefined || !!s.completed_at === filters.completed)
    .filter((s) => !q || `${s.email ?? ""} ${s.name ?? ""}`.toLowerCase().includes(q))
}

export type StudentDetails = Awaited<ReturnType<typeof describeStudents>>[number]

/**
 * Progress (% of the lessons their tier opens), last activity (latest of enrollment, lesson
 * progress and quiz submissions), quiz results (best score and pass per quiz) and the
 * certificate of `students`: four queries for the whole batch plus the outline once.
 */
export async function describeStudents(req: MedusaRequest, course: Course, students: Base[]) {
  if (!students.length) return []
  const service = courseService(req)
  const enrollmentIds = students.map((s) => s.enrollment_id)
  const [rows, progress, attempts, certificates] = await Promise.all([
    service.readOutlineRows(course.id),
    service.listLessonProgresses({ enrollment_id: enrollmentIds }, { select: ["enrollment_id", "placement_id", "status", "updated_at"] }),
    service.listQuizAttempts(
      { enrollment_id: enrollmentIds, status: ["submitted", "expired"] },
      { select: ["enrollment_id", "placement_id", "score_percent", "passed", "submitted_at"] }
    ),
    service.listCertificates({ enrollment_id: enrollmentIds }, { select: ["id", "enrollment_id", "code", "issued_at", "revoked_at"] }),
  ])
  const { placements: flat } = buildOutline(rows, { course_status: "published", customer_id: null, customer_tier: 0, enrolled_at: null, completed_placement_ids: new Set<string>() })
  const openByTier = new Map<number, string[]>()
  const openable = (tier: number) => {
    if (!openByTier.has(tier)) openByTier.set(tier, openablePlacementIds(flat, tier))
    return openByTier.get(tier)!
  }
  const lessonTitle = new Map(rows.lessons.map((l) => [l.id, l.title]))
  const quizLessons = new Set(rows.lessons.filter((l) => l.type === "quiz").map((l) => l.id))
  const quizPlacements = rows.placements
    .filter((p) => quizLessons.has(p.lesson_id))
    .map((p) => ({ placement_id: p.id, title: lessonTitle.get(p.lesson_id) ?? "Quiz" }))
  const group = <T extends { enrollment_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>()
    for (const item of list) map.set(item.enrollment_id, [...(map.get(item.enrollment_id) ?? []), item])
    return map
  }
  const progressOf = group(progress)
  const attemptsOf = group(attempts)
  const certificateOf = new Map(certificates.map((c) => [c.enrollment_id, c]))
  return students.map((s) => {
    const mine = progressOf.get(s.enrollment_id) ?? []
    const done = new Set(mine.filter((p) => p.status === "completed").map((p) => p.placement_id))
    const open = openable(s.tier)
    const completed = open.filter((id) => done.has(id)).length
    const tries = attemptsOf.get(s.enrollment_id) ?? []
    const quizzes = quizPlacements
      .map((qp) => {
        const mineTries = tries.filter((a) => a.placement_id === qp.placement_id)
        if (!mineTries.length) return null
        return {
          placement_id: qp.placement_id,
          title: qp.title,
          attempts: mineTries.length,
          best_score_percent: Math.max(...mineTries.map((a) => a.score_percent ?? 0)),
          passed: mineTries.some((a) => a.passed === true),
        }
      })
      .filter((x): x is NonNullable<typeof x> => x !== null)
    const times = [s.enrolled_at, ...mine.map((p) => p.updated_at), ...tries.map((a) => a.submitted_at)]
      .filter((d): d is Date => Boolean(d))
      .map((d) => new Date(d).getTime())
    const certificate = certificateOf.get(s.enrollment_id)
    return {
      ...s,
      lessons_open: open.length,
      lessons_completed: completed,
      progress_percent: open.length ? Math.floor((completed * 100) / open.length) : 0,
      last_activity_at: new Date(Math.max(...times)),
      quizzes_total: quizPlacements.length,
      quizzes_passed: quizzes.filter((q) => q.passed).length,
      quizzes,
      certificate: certificate
        ? { id: certificate.id, code: certificate.code, issued_at: certificate.issued_at, revoked_at: certificate.revoked_at ?? null }
        : null,
    }
  })
}

/** The CSV columns of the export, in order. */
export const STUDENT_CSV_HEADER = [
  "email", "name", "tier", "status", "progress_percent", "lessons_completed", "lessons_open", "enrolled_at", "completed_at",
  "last_activity_at", "quizzes_passed", "quizzes_total", "quiz_results", "certificate_code", "certificate_status",
]

export function studentCsvRow(s: StudentDetails) {
  return [
    s.email, s.name, s.tier, s.completed_at ? "completed" : "in progress", s.progress_percent, s.lessons_completed, s.lessons_open,
    s.enrolled_at, s.completed_at, s.last_activity_at, s.quizzes_passed, s.quizzes_total,
    s.quizzes.map((q) => `${q.title}: best ${q.best_score_percent}%${q.passed ? " passed" : ""} (${q.attempts} attempts)`).join("; "),
    s.certificate?.code ?? null,
    s.certificate ? (s.certificate.revoked_at ? "revoked" : "issued") : null,
  ]
}
