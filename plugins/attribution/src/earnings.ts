import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/*
 * Statements and summaries, read from @volmify/ledger's SQL sums (summarizeEntries) and
 * folded here in integer minor units. JSON amounts are major units (Medusa's convention);
 * CSV amounts are exact decimals.
 */

import { addLedgerSum, fromMinor, type LedgerTotals, toMinor, zeroLedgerTotals } from "@volmify/ledger/money"

type SummaryRow = Record<string, string | null> & { debits: string; credits: string }
type Ledger = { summarizeEntries(filter: Record<string, unknown>, groupBy: string[]): Promise<SummaryRow[]> }
const ledgerOf = (container: MedusaContainer) => container.resolve<Ledger>("ledger")

const money = (minor: bigint, currency: string) => Number(fromMinor(minor, currency))

export type StatementRow = {
  employee_id: string
  name: string
  email: string | null
  currency_code: string
  month: string
  earned: number
  reversed: number
  paid: number
  balance: number
}

export type StatementFilter = { org_id: string; employee_id?: string | null; currency_code?: string; from?: string; to?: string }

/**
 * Per employee, per currency, per month (UTC): earned (shares posted), reversed (refunds),
 * paid (payouts) and the payable balance at the month's end (all history counted).
 */
export async function buildStatements(container: MedusaContainer, filter: StatementFilter): Promise<StatementRow[]> {
  const rows = await ledgerOf(container).summarizeEntries(
    {
      org_id: filter.org_id,
      codes: ["payable"],
      owner_type: "employee",
      ...(filter.employee_id ? { owner_ids: [filter.employee_id] } : {}),
      ...(filter.currency_code ? { currency_code: filter.currency_code } : {}),
    },
    ["owner_id", "currency_code", "month", "kind"]
  )
  type Acc = { employee_id: string; currency: string; month: string; earned: bigint; reversed: bigint; paid: bigint }
  const byKey = new Map<string, Acc>()
  for (const r of rows) {
    const currency = r.currency_code!
    const key = `${r.owner_id}|${currency}|${r.month}`
    const acc = byKey.get(key) ?? { employee_id: r.owner_id!, currency, month: r.month!, earned: 0n, reversed: 0n, paid: 0n }
    const debits = toMinor(r.debits, currency)
    const credits = toMinor(r.credits, currency)
    if (r.kind === "payout") acc.paid += debits - credits
    else if (r.kind === "reversal") acc.reversed += debits - credits
    else {
      acc.earned += credits
      acc.reversed += debits
    }
    byKey.set(key, acc)
  }
  const sorted = [...byKey.values()].sort(
    (a, b) => a.employee_id.localeCompare(b.employee_id) || a.currency.localeCompare(b.currency) || a.month.localeCompare(b.month)
  )
  const people = await employeeNames(container, [...new Set(sorted.map((s) => s.employee_id))])
  const out: StatementRow[] = []
  let running = 0n
  let last = ""
  for (const s of sorted) {
    const group = `${s.employee_id}|${s.currency}`
    if (group !== last) running = 0n
    last = group
    running += s.earned - s.reversed - s.paid
    if ((filter.from && s.month < filter.from) || (filter.to && s.month > filter.to)) continue
    const person = people.get(s.employee_id)
    out.push({
      employee_id: s.employee_id,
      name: person?.name ?? s.employee_id,
      email: person?.email ?? null,
      currency_code: s.currency,
      month: s.month,
      earned: money(s.earned, s.currency),
      reversed: money(s.reversed, s.currency),
      paid: money(s.paid, s.currency),
      balance: money(running, s.currency),
    })
  }
  return out
}

/** The statement rows as CSV (exact decimals in the currency's digits, RFC 4180 quoting). */
export function statementsCsv(rows: StatementRow[]): string {
  const quote = (v: unknown) => {
    const s = String(v ?? "")
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const exact = (v: number, currency: string) => fromMinor(toMinor(v, currency), currency)
  const header = ["month", "employee_id", "name", "email", "currency_code", "earned", "reversed", "paid", "balance"]
  const lines = rows.map((r) =>
    [
      r.month,
      r.employee_id,
      r.name,
      r.email,
      r.currency_code.toUpperCase(),
      exact(r.earned, r.currency_code),
      exact(r.reversed, r.currency_code),
      exact(r.paid, r.currency_code),
      exact(r.balance, r.currency_code),
    ]
      .map(quote)
      .join(",")
  )
  return [header.join(","), ...lines].join("\r\n") + "\r\n"
}

type EmployeeNameRow = {
  id: string
  display_name?: string | null
  user?: { email?: string | null; first_name?: string | null; last_name?: string | null } | null
}

async function employeeNames(container: MedusaContainer, ids: string[]) {
  const out = new Map<string, { name: string; email: string | null }>()
  if (!ids.length) return out
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "org_employee",
    fields: ["id", "display_name", "user.email", "user.first_name", "user.last_name"],
    filters: { id: ids },
    withDeleted: true,
  })
  for (const e of data as EmployeeNameRow[]) {
    const full = [e.user?.first_name, e.user?.last_name].filter(Boolean).join(" ")
    out.set(e.id, { name: e.display_name || full || e.user?.email || e.id, email: e.user?.email ?? null })
  }
  return out
}

