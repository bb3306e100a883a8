import { MedusaError } from "@medusajs/framework/utils"
import { fromMinor, type LedgerTotals } from "@volmify/ledger/money"

/**
 * The knex instance Medusa registers as PG_CONNECTION (only `raw` is used here). `Row` is the
 * shape of the rows the SQL selects, named by the caller (node-postgres: `::int` and `count`
 * casts as numbers, `::text` sums and ids as strings, timestamps as Dates).
 */
export type Knex = { raw<Row extends object = Record<string, unknown>>(sql: string, bindings?: unknown[]): Promise<{ rows: Row[] }> }

export type Period = { from: Date; to: Date }
export const DAY_MS = 86_400_000
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
/** At most this many buckets per answer (e.g. 2 years by day). */
export const MAX_BUCKETS = 800

/**
 * The period asked for (UTC, `to` exclusive; a date-only `to` counts that whole day) and
 * the previous period of the same length. Default: the last 30 days.
 */
export function periods(q: { from?: string; to?: string }, now = new Date()): { current: Period; previous: Period } {
  const to = q.to ? new Date(DATE_ONLY.test(q.to) ? Date.parse(`${q.to}T00:00:00Z`) + DAY_MS : Date.parse(q.to)) : now
  const from = q.from ? new Date(DATE_ONLY.test(q.from) ? `${q.from}T00:00:00Z` : q.from) : new Date(to.getTime() - 30 * DAY_MS)
  if (from.getTime() >= to.getTime()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "from must be before to")
  }
  const length = to.getTime() - from.getTime()
  return { current: { from, to }, previous: { from: new Date(from.getTime() - length), to: from } }
}

export function assertBuckets(period: Period, interval: "day" | "week" | "month") {
  const days = (period.to.getTime() - period.from.getTime()) / DAY_MS
  const buckets = interval === "day" ? days : interval === "week" ? days / 7 : days / 28
  if (buckets > MAX_BUCKETS) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `interval=${interval} gives more than ${MAX_BUCKETS} buckets for this period: choose a longer interval or a shorter period`
    )
  }
}

/**
 * Ledger totals (folded by @volmify/ledger's `addLedgerSum`, the fold attribution's
 * statements and summary use too, so the totals agree to the cent) as exact decimal strings
 * in major units. `net` = gross - refunds; `org_net` = org revenue - commissions - refund
 * fees the org bears; payouts (`paid_out`) are no revenue figure.
 */
export function revenueJson(t: LedgerTotals, currency: string) {
  const m = (v: bigint) => fromMinor(v, currency)
  return {
    gross: m(t.gross),
    refunds: m(t.refunds),
    net: m(t.gross - t.refunds),
    tax: m(t.tax),
    platform_fees: m(t.platform_fees),
    processing_fees: m(t.processing_fees),
    staff_shares: m(t.employee_shares),
    affiliate_commissions: m(t.affiliate_commissions),
    org_revenue: m(t.org_revenue),
    refund_fees_org: m(t.refund_fees_org),
    refund_fees_platform: m(t.refund_fees_platform),
    org_net: m(t.org_revenue - t.affiliate_commissions - t.refund_fees_org),
  }
}

/** `part / whole` rounded to 4 decimals (a ratio, not money); null when nothing to divide. */
export const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null)

/**
 * `column` is one of `ids`, as SQL with one binding (knex would expand an array binding into
 * a list). Medusa ids never hold a comma; an empty list matches nothing.
 */
export const anyOf = (column: string, ids: string[]): [string, string] => [`${column} = ANY(string_to_array(?, ','))`, ids.join(",")]

/** A SQL fragment and its bindings, joined with AND. */
export class Where {
  parts: string[] = []
  bindings: unknown[] = []
  add(sql: string, ...bindings: unknown[]) {
    this.parts.push(sql)
    this.bindings.push(...bindings)
    return this
  }
  get sql() {
    return this.parts.length ? this.parts.join(" AND ") : "TRUE"
  }
}
