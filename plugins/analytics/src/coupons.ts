import { fromMinor, toMinor } from "@volmify/ledger/money"
import type { OverviewInput } from "./overview"
import { type Knex, Where } from "./sql"

/*
 * Coupon use: per promotion code and currency, the orders placed in the period that carry
 * its discount and the discount's total, read in SQL from Medusa's order tables (line item
 * and shipping method adjustments of each order's current version; canceled orders and
 * drafts left out). Amounts are summed in SQL, converted to integer minor units here.
 */

export type CouponUse = { code: string; promotion_id: string | null; currency_code: string; orders: number; discount_total: string }

export async function couponUse(knex: Knex, { scope, current, currency_code }: OverviewInput): Promise<CouponUse[]> {
  const w = new Where()
    .add("o.deleted_at IS NULL AND o.is_draft_order = false AND o.status <> 'canceled'")
    .add("o.created_at >= ?", current.from)
    .add("o.created_at < ?", current.to)
  if (scope.org_id) w.add("o.sales_channel_id = (SELECT sales_channel_id FROM org WHERE id = ?)", scope.org_id)
  else w.add("o.sales_channel_id IN (SELECT sales_channel_id FROM org WHERE deleted_at IS NULL)")
  if (currency_code) w.add("o.currency_code = ?", currency_code)
  const { rows } = await knex.raw<{ code: string; promotion_id: string | null; currency_code: string; orders: number; discount: string }>(
    `WITH o AS (SELECT o.id, o.version, o.currency_code FROM "order" o WHERE ${w.sql}),
     discounts AS (
       SELECT o.id AS order_id, o.currency_code, adj.code, adj.promotion_id, adj.amount
       FROM o JOIN order_item oi ON oi.order_id = o.id AND oi.version = o.version AND oi.deleted_at IS NULL
         JOIN order_line_item_adjustment adj ON adj.item_id = oi.item_id AND adj.version = o.version AND adj.deleted_at IS NULL
       UNION ALL
       SELECT o.id, o.currency_code, adj.code, adj.promotion_id, adj.amount
       FROM o JOIN order_shipping os ON os.order_id = o.id AND os.version = o.version AND os.deleted_at IS NULL
         JOIN order_shipping_method_adjustment adj ON adj.shipping_method_id = os.shipping_method_id AND adj.deleted_at IS NULL
     )
     SELECT COALESCE(code, '') AS code, promotion_id, currency_code, count(DISTINCT order_id)::int AS orders, SUM(amount)::text AS discount
     FROM discounts GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3`,
    w.bindings
  )
  return rows.map((r) => ({
    code: r.code,
    promotion_id: r.promotion_id,
    currency_code: r.currency_code,
    orders: r.orders,
    discount_total: fromMinor(toMinor(r.discount, r.currency_code), r.currency_code),
  }))
}
