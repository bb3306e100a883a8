import type { LedgerSumRow } from "@volmify/ledger/money"
import type { AnalyticsScope } from "./scope"
import { DAY_MS, type Knex, Where } from "./sql"

/*
 * Per-account sums of an org's ledger over a period, for the revenue figures. Whole UTC days
 * come from @volmify/ledger's daily rollup (`ledger_day_sum`, kept by triggers in the same DB
 * transaction as the entries, so it is exact), which does not grow with the number of
 * postings; the partial days at either end of a period that does not start or end at
 * midnight UTC come from the entries themselves. The dashboard asks for whole days.
 */

export type Grouping = "total" | "product" | "day" | "week" | "month"
/** `key`: '' for "total", the product id for "product" (rows without a product are left out), the bucket's YYYY-MM-DD otherwise. */
export type KeyedSumRow = LedgerSumRow & { key: string; currency_code: string; code: string; owner_type: string | null; kind: string }

const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS)
const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY_MS) * DAY_MS)
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** [from, to) as whole UTC days (or none) and the partial stretches around them. */
export function splitDays(from: Date, to: Date): { days: [Date, Date] | null; partial: [Date, Date][] } {
  const first = ceilDay(from)
  const end = floorDay(to)
  if (first.getTime() >= end.getTime()) return { days: null, partial: from < to ? [[from, to]] : [] }
  const partial: [Date, Date][] = []
  if (from < first) partial.push([from, first])
  if (end < to) partial.push([end, to])
  return { days: [first, end], partial }
}

/** The SQL key of a grouping: over the rollup (`s.day`, a date) or the entries (`t.occurred_at`). */
function keyOf(grouping: Grouping, source: "rollup" | "entries") {
  if (grouping === "total") return "''"
  if (grouping === "product") return source === "rollup" ? "NULLIF(s.product_id, '')" : "e.product_id"
  // `grouping` is one of day/week/month here (validated), never caller text in the SQL.
  const at = source === "rollup" ? "s.day::timestamp" : "(t.occurred_at AT TIME ZONE 'UTC')"
  return `to_char(date_trunc('${grouping}', ${at}), 'YYYY-MM-DD')`
}

/**
 * Debit and credit sums per (key, currency, account code, owner type, transaction kind) of
 * the scope's ledger in [from, to): an employee's view counts their own payable only;
 * `product` leaves out entries without a product.
 */
export async function ledgerSums(knex: Knex, scope: AnalyticsScope, from: Date, to: Date, grouping: Grouping, currency?: string): Promise<KeyedSumRow[]> {
  const { days, partial } = splitDays(from, to)
  const parts: string[] = []
  const bindings: unknown[] = []
  const common = (w: Where, alias: "s" | "e") => {
    if (scope.org_id) w.add(`${alias}.org_id = ?`, scope.org_id)
    if (currency) w.add(`${alias}.currency_code = ?`, currency)
    if (scope.employee_id) w.add("a.code = 'payable' AND a.owner_type = 'employee' AND a.owner_id = ?", scope.employee_id)
    return w
  }
  if (days) {
    // A row taken back to zero (a failed workflow's postings removed) is no posting.
    const w = common(new Where().add("s.day >= ?::date", isoDay(days[0])).add("s.day < ?::date", isoDay(days[1])).add("(s.debits <> 0 OR s.credits <> 0)"), "s")
    if (grouping === "product") w.add("s.product_id <> ''")
    parts.push(
      `SELECT ${keyOf(grouping, "rollup")} AS key, s.currency_code, a.code, a.owner_type, s.kind, s.debits, s.credits
       FROM ledger_day_sum s JOIN ledger_account a ON a.id = s.account_id WHERE ${w.sql}`
    )
    bindings.push(...w.bindings)
  }
  for (const [start, end] of partial) {
    // t.org_id and t.deleted_at too: the ledger's (org_id, occurred_at) index on transactions answers the stretch.
    const w = common(new Where().add("e.deleted_at IS NULL AND t.deleted_at IS NULL").add("t.occurred_at >= ?", start).add("t.occurred_at < ?", end), "e")
    if (scope.org_id) w.add("t.org_id = ?", scope.org_id)
    if (grouping === "product") w.add("e.product_id IS NOT NULL")
    parts.push(
      `SELECT ${keyOf(grouping, "entries")} AS key, e.currency_code, a.code, a.owner_type, t.kind,
         CASE WHEN e.direction = 'debit' THEN e.amount ELSE 0 END AS debits, CASE WHEN e.direction = 'credit' THEN e.amount ELSE 0 END AS credits
       FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id JOIN ledger_account a ON a.id = e.account_id WHERE ${w.sql}`
    )
    bindings.push(...w.bindings)
  }
  if (!parts.length) return []
  const { rows } = await knex.raw<KeyedSumRow>(
    `SELECT key, currency_code, code, owner_type, kind, SUM(debits)::text AS debits, SUM(credits)::text AS credits
     FROM (${parts.join(" UNION ALL ")}) x GROUP BY 1, 2, 3, 4, 5`,
    bindings
  )
  return rows
}
