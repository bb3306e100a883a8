import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import { rulesActiveAt } from "../../modules/attribution/service"
import {
  computeRevenueWaterfall,
  DEFAULT_FEES,
  FeeSettings,
  WaterfallInputError,
  WaterfallLine,
  WaterfallResult,
} from "../../rules/revenue-waterfall"
import { actualFeeOfPayments } from "../../rules/processing-fee"

import { toMinor, fromMinor } from "@volmify/ledger/money"
import { chartAccount, type ChartCode } from "@volmify/ledger/chart"
import { accountKey, type AccountSpec } from "@volmify/ledger/modules/ledger"
import { fixedAmountsOf, type OrderItemRow, type OrderRow, type ShippingMethodRow, type OrgRow, type PaymentRow, type RuleShareRow } from "../../types/rows"

/** Ledger reference of an order's capture posting; refunds post under their own ids. */
export const ORDER_REFERENCE = "order"
export const REFUND_REFERENCE = "refund"

export type PlannedEntry = {
  account_key: string
  direction: "debit" | "credit"
  amount: string
  product_id: string | null
  line_item_id: string | null
  metadata?: Record<string, unknown> | null
}
export type PlannedPosting = {
  skipped: string | null
  accounts: AccountSpec[]
  transaction: null | {
    org_id: string
    currency_code: string
    kind: "posting"
    reference_type: string
    reference_id: string
    description: string
    flags: string[]
    occurred_at: Date
    metadata: Record<string, unknown>
    entries: PlannedEntry[]
  }
}

/** The org's fee settings (defaults: the worked example), fixed parts in minor units. */
export function feeSettings(settings: Record<string, any> | null | undefined): FeeSettings {
  const s = settings ?? {}
  const int = (v: unknown, d: number) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : d)
  return {
    platform_fee_bps: int(s.platform_fee_bps, DEFAULT_FEES.platform_fee_bps),
    processing_fee_bps: int(s.processing_fee_bps, DEFAULT_FEES.processing_fee_bps),
    platform_fee_fixed: BigInt(int(s.platform_fee_fixed, 0)),
    processing_fee_fixed: BigInt(int(s.processing_fee_fixed, 0)),
    fixed_fee_currency_code: s.default_currency_code ?? null,
    fee_base: s.fee_base === "net_of_tax" ? "net_of_tax" : "gross",
  }
}

/** What an order's posting is computed from (orders, lines, shipping, payments and their fee data). */
export const ORDER_POSTING_FIELDS = [
  "id",
  "display_id",
  "currency_code",
  "created_at",
  "sales_channel_id",
  "total",
  "items.id",
  "items.product_id",
  "items.quantity",
  "items.total",
  "items.tax_total",
  "shipping_methods.id",
  "shipping_methods.total",
  "shipping_methods.tax_total",
  "payment_collections.amount",
  "payment_collections.captured_amount",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.data",
  "payment_collections.payments.captures.id",
]

/** Where a posting's processing fee came from (its metadata says so: `processing_fee.source`). */
export type FeeSource =
  | { source: "provider"; minor: bigint; providers: string[]; references: string[] }
  | { source: "reported"; minor: bigint; providers: string[]; references: string[] }
  | { source: "estimate"; minor: null; providers: string[]; references: [] }

/**
 * The order's processing fee: `reported` (a fee passed in, e.g. a provider's late report)
 * first, then what its captured payments' provider data says, else the org's estimate.
 */
export function feeSourceOf(order: Pick<OrderRow, "payment_collections">, currency: string, reported?: number | string | null): FeeSource {
  const payments = (order.payment_collections ?? []).flatMap((pc) => pc?.payments ?? []).filter((p): p is PaymentRow => Boolean(p))
  const providers = [...new Set<string>(payments.map((p) => p.provider_id).filter(Boolean))]
  if (reported != null) return { source: "reported", minor: toMinor(reported, currency, { field: "processing_fee" }), providers, references: [] }
  const known = actualFeeOfPayments(
    payments.map((p) => ({ provider_id: p.provider_id, captured: (p.captures ?? []).length > 0, data: p.data })),
    currency,
    (amount) => toMinor(amount, currency)
  )
  return known ? { source: "provider", ...known } : { source: "estimate", minor: null, providers, references: [] }
}

