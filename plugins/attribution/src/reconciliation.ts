import type { BigNumberInput, FilterableCaptureProps, FilterableRefundProps, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { reportedFeeOf } from "./rules/processing-fee"
import { differencesOf, Figures, OrderFigures, Totals, totalsOf } from "./rules/reconciliation"

/*
 * The reconciliation view of one org and one UTC month: per order, what the payment
 * provider captured, refunded and charged as its fee (Medusa's payment records, and the fee
 * the provider put on the payment's data) against the ledger's cash and processing-fee
 * accounts for the same order, with every difference listed. Amounts are exact decimal
 * strings in the order's currency.
 */

import { toMinor, fromMinor } from "@volmify/ledger/money"
type MoneyRow = { id: string; payment_id: string; amount: BigNumberInput }
type PaidRow = {
  id: string
  provider_id: string
  currency_code: string
  data?: Record<string, unknown> | null
  payment_collection?: { order?: { id: string; sales_channel_id?: string | null; display_id?: number | null } | null } | null
}
type SummaryRow = Record<string, string | null> & { debits: string; credits: string }
type Ledger = { summarizeEntries(filter: Record<string, unknown>, groupBy: string[]): Promise<SummaryRow[]> }

/** The first instant of a "YYYY-MM" month and of the next (UTC). 400 for anything else. */
export function monthRange(month: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month ?? "")
  if (!m) throw new MedusaError(MedusaError.Types.INVALID_DATA, `month must be a month as YYYY-MM, got "${month}"`)
  const [y, mo] = [Number(m[1]), Number(m[2])]
  return { from: new Date(Date.UTC(y, mo - 1, 1)), to: new Date(Date.UTC(y, mo, 1)) }
}

const str = (minor: bigint | null, currency: string) => (minor === null ? null : fromMinor(minor, currency))
const figures = (f: Figures, currency: string) => ({ captured: str(f.captured, currency), refunded: str(f.refunded, currency), fee: str(f.fee, currency) })
const totals = (t: Totals, currency: string) => ({
  captured: str(t.captured, currency),
  refunded: str(t.refunded, currency),
  fees: str(t.fees, currency),
  estimated_fee_orders: t.estimated_fee_orders,
})

