import { addLedgerSum, fromMinor, type LedgerSumRow, type LedgerTotals, toMinor, zeroLedgerTotals } from "@volmify/ledger/money"
import { courseConversion } from "./conversion"
import { ledgerSums } from "./ledger-sums"
import { couponUse } from "./coupons"
import type { AnalyticsScope } from "./scope"
import { anyOf, type Knex, type Period, rate, revenueJson, Where } from "./sql"

/*
 * The overview's figures, every one an aggregate in SQL (GROUP BY, date_trunc, FILTER):
 * only sums and counts come back to Node. Money is summed in SQL per ledger account (whole
 * days from the ledger's daily rollup: ledger-sums.ts) and folded here in integer minor
 * units (exact decimal strings out).
 */

export type Interval = "day" | "week" | "month"
export type OverviewInput = {
  scope: AnalyticsScope
  current: Period
  previous: Period
  interval: Interval
  currency_code?: string
}

/** A count in the period asked for and in the one before it. */
type PeriodCounts = { current: number; previous: number }

type Keyed = Map<string, { key: Record<string, string>; currency: string; totals: LedgerTotals }>
function fold<R extends LedgerSumRow & { currency_code: string }>(rows: R[], keyOf: (r: R) => Record<string, string>): Keyed {
  const out: Keyed = new Map()
  for (const r of rows) {
    const key = keyOf(r)
    const id = JSON.stringify([key, r.currency_code])
    const acc = out.get(id) ?? { key, currency: r.currency_code, totals: zeroLedgerTotals() }
    addLedgerSum(acc.totals, r, r.currency_code)
    out.set(id, acc)
  }
  return out
}

export async function revenueFigures(knex: Knex, input: OverviewInput) {
  const { scope, current, previous, interval, currency_code } = input
  // Whole days from the ledger's daily rollup, partial days from the entries (ledger-sums.ts).
  const totals = [
    ...(await ledgerSums(knex, scope, current.from, current.to, "total", currency_code)).map((r) => ({ ...r, period: "current" })),
    ...(await ledgerSums(knex, scope, previous.from, previous.to, "total", currency_code)).map((r) => ({ ...r, period: "previous" })),
  ]
  const buckets = await ledgerSums(knex, scope, current.from, current.to, interval, currency_code)
  const products = await ledgerSums(knex, scope, current.from, current.to, "product", currency_code)
  const byPeriod = fold(totals, (r) => ({ period: r.period }))
  const list = (period: string) =>
    [...byPeriod.values()]
      .filter((v) => v.key.period === period)
      .sort((a, b) => a.currency.localeCompare(b.currency))
      .map((v) => ({ currency_code: v.currency, ...revenueJson(v.totals, v.currency) }))
  const byProduct = [...fold(products, (r) => ({ product_id: r.key })).values()]
  const courses = await courseTitles(knex, [...new Set(byProduct.map((v) => v.key.product_id))])
  return {
    current: list("current"),
    previous: list("previous"),
    buckets: [...fold(buckets, (r) => ({ bucket: r.key })).values()]
      .sort((a, b) => a.key.bucket.localeCompare(b.key.bucket) || a.currency.localeCompare(b.currency))
      .map((v) => ({ bucket: v.key.bucket, currency_code: v.currency, ...revenueJson(v.totals, v.currency) })),
    by_course: byProduct
      .map((v) => ({
        product_id: v.key.product_id,
        course_id: courses.get(v.key.product_id)?.id ?? null,
        title: courses.get(v.key.product_id)?.title ?? null,
        currency_code: v.currency,
        ...revenueJson(v.totals, v.currency),
      }))
      .sort((a, b) => a.currency_code.localeCompare(b.currency_code) || Number(b.gross) - Number(a.gross) || a.product_id.localeCompare(b.product_id)),
  }
}

async function courseTitles(knex: Knex, productIds: string[]) {
  if (!productIds.length) return new Map<string, { id: string; title: string }>()
  const [inIds, ids] = anyOf("product_id", productIds)
  const { rows } = await knex.raw<{ id: string; product_id: string; title: string }>(
    `SELECT id, product_id, title FROM course WHERE ${inIds} AND deleted_at IS NULL`,
    [ids]
  )
  return new Map<string, { id: string; title: string }>(rows.map((r) => [r.product_id, { id: r.id, title: r.title }]))
}

/** Courses of the scope, as a condition on a `course` alias. */
function courseScope(w: Where, scope: AnalyticsScope, alias = "c") {
  w.add(`${alias}.deleted_at IS NULL`)
  if (scope.org_id) w.add(`${alias}.org_id = ?`, scope.org_id)
  if (scope.product_ids) w.add(...anyOf(`${alias}.product_id`, scope.product_ids))
  return w
}