/**
 * What each order's capture posts: the waterfall of its lines (rules in effect when the
 * order was placed, the owner org's fee settings) as one balanced transaction: per line,
 * debit cash; credit tax payable, platform fees, processing fees, each attributed
 * employee's payable and org revenue. Skips (with a reason) an order that is not found,
 * not fully captured, has no org, or is already posted. Reads only, in a fixed number of
 * queries however many orders (the backlog workflow plans hundreds at once). One answer per
 * id, in order; `processing_fee` (the provider's actual fee) only with a single order.
 */
export async function planOrderPostings(
  container: MedusaContainer,
  orderIds: string[],
  processing_fee?: number | string | null
): Promise<(PlannedPosting & { order_id: string })[]> {
  const ids = [...new Set(orderIds)]
  if (!ids.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orderRows } = await query.graph({
    entity: "order",
    fields: ORDER_POSTING_FIELDS,
    filters: { id: ids },
  })
  const orders = orderRows as unknown as OrderRow[]
  const byId = new Map(orders.map((o) => [o.id, o]))
  const { data: posted } = await query.graph({
    entity: "ledger_transaction",
    fields: ["reference_id"],
    filters: { reference_type: ORDER_REFERENCE, reference_id: ids },
  })
  const postedIds = new Set((posted as { reference_id: string }[]).map((t) => t.reference_id))
  const channels = [...new Set(orders.map((o) => o.sales_channel_id).filter((c): c is string => Boolean(c)))]
  const orgs: OrgRow[] = channels.length
    ? (await query.graph({ entity: "org", fields: ["id", "sales_channel_id", "settings"], filters: { sales_channel_id: channels } })).data
    : []
  const orgByChannel = new Map(orgs.map((o) => [o.sales_channel_id, o]))
  const due = orders.filter((o) => !postedIds.has(o.id))
  const productIds = [...new Set(due.flatMap((o) => (o.items ?? []).map((i) => i?.product_id)).filter(Boolean))] as string[]
  const latest = new Date(Math.max(0, ...due.map((o) => new Date(o.created_at).getTime())))
  const attribution: AttributionModuleService = container.resolve(ATTRIBUTION_MODULE)
  const rules = await attribution.listRulesEffectiveBy(productIds, latest)

  return orderIds.map((order_id) => {
    const skipped = (reason: string) => ({ order_id, skipped: reason, accounts: [], transaction: null })
    const order = byId.get(order_id)
    if (!order) return skipped("order not found")
    const captured = MathBN.sum(0, ...(order.payment_collections ?? []).map((pc) => pc?.captured_amount ?? 0))
    if (MathBN.lte(captured, 0) || MathBN.lt(captured, order.total)) return skipped("order is not fully captured")
    if (postedIds.has(order.id)) return skipped("already posted")
    const org = orgByChannel.get(order.sales_channel_id)
    if (!org) return skipped("the order's sales channel belongs to no org")
    const placedAt = new Date(order.created_at)
    const currency = String(order.currency_code).toLowerCase()
    const fee = feeSourceOf(order, currency, orderIds.length === 1 ? processing_fee : null)
    const plan = postingOf(order, org, rulesActiveAt(rules, placedAt), fee)
    return plan.transaction ? { order_id, ...plan } : skipped(plan.skipped as string)
  })
}

/**
 * One order's balanced posting (see planOrderPostings). `fees` defaults to the org's
 * current settings; an adjustment passes the ones the posting was made with.
 */