export async function buildReconciliation(container: MedusaContainer, org_id: string, month: string) {
  const { from, to } = monthRange(month)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [org],
  } = await query.graph({ entity: "org", fields: ["id", "sales_channel_id"], filters: { id: org_id } })
  if (!org) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${org_id}" was not found`)

  // Provider side: captures and refunds recorded in the month, kept to the org's orders.
  const payments = container.resolve(Modules.PAYMENT)
  // Medusa's filter types say string dates; the ORM takes Dates. The DTOs leave out the
  // `payment_id` column that `select` returns.
  const inMonth = { created_at: { $gte: from, $lt: to } } as unknown as FilterableCaptureProps & FilterableRefundProps
  const [captures, refunds] = (await Promise.all([
    payments.listCaptures(inMonth, { select: ["id", "amount", "payment_id"], take: null }),
    payments.listRefunds(inMonth, { select: ["id", "amount", "payment_id"], take: null }),
  ])) as unknown as [MoneyRow[], MoneyRow[]]
  const paymentIds = [...new Set([...captures, ...refunds].map((r) => r.payment_id).filter(Boolean))]
  const paid: PaidRow[] = paymentIds.length
    ? (await query.graph({
        entity: "payment",
        fields: ["id", "provider_id", "currency_code", "data", "payment_collection.order.id", "payment_collection.order.sales_channel_id", "payment_collection.order.display_id"],
        filters: { id: paymentIds },
      })).data
    : []
  const paymentById = new Map(paid.filter((p) => p.payment_collection?.order?.sales_channel_id === org.sales_channel_id).map((p) => [p.id, p]))

  const orders = new Map<string, OrderFigures & { display_id: number | null; feeUnknown: boolean; feePayments: Set<string> }>()
  const orderOf = (order_id: string, currency: string, display_id: number | null = null) => {
    let o = orders.get(order_id)
    if (!o) {
      o = {
        order_id,
        display_id,
        currency_code: currency,
        providers: [],
        provider: { captured: 0n, refunded: 0n, fee: 0n },
        ledger: { captured: 0n, refunded: 0n, fee: 0n },
        feeUnknown: false,
        feePayments: new Set(),
      }
      orders.set(order_id, o)
    }
    if (display_id !== null) o.display_id = display_id
    return o
  }
  for (const [kind, rows] of [["capture", captures], ["refund", refunds]] as const) {
    for (const r of rows) {
      const p = paymentById.get(r.payment_id)
      if (!p) continue
      const currency = String(p.currency_code).toLowerCase()
      const order = p.payment_collection!.order!
      const o = orderOf(order.id, currency, order.display_id ?? null)
      if (!o.providers.includes(p.provider_id)) o.providers.push(p.provider_id)
      if (kind === "refund") {
        o.provider.refunded += toMinor(r.amount, currency)
        continue
      }
      o.provider.captured += toMinor(r.amount, currency)
      if (o.feePayments.has(p.id)) continue // one fee per payment, however many captures
      o.feePayments.add(p.id)
      const fee = reportedFeeOf(p.data, currency, (a) => toMinor(a, currency))
      if (fee === null) o.feeUnknown = true
      else o.provider.fee = (o.provider.fee ?? 0n) + fee
    }
  }

  // Ledger side: cash and processing fees of the org's transactions in the month, per order.
  const rows = await container.resolve<Ledger>("ledger").summarizeEntries(
    { org_id, codes: ["cash", "processing_fees"], from, to },
    ["order_id", "currency_code", "code", "kind"]
  )
  for (const r of rows) {
    if (!r.order_id) continue
    const currency = r.currency_code!
    const o = orderOf(r.order_id, currency)
    const debits = toMinor(r.debits, currency)
    const credits = toMinor(r.credits, currency)
    if (r.code === "processing_fees") o.ledger.fee = (o.ledger.fee ?? 0n) + credits - debits
    else if (r.kind === "reversal") o.ledger.refunded += credits - debits
    else if (r.kind !== "payout") o.ledger.captured += debits - credits
  }
  const listed = [...orders.values()].map((o) => ({ ...o, provider: { ...o.provider, fee: o.feeUnknown ? null : o.provider.fee } }))
  // Orders the ledger names but the provider did not (another org's id in a manual entry): their display ids.
  const unnamed = listed.filter((o) => o.display_id === null).map((o) => o.order_id)
  if (unnamed.length) {
    const { data } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: unnamed } })
    for (const d of data as { id: string; display_id: number | null }[]) listed.find((o) => o.order_id === d.id)!.display_id = d.display_id
  }
  listed.sort((a, b) => (a.display_id ?? 0) - (b.display_id ?? 0) || a.order_id.localeCompare(b.order_id))

  const out = listed.map((o) => ({
    order_id: o.order_id,
    display_id: o.display_id,
    currency_code: o.currency_code,
    providers: o.providers,
    fee_source: o.provider.fee === null ? "estimate" : "provider",
    provider: figures(o.provider, o.currency_code),
    ledger: figures(o.ledger, o.currency_code),
    differences: differencesOf(o).map((d) => ({
      field: d.field,
      provider: str(d.provider, o.currency_code),
      ledger: str(d.ledger, o.currency_code),
      difference: str(d.difference, o.currency_code),
    })),
  }))
  return {
    org_id,
    month,
    currencies: [...totalsOf(listed).entries()].map(([currency, t]) => ({
      currency_code: currency,
      provider: totals(t.provider, currency),
      ledger: totals(t.ledger, currency),
      by_provider: [...t.by_provider.entries()].map(([provider_id, p]) => ({ provider_id, ...totals(p, currency) })),
    })),
    orders: out,
    differences: out.filter((o) => o.differences.length).map((o) => ({ order_id: o.order_id, display_id: o.display_id, differences: o.differences })),
  }
}
