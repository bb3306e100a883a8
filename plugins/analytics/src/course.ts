import { MedusaError } from "@medusajs/framework/utils"
import { addLedgerSum, fromMinor, type LedgerSumRow, type LedgerTotals, zeroLedgerTotals } from "@volmify/ledger/money"
import type { AnalyticsScope } from "./scope"
import { type Knex, type Period, rate } from "./sql"

/**
 * One course's figures: per lesson (in outline order) completions in the period and the
 * drop-off (students not done with the course whose last completed lesson, as of the
 * period's end, is this one), and quiz pass rates per quiz. A course of another org, or
 * (for an employee's own view) one they are not attributed on, is 404.
 */
export async function courseFigures(knex: Knex, scope: AnalyticsScope, courseId: string, period: Period) {
  const { rows: found } = await knex.raw<{ id: string; org_id: string; product_id: string; title: string }>(`SELECT id, org_id, product_id, title FROM course WHERE id = ? AND deleted_at IS NULL`, [courseId])
  const course = found[0]
  if (!course || (scope.org_id && course.org_id !== scope.org_id) || (scope.product_ids && !scope.product_ids.includes(course.product_id))) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${courseId}" was not found`)
  }
  const { rows: summary } = await knex.raw<{ enrolled: number; completed: number; enrolled_in_period: number; completed_in_period: number }>(
    `SELECT count(*) FILTER (WHERE en.started_at < ?)::int AS enrolled,
            count(*) FILTER (WHERE en.completed_at < ?)::int AS completed,
            count(*) FILTER (WHERE en.started_at >= ? AND en.started_at < ?)::int AS enrolled_in_period,
            count(*) FILTER (WHERE en.completed_at >= ? AND en.completed_at < ?)::int AS completed_in_period
     FROM enrollment en WHERE en.course_id = ? AND en.deleted_at IS NULL AND en.status <> 'cancelled'`,
    [period.to, period.to, period.from, period.to, period.from, period.to, courseId]
  )
  const { rows: lessons } = await knex.raw<{
    placement_id: string
    lesson_id: string
    title: string
    type: string
    completions: number
    completions_to_date: number
  }>(
    `SELECT sl.id AS placement_id, sl.lesson_id, l.title, l.type,
       count(lp.id) FILTER (WHERE lp.completed_at >= ? AND lp.completed_at < ?)::int AS completions,
       count(lp.id) FILTER (WHERE lp.completed_at < ?)::int AS completions_to_date
     FROM section_lesson sl
       JOIN course_section cs ON cs.id = sl.section_id AND cs.deleted_at IS NULL
       JOIN course_module cm ON cm.id = cs.module_id AND cm.deleted_at IS NULL
       JOIN lesson l ON l.id = sl.lesson_id
       LEFT JOIN lesson_progress lp ON lp.placement_id = sl.id AND lp.deleted_at IS NULL AND lp.status = 'completed'
         AND EXISTS (SELECT 1 FROM enrollment en WHERE en.id = lp.enrollment_id AND en.deleted_at IS NULL AND en.status <> 'cancelled')
     WHERE sl.course_id = ? AND sl.deleted_at IS NULL
     GROUP BY sl.id, sl.lesson_id, l.title, l.type, cm.rank, cs.rank, sl.rank
     ORDER BY cm.rank, cs.rank, sl.rank, sl.id`,
    [period.from, period.to, period.to, courseId]
  )
  const { rows: drops } = await knex.raw<{ placement_id: string; students: number }>(
    `SELECT last.placement_id, count(*)::int AS students FROM (
       SELECT DISTINCT ON (lp.enrollment_id) lp.enrollment_id, lp.placement_id
       FROM lesson_progress lp JOIN enrollment en ON en.id = lp.enrollment_id
       WHERE en.course_id = ? AND en.deleted_at IS NULL AND en.status <> 'cancelled' AND (en.completed_at IS NULL OR en.completed_at >= ?)
         AND lp.deleted_at IS NULL AND lp.status = 'completed' AND lp.completed_at < ?
       ORDER BY lp.enrollment_id, lp.completed_at DESC, lp.id DESC) last
     GROUP BY 1`,
    [courseId, period.to, period.to]
  )
  const { rows: quizzes } = await knex.raw<{
    placement_id: string
    lesson_id: string
    attempts: number
    passed: number
    students: number
    students_passed: number
  }>(
    `SELECT qa.placement_id, qa.lesson_id, count(*)::int AS attempts, count(*) FILTER (WHERE qa.passed)::int AS passed,
       count(DISTINCT qa.enrollment_id)::int AS students, count(DISTINCT qa.enrollment_id) FILTER (WHERE qa.passed)::int AS students_passed
     FROM quiz_attempt qa JOIN enrollment en ON en.id = qa.enrollment_id
     WHERE en.course_id = ? AND en.deleted_at IS NULL AND qa.deleted_at IS NULL AND qa.status = 'submitted'
       AND qa.submitted_at >= ? AND qa.submitted_at < ?
     GROUP BY 1, 2 ORDER BY 1`,
    [courseId, period.from, period.to]
  )
  const dropOff = new Map(drops.map((d) => [d.placement_id, d.students]))
  const titles = new Map(lessons.map((l) => [l.placement_id, l.title]))
  const s = summary[0]
  return {
    course: { id: course.id, product_id: course.product_id, title: course.title },
    ...s,
    completion_rate: rate(s.completed, s.enrolled),
    lessons: lessons.map((l) => ({ ...l, drop_off: dropOff.get(l.placement_id) ?? 0 })),
    quizzes: quizzes.map((q) => ({ ...q, title: titles.get(q.placement_id) ?? null, pass_rate: rate(q.passed, q.attempts) })),
  }
}

