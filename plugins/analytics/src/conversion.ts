import type { AnalyticsScope } from "./scope"
import { anyOf, type Knex, type Period, rate, Where } from "./sql"

/*
 * Conversion from course page views (the storefront's beacon, counted per UTC day in
 * page_view_day) to orders. A day's views count in a period when its midnight falls in it,
 * so a period of whole days (the dashboard's) is exact. Orders: placed in the period in the
 * org's channel with a line of the course's product, canceled ones and drafts left out.
 */

export type CourseViews = { course_id: string; product_id: string; title: string; views: number; orders: number; conversion: number | null }

/** Page views of the scope's courses in [from, to), per course. */
async function viewsByCourse(knex: Knex, scope: AnalyticsScope, period: Period) {
  const w = new Where().add("pv.deleted_at IS NULL").add("pv.day >= ?", period.from).add("pv.day < ?", period.to).add("c.deleted_at IS NULL")
  if (scope.org_id) w.add("pv.org_id = ?", scope.org_id)
  if (scope.product_ids) w.add(...anyOf("c.product_id", scope.product_ids))
  const { rows } = await knex.raw<{ course_id: string; product_id: string; title: string; views: number }>(
    `SELECT c.id AS course_id, c.product_id, c.title, SUM(pv.views)::int AS views
     FROM page_view_day pv JOIN course c ON c.id = pv.course_id AND c.org_id = pv.org_id
     WHERE ${w.sql} GROUP BY 1, 2, 3`,
    w.bindings
  )
  return rows
}

/** Orders per product (of `productIds`) placed in [from, to) in the scope's org(s). */
async function ordersByProduct(knex: Knex, scope: AnalyticsScope, period: Period, productIds: string[], currency?: string) {
  if (!productIds.length) return new Map<string, number>()
  const [inProducts, ids] = anyOf("li.product_id", productIds)
  const w = new Where()
    .add("o.deleted_at IS NULL AND o.is_draft_order = false AND o.status <> 'canceled'")
    .add("o.created_at >= ?", period.from)
    .add("o.created_at < ?", period.to)
    .add(inProducts, ids)
  if (scope.org_id) w.add("o.sales_channel_id = (SELECT sales_channel_id FROM org WHERE id = ?)", scope.org_id)
  else w.add("o.sales_channel_id IN (SELECT sales_channel_id FROM org WHERE deleted_at IS NULL)")
  if (currency) w.add("o.currency_code = ?", currency)
  const { rows } = await knex.raw<{ product_id: string; orders: number }>(
    `SELECT li.product_id, count(DISTINCT o.id)::int AS orders
     FROM "order" o JOIN order_item oi ON oi.order_id = o.id AND oi.version = o.version AND oi.deleted_at IS NULL
       JOIN order_line_item li ON li.id = oi.item_id AND li.deleted_at IS NULL
     WHERE ${w.sql} GROUP BY 1`,
    w.bindings
  )
  return new Map<string, number>(rows.map((r) => [r.product_id, r.orders]))
}

/**
 * Per course with views in the period: views, orders and conversion (orders / views, 4
 * decimals), most viewed first; courses without views are left out (their conversion is unknown).
 */
export async function courseConversion(knex: Knex, scope: AnalyticsScope, current: Period, currency?: string): Promise<{ page_views: number; courses: CourseViews[] }> {
  const views = await viewsByCourse(knex, scope, current)
  const orders = await ordersByProduct(knex, scope, current, [...new Set(views.map((v) => v.product_id))], currency)
  const courses = views
    .map((v) => {
      const n = orders.get(v.product_id) ?? 0
      return { ...v, orders: n, conversion: rate(n, v.views) }
    })
    .sort((a, b) => b.views - a.views || a.title.localeCompare(b.title) || a.course_id.localeCompare(b.course_id))
  return { page_views: courses.reduce((s, c) => s + c.views, 0), courses }
}