export async function salesFigures(knex: Knex, input: OverviewInput) {
  const { scope, current, previous, currency_code } = input
  // Orders placed in the org's sales channel (drafts excluded); an employee's view: orders with a line of their products.
  const o = new Where().add("o.deleted_at IS NULL").add("o.is_draft_order = false").add("o.created_at >= ?", previous.from).add("o.created_at < ?", current.to)
  if (scope.org_id) o.add("o.sales_channel_id = (SELECT sales_channel_id FROM org WHERE id = ?)", scope.org_id)
  else o.add("o.sales_channel_id IN (SELECT sales_channel_id FROM org WHERE deleted_at IS NULL)")
  if (currency_code) o.add("o.currency_code = ?", currency_code)
  if (scope.product_ids) {
    const [inProducts, ids] = anyOf("li.product_id", scope.product_ids)
    o.add(
      `EXISTS (SELECT 1 FROM order_item oi JOIN order_line_item li ON li.id = oi.item_id
        WHERE oi.order_id = o.id AND oi.deleted_at IS NULL AND ${inProducts})`,
      ids
    )
  }
  const orders = await knex.raw<{ period: "current" | "previous"; currency_code: string; orders: number; canceled: number }>(
    `SELECT CASE WHEN o.created_at >= ? THEN 'current' ELSE 'previous' END AS period, o.currency_code,
       count(*)::int AS orders, count(*) FILTER (WHERE o.status = 'canceled')::int AS canceled
     FROM "order" o WHERE ${o.sql} GROUP BY 1, 2 ORDER BY 2`,
    [current.from, ...o.bindings]
  )
  // New students: customers whose first entitlement to one of the scope's courses falls in the period.
  const c = courseScope(new Where().add("en.deleted_at IS NULL"), scope)
  const students = await knex.raw<PeriodCounts>(
    `SELECT count(*) FILTER (WHERE first_at >= ? AND first_at < ?)::int AS current,
            count(*) FILTER (WHERE first_at >= ? AND first_at < ?)::int AS previous
     FROM (SELECT en.customer_id, c.org_id, min(en.created_at) AS first_at
           FROM entitlement en JOIN course c ON c.product_id = en.product_id
           WHERE ${c.sql} GROUP BY 1, 2) s`,
    [current.from, current.to, previous.from, previous.to, ...c.bindings]
  )
  const top = courseScope(new Where().add("en.deleted_at IS NULL").add("en.created_at >= ?", current.from).add("en.created_at < ?", current.to), scope)
  const topCourses = await knex.raw<{ course_id: string; product_id: string; title: string; new_students: number }>(
    `SELECT c.id AS course_id, c.product_id, c.title, count(DISTINCT en.customer_id)::int AS new_students
     FROM entitlement en JOIN course c ON c.product_id = en.product_id
     WHERE ${top.sql} GROUP BY 1, 2, 3 ORDER BY 4 DESC, 3, 1 LIMIT 10`,
    top.bindings
  )
  const period = (p: "current" | "previous") => {
    const rows = orders.rows.filter((r) => r.period === p)
    return {
      orders: rows.reduce((n, r) => n + r.orders, 0),
      canceled_orders: rows.reduce((n, r) => n + r.canceled, 0),
      orders_by_currency: rows.map((r) => ({ currency_code: r.currency_code, orders: r.orders, canceled_orders: r.canceled })),
      new_students: students.rows[0]?.[p] ?? 0,
    }
  }
  const conversion = await courseConversion(knex, scope, current, currency_code)
  return {
    current: period("current"),
    previous: period("previous"),
    top_courses: topCourses.rows,
    // Affiliates are for roles that see the org (affiliates.read); an employee's own view has none.
    top_affiliates: scope.employee_id ? null : await topAffiliates(knex, input),
    // Course page views (the storefront's beacon) in the period, and orders / views per course viewed.
    page_views: conversion.page_views,
    course_conversion: conversion.courses,
    // Coupons are the org's commerce (promotions): an employee's own view has none.
    coupons: scope.employee_id ? null : await couponUse(knex, input),
  }
}

async function topAffiliates(knex: Knex, { scope, current, currency_code }: OverviewInput) {
  const w = new Where()
    .add("ac.deleted_at IS NULL")
    .add("ac.status <> 'voided'")
    .add("ac.ordered_at >= ?", current.from)
    .add("ac.ordered_at < ?", current.to)
  if (scope.org_id) w.add("ac.org_id = ?", scope.org_id)
  if (currency_code) w.add("ac.currency_code = ?", currency_code)
  const { rows } = await knex.raw<{ affiliate_id: string; code: string; currency_code: string; orders: number; commission: string }>(
    `SELECT ac.affiliate_id, af.code, ac.currency_code, count(DISTINCT ac.order_id)::int AS orders, SUM(ac.amount)::text AS commission
     FROM affiliate_commission ac JOIN affiliate af ON af.id = ac.affiliate_id
     WHERE ${w.sql} GROUP BY 1, 2, 3 ORDER BY 4 DESC, SUM(ac.amount) DESC, 2 LIMIT 10`,
    w.bindings
  )
  return rows.map((r) => ({
    affiliate_id: r.affiliate_id,
    code: r.code,
    currency_code: r.currency_code,
    orders: r.orders,
    commission: fromMinor(toMinor(r.commission, r.currency_code), r.currency_code),
  }))
}