/**
 * The figures of a summary: @volmify/ledger's shared fold (`addLedgerSum`), so statements,
 * summaries and analytics agree to the cent. `creators` is the employees' shares (creators
 * and other staff), `affiliates` the other owners' payables; payouts are split the same way,
 * so what is owed to each never mixes the two.
 */
const totalsJson = (t: LedgerTotals, currency: string) => ({
  gross: money(t.gross, currency),
  refunded: money(t.refunds, currency),
  tax: money(t.tax, currency),
  platform_fees: money(t.platform_fees, currency),
  processing_fees: money(t.processing_fees, currency),
  creators: money(t.employee_shares, currency),
  affiliates: money(t.other_payables, currency),
  org_revenue: money(t.org_revenue, currency),
  refund_fees_org: money(t.refund_fees_org, currency),
  refund_fees_platform: money(t.refund_fees_platform, currency),
  paid_out: money(t.paid_out, currency),
  paid_to_staff: money(t.paid_to_employees, currency),
  paid_to_affiliates: money(t.paid_to_others, currency),
})

/** Per product and currency: gross, refunded, tax, fees, creators' shares and org revenue (net of refunds). */
export async function buildProductReport(container: MedusaContainer, filter: StatementFilter) {
  const rows = await ledgerOf(container).summarizeEntries(
    { org_id: filter.org_id, ...(filter.currency_code ? { currency_code: filter.currency_code } : {}) },
    ["product_id", "currency_code", "code", "owner_type", "kind"]
  )
  const byKey = new Map<string, { product_id: string; currency: string; totals: LedgerTotals }>()
  for (const r of rows) {
    if (!r.product_id) continue
    const key = `${r.product_id}|${r.currency_code}`
    const acc = byKey.get(key) ?? { product_id: r.product_id, currency: r.currency_code!, totals: zeroLedgerTotals() }
    addLedgerSum(acc.totals, r, acc.currency)
    byKey.set(key, acc)
  }
  const ids = [...new Set([...byKey.values()].map((v) => v.product_id))]
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const products: { id: string; title: string }[] = ids.length
    ? (await query.graph({ entity: "product", fields: ["id", "title"], filters: { id: ids } })).data
    : []
  const titles = new Map(products.map((p) => [p.id, p.title]))
  return [...byKey.values()].map((v) => {
    const { paid_out: _p, paid_to_staff: _s, paid_to_affiliates: _a, ...t } = totalsJson(v.totals, v.currency)
    return { product_id: v.product_id, title: titles.get(v.product_id) ?? v.product_id, currency_code: v.currency, ...t }
  })
}

/** Per currency: the org's totals, what is owed to staff, and a monthly series for the chart. */
export async function buildOrgSummary(container: MedusaContainer, filter: StatementFilter) {
  const rows = await ledgerOf(container).summarizeEntries(
    { org_id: filter.org_id, ...(filter.currency_code ? { currency_code: filter.currency_code } : {}) },
    ["currency_code", "month", "code", "owner_type", "kind"]
  )
  const currencies = new Map<string, { totals: LedgerTotals; months: Map<string, LedgerTotals> }>()
  for (const r of rows) {
    const currency = r.currency_code!
    const c = currencies.get(currency) ?? { totals: zeroLedgerTotals(), months: new Map() }
    addLedgerSum(c.totals, r, currency)
    const m = c.months.get(r.month!) ?? zeroLedgerTotals()
    addLedgerSum(m, r, currency)
    c.months.set(r.month!, m)
    currencies.set(currency, c)
  }
  return [...currencies.entries()].map(([currency, c]) => ({
    currency_code: currency,
    ...totalsJson(c.totals, currency),
    owed_to_staff: money(c.totals.employee_shares - c.totals.paid_to_employees, currency),
    owed_to_affiliates: money(c.totals.other_payables - c.totals.paid_to_others, currency),
    months: [...c.months.entries()]
      .filter(([month]) => (!filter.from || month >= filter.from) && (!filter.to || month <= filter.to))
      .map(([month, t]) => ({ month, ...totalsJson(t, currency) })),
  }))
}