export function postingOf(order: OrderRow, org: OrgRow, rules: RuleShareRow[], fee: FeeSource, fees: FeeSettings = feeSettings(org.settings)): PlannedPosting {
  const currency = String(order.currency_code).toLowerCase()
  const items = (order.items ?? []).filter((i): i is OrderItemRow => Boolean(i))
  const lines: WaterfallLine[] = [
    ...items.map((i) => ({
      id: i.id,
      product_id: i.product_id ?? null,
      quantity: Number(i.quantity) || 1,
      gross: toMinor(i.total, currency),
      tax: toMinor(i.tax_total ?? 0, currency),
      shares: rules
        .filter((r) => r.product_id === i.product_id && r.org_id === org.id)
        .map((r) => {
          const fixed = fixedAmountsOf(r.fixed_amounts).find((f) => f.currency_code === currency)
          return { key: r.employee_id, percent_bps: r.percent_bps ?? 0, fixed_per_unit: fixed ? toMinor(fixed.amount, currency) : 0n }
        }),
    })),
    ...(order.shipping_methods ?? []).filter((s): s is ShippingMethodRow => Boolean(s)).map((s) => ({
      id: `shipping:${s.id}`,
      product_id: null,
      quantity: 1,
      gross: toMinor(s.total ?? 0, currency),
      tax: toMinor(s.tax_total ?? 0, currency),
      shares: [],
    })),
  ]
  let waterfall: WaterfallResult
  try {
    waterfall = computeRevenueWaterfall({
      currency_code: currency,
      lines,
      fees,
      actual_processing_fee: fee.minor,
    })
  } catch (error) {
    if (error instanceof WaterfallInputError) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    throw error
  }
  if (!waterfall.lines.some((l) => l.gross > 0n)) return { skipped: "nothing was paid", accounts: [], transaction: null }

  const specs = new Map<string, AccountSpec>()
  const account = (code: ChartCode, owner?: { type: string; id: string }) => {
    const spec = chartAccount(org.id, code, currency, owner && { ...owner, name: `Payable to ${owner.id}` })
    const key = accountKey(spec)
    specs.set(key, spec)
    return key
  }
  const entries: PlannedEntry[] = []
  const add = (key: string, direction: "debit" | "credit", minor: bigint, line: { id: string; product_id: string | null }, metadata?: Record<string, unknown>) => {
    // Shipping lines keep their "shipping:<id>" key: reversals group entries by line.
    if (minor > 0n) {
      entries.push({ account_key: key, direction, amount: fromMinor(minor, currency), product_id: line.product_id, line_item_id: line.id, metadata: metadata ?? null })
    }
  }
  for (const line of waterfall.lines) {
    add(account("cash"), "debit", line.gross, line)
    add(account("tax_payable"), "credit", line.tax, line)
    add(account("platform_fees"), "credit", line.platform_fee, line)
    add(account("processing_fees"), "credit", line.processing_fee, line)
    const byEmployee = new Map<string, bigint>()
    for (const share of line.shares) byEmployee.set(share.key, (byEmployee.get(share.key) ?? 0n) + share.amount)
    for (const [employeeId, amount] of byEmployee) add(account("payable", { type: "employee", id: employeeId }), "credit", amount, line)
    add(account("revenue"), "credit", line.org, line)
  }
  return {
    skipped: null,
    accounts: [...specs.values()],
    transaction: {
      org_id: org.id,
      currency_code: currency,
      kind: "posting",
      reference_type: ORDER_REFERENCE,
      reference_id: order.id,
      description: `Order #${order.display_id ?? order.id} captured`,
      flags: waterfall.flags,
      occurred_at: new Date(),
      metadata: {
        order_id: order.id,
        line_flags: Object.fromEntries(waterfall.lines.filter((l) => l.flags.length).map((l) => [l.id, l.flags])),
        processing_fee: {
          source: fee.source,
          amount: fromMinor(waterfall.lines.reduce((s, l) => s + l.processing_fee, 0n), currency),
          providers: fee.providers,
          references: fee.references,
        },
        // What the split was computed with, so a later fee adjustment recomputes the same split.
        fee_settings: { ...fees, platform_fee_fixed: String(fees.platform_fee_fixed ?? 0n), processing_fee_fixed: String(fees.processing_fee_fixed ?? 0n) },
      },
      entries,
    },
  }
}

/** One order's capture posting (the payment.captured path): planOrderPostings for one id. */
export const planOrderPostingStep = createStep(
  "plan-order-revenue-posting",
  async ({ order_id, processing_fee }: { order_id: string; processing_fee?: number | string | null }, { container }) => {
    const [{ order_id: _id, ...plan }] = await planOrderPostings(container, [order_id], processing_fee)
    return new StepResponse<PlannedPosting>(plan)
  }
)

/** A backlog's postings: planOrderPostings for many ids, with the union of their accounts. */
export const planOrdersPostingsStep = createStep(
  "plan-orders-revenue-postings",
  async ({ order_ids }: { order_ids: string[] }, { container }) => {
    const plans = await planOrderPostings(container, order_ids)
    const accounts = new Map<string, AccountSpec>()
    for (const p of plans) for (const spec of p.accounts) accounts.set(accountKey(spec), spec)
    return new StepResponse({ plans, accounts: [...accounts.values()] })
  }
)