/**
 * Per org: students (customers with an enrollment), courses, orders placed in the period,
 * and per currency the gross, net and platform fees the ledger holds for the period.
 */
export async function platformFigures(knex: Knex, period: Period) {
  const { rows: orgs } = await knex.raw<{
    org_id: string
    handle: string
    name: string
    status: string
    students: number
    courses: number
    orders: number
  }>(
    `SELECT o.id AS org_id, o.handle, o.name, o.status,
       (SELECT count(DISTINCT en.customer_id) FROM enrollment en WHERE en.org_id = o.id AND en.deleted_at IS NULL)::int AS students,
       (SELECT count(*) FROM course c WHERE c.org_id = o.id AND c.deleted_at IS NULL)::int AS courses,
       (SELECT count(*) FROM "order" od WHERE od.sales_channel_id = o.sales_channel_id AND od.deleted_at IS NULL
          AND od.is_draft_order = false AND od.created_at >= ? AND od.created_at < ?)::int AS orders
     FROM org o WHERE o.deleted_at IS NULL ORDER BY o.name, o.id`,
    [period.from, period.to]
  )
  const { rows: sums } = await knex.raw<LedgerSumRow & { org_id: string; currency_code: string; code: string; owner_type: string | null; kind: string }>(
    `SELECT e.org_id, e.currency_code, a.code, a.owner_type, t.kind,
       COALESCE(SUM(CASE WHEN e.direction = 'debit' THEN e.amount ELSE 0 END), 0)::text AS debits,
       COALESCE(SUM(CASE WHEN e.direction = 'credit' THEN e.amount ELSE 0 END), 0)::text AS credits
     FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id JOIN ledger_account a ON a.id = e.account_id
     WHERE e.deleted_at IS NULL AND t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ? AND a.code IN ('cash', 'platform_fees', 'processing_fee_expense')
     GROUP BY 1, 2, 3, 4, 5`,
    [period.from, period.to]
  )
  const revenue = new Map<string, Map<string, LedgerTotals>>()
  for (const r of sums) {
    const byCurrency = revenue.get(r.org_id) ?? new Map<string, LedgerTotals>()
    const t = byCurrency.get(r.currency_code) ?? zeroLedgerTotals()
    addLedgerSum(t, r, r.currency_code)
    byCurrency.set(r.currency_code, t)
    revenue.set(r.org_id, byCurrency)
  }
  const m = (v: bigint, c: string) => fromMinor(v, c)
  return orgs.map((o) => ({
    ...o,
    revenue: [...(revenue.get(o.org_id) ?? new Map<string, LedgerTotals>()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({
        currency_code: currency,
        gross: m(t.gross, currency),
        refunds: m(t.refunds, currency),
        net: m(t.gross - t.refunds, currency),
        platform_fees: m(t.platform_fees, currency),
        refund_fees_platform: m(t.refund_fees_platform, currency),
      })),
  }))
}
