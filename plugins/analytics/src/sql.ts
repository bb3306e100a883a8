import { MedusaError } from "@medusajs/framework/utils"
import { fromMinor, toMinor } from "@volmify/ledger/money"

/** The knex instance Medusa registers as PG_CONNECTION (only `raw` is used here). */
export type Knex = { raw(sql: string, bindings?: unknown[]): Promise<{ rows: any[] }> }

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

/** Revenue figures in integer minor units, folded from the ledger's per-account sums. */
export type Revenue = {
  gross: bigint
  refunds: bigint
  tax: bigint
  platform_fees: bigint
  processing_fees: bigint
  staff_shares: bigint
  affiliate_commissions: bigint
  org_revenue: bigint
  refund_fees_org: bigint
  refund_fees_platform: bigint
}
export const zeroRevenue = (): Revenue => ({
  gross: 0n,
  refunds: 0n,
  tax: 0n,
  platform_fees: 0n,
  processing_fees: 0n,
  staff_shares: 0n,
  affiliate_commissions: 0n,
  org_revenue: 0n,
  refund_fees_org: 0n,
  refund_fees_platform: 0n,
})

export type LedgerSumRow = { code: string; owner_type: string | null; kind: string; debits: string; credits: string }

/**
 * Adds one (account code, owner type, transaction kind) sum to `t`, the way
 * @volmify/attribution's statements and summary read the same accounts, so the totals agree
 * to the cent. Payouts move money already earned and count in none of these figures.
 */
export function addLedgerSum(t: Revenue, r: LedgerSumRow, currency: string) {
  const debits = toMinor(r.debits, currency)
  const credits = toMinor(r.credits, currency)
  if (r.kind === "payout") return
  switch (r.code) {
    case "cash":
      t.gross += r.kind === "reversal" ? 0n : debits
      t.refunds += r.kind === "reversal" ? credits - debits : credits
      break
    case "tax_payable":
      t.tax += credits - debits
      break
    case "platform_fees":
      t.platform_fees += credits - debits
      break
    case "processing_fees":
      t.processing_fees += credits - debits
      break
    case "payable":
      if (r.owner_type === "employee") t.staff_shares += credits - debits
      break
    case "commission_expense":
      t.affiliate_commissions += debits - credits
      break
    case "revenue":
      t.org_revenue += credits - debits
      break
    case "processing_fee_expense":
      if (r.owner_type === "platform") t.refund_fees_platform += debits - credits
      else t.refund_fees_org += debits - credits
      break
  }
}

/** Exact decimal strings in major units; `net` = gross - refunds; `org_net` = org revenue - commissions - refund fees the org bears. */
export function revenueJson(t: Revenue, currency: string) {
  const m = (v: bigint) => fromMinor(v, currency)
  return {
    gross: m(t.gross),
    refunds: m(t.refunds),
    net: m(t.gross - t.refunds),
    tax: m(t.tax),
    platform_fees: m(t.platform_fees),
    processing_fees: m(t.processing_fees),
    staff_shares: m(t.staff_shares),
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