export async function learningFigures(knex: Knex, input: OverviewInput) {
  const { scope, current, previous } = input
  const both = (col: string) => new Where().add(`${col} >= ?`, previous.from).add(`${col} < ?`, current.to)
  const enrolled = (w: Where) => courseScope(w.add("en.deleted_at IS NULL"), scope)
  const split = (col: string, expr: string) =>
    `${expr.replace("%", `${col} >= ?`)} AS current, ${expr.replace("%", `${col} < ?`)} AS previous`

  const p = enrolled(both("lp.updated_at").add("lp.deleted_at IS NULL"))
  const active = await knex.raw<PeriodCounts>(
    `SELECT ${split("lp.updated_at", "count(DISTINCT en.customer_id) FILTER (WHERE %)::int")}
     FROM lesson_progress lp JOIN enrollment en ON en.id = lp.enrollment_id JOIN course c ON c.id = en.course_id
     WHERE ${p.sql}`,
    [current.from, current.from, ...p.bindings]
  )
  const l = enrolled(both("lp.completed_at").add("lp.deleted_at IS NULL").add("lp.status = 'completed'"))
  const lessons = await knex.raw<PeriodCounts>(
    `SELECT ${split("lp.completed_at", "count(*) FILTER (WHERE %)::int")}
     FROM lesson_progress lp JOIN enrollment en ON en.id = lp.enrollment_id JOIN course c ON c.id = en.course_id
     WHERE ${l.sql}`,
    [current.from, current.from, ...l.bindings]
  )
  const cw = courseScope(both("ce.issued_at").add("ce.deleted_at IS NULL"), scope)
  const certificates = await knex.raw<PeriodCounts>(
    `SELECT ${split("ce.issued_at", "count(*) FILTER (WHERE %)::int")}
     FROM certificate ce JOIN course c ON c.id = ce.course_id WHERE ${cw.sql}`,
    [current.from, current.from, ...cw.bindings]
  )
  const q = enrolled(both("qa.submitted_at").add("qa.deleted_at IS NULL").add("qa.status = 'submitted'"))
  const quizzes = await knex.raw<{ period: "current" | "previous"; attempts: number; passed: number }>(
    `SELECT CASE WHEN qa.submitted_at >= ? THEN 'current' ELSE 'previous' END AS period,
       count(*)::int AS attempts, count(*) FILTER (WHERE qa.passed)::int AS passed
     FROM quiz_attempt qa JOIN enrollment en ON en.id = qa.enrollment_id JOIN course c ON c.id = en.course_id
     WHERE ${q.sql} GROUP BY 1`,
    [current.from, ...q.bindings]
  )
  // Completion per course as of the period's end: enrollments started before it, completed before it.
  const cc = courseScope(new Where(), scope)
  const completion = await knex.raw<{ course_id: string; title: string; enrolled: number; completed: number; completed_in_period: number }>(
    `SELECT c.id AS course_id, c.title,
       count(en.id) FILTER (WHERE en.started_at < ?)::int AS enrolled,
       count(en.id) FILTER (WHERE en.completed_at < ?)::int AS completed,
       count(en.id) FILTER (WHERE en.completed_at >= ? AND en.completed_at < ?)::int AS completed_in_period
     FROM course c LEFT JOIN enrollment en ON en.course_id = c.id AND en.deleted_at IS NULL AND en.status <> 'cancelled'
     WHERE ${cc.sql} GROUP BY 1, 2 ORDER BY 3 DESC, 2, 1 LIMIT 200`,
    [current.to, current.to, current.from, current.to, ...cc.bindings]
  )
  const period = (key: "current" | "previous") => {
    const quiz = quizzes.rows.find((r) => r.period === key) ?? { attempts: 0, passed: 0 }
    return {
      active_students: active.rows[0][key],
      lessons_completed: lessons.rows[0][key],
      certificates_issued: certificates.rows[0][key],
      quiz_attempts: quiz.attempts,
      quiz_attempts_passed: quiz.passed,
      quiz_pass_rate: rate(quiz.passed, quiz.attempts),
    }
  }
  return {
    current: period("current"),
    previous: period("previous"),
    completion_by_course: completion.rows.map((r) => ({ ...r, completion_rate: rate(r.completed, r.enrolled) })),
  }
}
