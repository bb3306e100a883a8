import { readFileSync, writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

// P9's second half (`medusa exec ./bench/analytics-volume.ts`, run by bench/run.js): does the
// dashboard's cost grow with the org's orders? Everything happens in ONE database
// transaction that is rolled back at the end, so the data set is left exactly as it was (it
// runs on a reused full database too); the planner's statistics are refreshed afterwards.
//
// 1. Set-up (not timed): every USD order of the big course's org without a ledger posting
//    gets a synthetic one at the order's time (cash debit = its lines, platform fee 5 %, org
//    revenue the rest, per line with its product), so the revenue queries read one posting
//    per order as they would in production. (The generator's orders are bulk-made without
//    payments, so nothing posted them.)
// 2. "1x": the overview's figures as GET /admin/analytics/overview computes them for the
//    org's owner (the dashboard's default: the last 30 whole UTC days by day: revenue, sales
//    incl. conversion and coupons, learning), called through @volmify/analytics/figures on the transaction: 3 warm-up
//    rounds, then BENCH_P9_ROUNDS (default 20) timed rounds -> p50/p95.
// 3. The org's orders, with their items, line items, entitlements and ledger postings, are
//    copied 9 more times (BENCH_P9_BASE > 1 multiplies them that many times before step 2) (INSERT ... SELECT, new ids, same times: all inside the period),
//    then ANALYZE, so the org has 10x the orders.
// 4. "10x": timed the same way. Figure: p95 10x / p95 1x (target <= 2).
//
// This times the SQL and the folding in Node, not HTTP, auth and JSON (constant per request;
// the first half of P9 measures the route over HTTP at 1x).

type Knex = {
  raw(sql: string, bindings?: unknown[]): Promise<{ rows: any[] }>
  transaction<T>(fn: (trx: Knex) => Promise<T>): Promise<T>
}
class Rollback extends Error {
  constructor(readonly result: unknown) {
    super("rollback")
  }
}

const SUFFIX = "_p9x"
const ms = (n: number) => Math.round(n * 10) / 10
function percentile(sorted: number[], p: number) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

export default async function analyticsVolume({ container }: ExecArgs) {
  const data = JSON.parse(readFileSync(process.env.BENCH_SUMMARY as string, "utf8"))
  const rounds = Number(process.env.BENCH_P9_ROUNDS || 20)
  const factor = 10
  const base = Number(process.env.BENCH_P9_BASE || 1)
  if (!Number.isInteger(base) || base < 1) throw new Error("BENCH_P9_BASE must be a positive integer")
  const { learningFigures, periods, revenueFigures, salesFigures } = require("@volmify/analytics/figures")
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
  const [org] = (await pg.raw(`SELECT id FROM org WHERE sales_channel_id = ? AND deleted_at IS NULL`, [data.big_course.sales_channel_id])).rows
  if (!org) throw new Error("P9 volume: the big course's org was not found (seed the bench data first)")
  const orgId: string = org.id
  const channel: string = data.big_course.sales_channel_id

  const counts = async (trx: Knex) =>
    (
      await trx.raw(
        `SELECT (SELECT count(*) FROM "order" WHERE sales_channel_id = ? AND deleted_at IS NULL)::int AS orders,
                (SELECT count(*) FROM ledger_transaction WHERE org_id = ? AND deleted_at IS NULL)::int AS ledger_transactions,
                (SELECT count(*) FROM ledger_entry WHERE org_id = ? AND deleted_at IS NULL)::int AS ledger_entries,
                (SELECT count(*) FROM entitlement en JOIN course c ON c.product_id = en.product_id WHERE c.org_id = ? AND en.deleted_at IS NULL)::int AS entitlements`,
        [channel, orgId, orgId, orgId]
      )
    ).rows[0]

  const time = async (trx: Knex) => {
    // What the dashboard sends: the last 30 days as whole UTC days (from/to as dates).
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    const { current, previous } = periods({ from: day(Date.now() - 29 * 86_400_000), to: day(Date.now()) })
    const input = { scope: { org_id: orgId, employee_id: null, product_ids: null }, current, previous, interval: "day" }
    // Each query's time too (its first words as the label): where the time goes.
    const perQuery = new Map<string, number[]>()
    const db = {
      raw: async (sql: string, bindings?: unknown[]) => {
        const started = process.hrtime.bigint()
        const out = await trx.raw(sql, bindings)
        const label = sql.replace(/\s+/g, " ").trim().slice(0, 70)
        perQuery.set(label, [...(perQuery.get(label) ?? []), Number(process.hrtime.bigint() - started) / 1e6])
        return out
      },
    }
    const once = async () => {
      const started = process.hrtime.bigint()
      const revenue = await revenueFigures(db, input)
      const sales = await salesFigures(db, input)
      await learningFigures(db, input)
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, orders: sales.current.orders, usd_gross: revenue.current.find((r: any) => r.currency_code === "usd")?.gross ?? "0" }
    }
    for (let i = 0; i < 3; i++) await once()
    const runs = []
    for (let i = 0; i < rounds; i++) runs.push(await once())
    const sorted = runs.map((r) => r.ms).sort((a, b) => a - b)
    const queries = [...perQuery.entries()].map(([sql, times]) => ({ sql, p50_ms: ms(percentile([...times].sort((a, b) => a - b), 50)) }))
    return { rounds, p50_ms: ms(percentile(sorted, 50)), p95_ms: ms(percentile(sorted, 95)), max_ms: ms(sorted[sorted.length - 1]), figures: { orders: runs[0].orders, usd_gross: runs[0].usd_gross }, queries }
  }

  /**
   * Copies the org's orders with their items, line items, entitlements and ledger postings
   * so there are `times` of each (new ids end in `tag` and the copy number; same times).
   */
  const multiply = async (trx: Knex, times: number, tag: string) => {
    if (times <= 1) return
    await trx.raw(`DROP TABLE IF EXISTS p9_orders, p9_copies`)
    await trx.raw(`CREATE TEMP TABLE p9_orders ON COMMIT DROP AS SELECT id FROM "order" WHERE sales_channel_id = ? AND deleted_at IS NULL`, [channel])
    await trx.raw(`CREATE TEMP TABLE p9_copies ON COMMIT DROP AS SELECT g FROM generate_series(1, ${times - 1}) g`)
    /** Copies rows of `table` picked by `where` once per copy, with `changes` (SQL per column, `g` the copy number). */
    const copy = async (table: string, where: string, changes: Record<string, string>) => {
      const patch = Object.entries(changes).map(([col, expr]) => `'${col}', ${expr}`).join(", ")
      await trx.raw(
        `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(x) || jsonb_build_object(${patch}))).*
         FROM ${table} x CROSS JOIN p9_copies WHERE ${where}`
      )
    }
    const suffixed = (col: string) => `x.${col} || '${tag}' || g`
    // display_id is not unique (custom_display_id is, where set).
    await copy(`"order"`, `x.id IN (SELECT id FROM p9_orders)`, {
      id: suffixed("id"),
      custom_display_id: `CASE WHEN x.custom_display_id IS NULL THEN NULL ELSE ${suffixed("custom_display_id")} END`,
    })
    await copy("order_line_item", `x.id IN (SELECT item_id FROM order_item WHERE order_id IN (SELECT id FROM p9_orders))`, { id: suffixed("id") })
    await copy("order_item", `x.order_id IN (SELECT id FROM p9_orders)`, { id: suffixed("id"), order_id: suffixed("order_id"), item_id: suffixed("item_id") })
    await copy("entitlement", `x.order_id IN (SELECT id FROM p9_orders)`, { id: suffixed("id"), order_id: suffixed("order_id"), source_id: suffixed("source_id") })
    await copy("ledger_transaction", `x.org_id = '${orgId}' AND x.reference_id IN (SELECT id FROM p9_orders)`, { id: suffixed("id"), reference_id: suffixed("reference_id") })
    await copy("ledger_entry", `x.transaction_id IN (SELECT id FROM ledger_transaction WHERE org_id = '${orgId}' AND reference_id IN (SELECT id FROM p9_orders))`, {
      id: suffixed("id"),
      transaction_id: suffixed("transaction_id"),
      line_item_id: `CASE WHEN x.line_item_id IS NULL THEN NULL ELSE ${suffixed("line_item_id")} END`,
    })
  }

  /**
   * 1. Accounts (found or made) and one synthetic posting per unposted USD order line of the
   * org (cash debit = the line, platform fee 5 %, org revenue the rest): how many orders.
   */
  const postUnposted = async (trx: Knex): Promise<number> => {
    const account = async (code: string, type: string, normal: string) => {
      const key = [orgId, code, "usd", "", ""].join(":")
      const found = (await trx.raw(`SELECT id FROM ledger_account WHERE key = ? AND deleted_at IS NULL`, [key])).rows[0]
      if (found) return found.id as string
      const id = `lacc_p9_${code}_${orgId}`
      await trx.raw(
        `INSERT INTO ledger_account (id, key, org_id, code, name, type, normal_balance, currency_code) VALUES (?, ?, ?, ?, ?, ?, ?, 'usd')`,
        [id, key, orgId, code, code, type, normal]
      )
      return id
    }
    const cash = await account("cash", "asset", "debit")
    const fees = await account("platform_fees", "liability", "credit")
    const revenue = await account("revenue", "revenue", "credit")
    await trx.raw(
      `CREATE TEMP TABLE p9_lines ON COMMIT DROP AS
       SELECT o.id AS order_id, o.created_at, li.id AS line_item_id, li.product_id,
              round(li.unit_price * oi.quantity, 2) AS amount, round(li.unit_price * oi.quantity * 0.05, 2) AS fee
       FROM "order" o JOIN order_item oi ON oi.order_id = o.id AND oi.version = o.version AND oi.deleted_at IS NULL
         JOIN order_line_item li ON li.id = oi.item_id
       WHERE o.sales_channel_id = ? AND o.currency_code = 'usd' AND o.deleted_at IS NULL AND li.unit_price > 0
         AND NOT EXISTS (SELECT 1 FROM ledger_transaction t WHERE t.reference_id = o.id AND t.deleted_at IS NULL)`,
      [channel]
    )
    await trx.raw(
      `INSERT INTO ledger_transaction (id, org_id, currency_code, kind, reference_type, reference_id, occurred_at)
       SELECT DISTINCT 'ltx_p9_' || order_id, ?, 'usd', 'posting', 'bench-p9', order_id, created_at FROM p9_lines`,
      [orgId]
    )
    const raw = (col: string) => `jsonb_build_object('value', (${col})::text, 'precision', 20)`
    await trx.raw(
      `INSERT INTO ledger_entry (id, transaction_id, account_id, org_id, currency_code, direction, amount, raw_amount, product_id, line_item_id)
       SELECT 'lent_p9_c_' || line_item_id, 'ltx_p9_' || order_id, ?, ?, 'usd', 'debit', amount, ${raw("amount")}, product_id, line_item_id FROM p9_lines
       UNION ALL
       SELECT 'lent_p9_f_' || line_item_id, 'ltx_p9_' || order_id, ?, ?, 'usd', 'credit', fee, ${raw("fee")}, product_id, line_item_id FROM p9_lines WHERE fee > 0
       UNION ALL
       SELECT 'lent_p9_r_' || line_item_id, 'ltx_p9_' || order_id, ?, ?, 'usd', 'credit', amount - fee, ${raw("amount - fee")}, product_id, line_item_id FROM p9_lines`,
      [cash, orgId, fees, orgId, revenue, orgId]
    )
    return Number((await trx.raw(`SELECT count(DISTINCT order_id)::int AS n FROM p9_lines`)).rows[0].n)
  }

  // BENCH_P9_MODE=post: only step 1, committed (bench/run.js runs it before P9's HTTP half, so
  // the dashboard's revenue reads real postings over HTTP too); idempotent (unposted orders only).
  if (process.env.BENCH_P9_MODE === "post") {
    const posted = await pg.transaction((trx) => postUnposted(trx))
    await pg.raw(`ANALYZE ledger_transaction, ledger_entry, ledger_day_sum`)
    const out = { status: "posted", org_id: orgId, orders_posted: posted }
    if (process.env.BENCH_P9_OUT) writeFileSync(process.env.BENCH_P9_OUT, JSON.stringify(out, null, 2))
    return out
  }

  let result: any
  try {
    await pg.transaction(async (trx) => {
      await postUnposted(trx)
      // BENCH_P9_BASE (default 1): the org's orders multiplied first, so a tiny data set can stand
      // in for a bigger org (e.g. 20: 24 -> 480 orders, about the full scale's big org).
      await multiply(trx, base, "_p9b")
      await trx.raw(`ANALYZE "order", order_item, order_line_item, entitlement, ledger_transaction, ledger_entry, ledger_day_sum`)
      const before = await counts(trx)
      const one = await time(trx)

      // 3. The org's orders and everything per order, 9 more times.
      await multiply(trx, factor, SUFFIX)
      await trx.raw(`ANALYZE "order", order_item, order_line_item, entitlement, ledger_transaction, ledger_entry, ledger_day_sum`)
      const after = await counts(trx)
      const ten = await time(trx)
      throw new Rollback({
        status: "measured",
        org_id: orgId,
        method: "in one transaction, rolled back: synthetic ledger postings for the org's unposted USD orders, then its orders (items, entitlements, postings) copied 9 more times; the overview's figures timed in-process through @volmify/analytics/figures",
        base_multiplier: base,
        data_1x: before,
        data_10x: after,
        at_1x: one,
        at_10x: ten,
        target: "p95 at 10x the orders / p95 at 1x <= 2",
        p95_ratio: Math.round((ten.p95_ms / one.p95_ms) * 100) / 100,
      })
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
    result = error.result
  }
  // The copies are gone; statistics back to the data as it is.
  await pg.raw(`ANALYZE "order", order_item, order_line_item, entitlement, ledger_transaction, ledger_entry, ledger_day_sum`)
  const left = (await pg.raw(`SELECT count(*)::int AS n FROM "order" WHERE id LIKE ? OR id LIKE ?`, [`%${SUFFIX}%`, "%_p9b%"])).rows[0].n
  if (left) throw new Error(`P9 volume: ${left} copied orders were left behind`)
  if (process.env.BENCH_P9_OUT) writeFileSync(process.env.BENCH_P9_OUT, JSON.stringify(result, null, 2))
  return result
}
