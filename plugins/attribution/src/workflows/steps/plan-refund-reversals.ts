import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PostedLine, planRefundReversal, WaterfallInputError } from "../../rules/revenue-waterfall"
import { ORDER_REFERENCE, REFUND_REFERENCE } from "./plan-order-posting"

import { toMinor, fromMinor } from "@volmify/ledger/money"
import { chartAccount } from "@volmify/ledger/chart"
import { accountKey, type AccountSpec } from "@volmify/ledger/modules/ledger"
import type { LedgerTransactionRow, OrderRow, OrgRow, RefundRow } from "../../types/rows"

/** Ledger reference of an order's processing-fee adjustment (the provider's fee replacing the estimate). */
export const FEE_ADJUSTMENT_REFERENCE = "processing_fee"

export type RefundFeeBearer = "org" | "platform"
/** Who bears the fee a provider keeps on a refund: the org's setting, `org` unless it says `platform`. */
export const refundFeeBearerOf = (settings: Record<string, any> | null | undefined): RefundFeeBearer =>
  settings?.refund_fee_bearer === "platform" ? "platform" : "org"

/** The expense account the kept fee of a refund is charged to, in the org's books. */
export function keptFeeAccount(org_id: string, currency: string, bearer: RefundFeeBearer) {
  return bearer === "platform"
    ? chartAccount(org_id, "processing_fee_expense", currency, { type: "platform", id: "platform", name: "Processing fees kept on refunds (platform)" })
    : chartAccount(org_id, "processing_fee_expense", currency)
}

/** A reversal entry: on an existing account by id, or on the bearer's kept-fee account by key. */
export type PlannedReversalEntry = {
  account_id?: string
  account_key?: string
  direction: "debit" | "credit"
  amount: string
  product_id: string | null
  line_item_id: string
  metadata?: Record<string, unknown>
}
export type PlannedReversal = {
  org_id: string
  currency_code: string
  kind: "reversal"
  reference_type: string
  reference_id: string
  reverses_id: string
  description: string
  flags: string[]
  occurred_at: Date
  metadata: Record<string, unknown>
  entries: PlannedReversalEntry[]
}
export type PlannedReversals = { skipped: string | null; accounts: AccountSpec[]; transactions: PlannedReversal[] }

const ENTRY_FIELDS = [
  "id",
  "reference_id",
  "kind",
  "entries.account_id",
  "entries.direction",
  "entries.amount",
  "entries.line_item_id",
  "entries.product_id",
  "entries.metadata",
]

/**
 * The reversing transactions an order's refunds still need, oldest refund first: each
 * spreads its refunded amount over the posted lines and their credits in proportion to
 * what is left unreversed (rules/revenue-waterfall.ts), so the books never reverse more
 * than was posted for a line. The processing fee is not given back (providers keep it on
 * refunds): its share of each refund is charged to the bearer's `processing_fee_expense`
 * account instead (the org's, or the platform's with `refund_fee_bearer: "platform"`), so
 * the fee stays with the processor and the refunded cash still balances. A fee adjustment
 * (the provider's fee replacing the estimate) counts as posted. Reads only.
 */
export const planRefundReversalsStep = createStep(
  "plan-refund-reversals",
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [orderRow],
    } = await query.graph({
      entity: "order",
      fields: ["id", "display_id", "currency_code", "payment_collections.payments.refunds.id", "payment_collections.payments.refunds.amount", "payment_collections.payments.refunds.created_at"],
      filters: { id: order_id },
    })
    const order = orderRow as unknown as Pick<OrderRow, "id" | "display_id" | "currency_code" | "payment_collections"> | undefined
    if (!order) return new StepResponse<PlannedReversals>({ skipped: "order not found", accounts: [], transactions: [] })
    const {
      data: [postingRow],
    } = await query.graph({
      entity: "ledger_transaction",
      fields: [...ENTRY_FIELDS, "org_id", "currency_code"],
      filters: { reference_type: ORDER_REFERENCE, reference_id: order.id },
    })
    const posting: LedgerTransactionRow | undefined = postingRow
    if (!posting) return new StepResponse<PlannedReversals>({ skipped: "the capture is not posted", accounts: [], transactions: [] })
    const reversals: LedgerTransactionRow[] = (await query.graph({ entity: "ledger_transaction", fields: ENTRY_FIELDS, filters: { reverses_id: posting.id } })).data
    const adjustments: LedgerTransactionRow[] = (
      await query.graph({
        entity: "ledger_transaction",
        fields: ENTRY_FIELDS,
        filters: { reference_type: FEE_ADJUSTMENT_REFERENCE, reference_id: order.id },
      })
    ).data
    const reversed = new Set(reversals.map((r) => r.reference_id))
    const currency = posting.currency_code
    const accounts: { id: string; code: string }[] = (
      await query.graph({
        entity: "ledger_account",
        fields: ["id", "code"],
        filters: { id: [...new Set(posting.entries.map((e) => e.account_id))] },
      })
    ).data
    const feeAccounts = new Set(accounts.filter((a) => a.code === "processing_fees").map((a) => a.id))
    const orgs: OrgRow[] = (await query.graph({ entity: "org", fields: ["id", "settings"], filters: { id: posting.org_id } })).data
    const bearerSpec = keptFeeAccount(posting.org_id, currency, refundFeeBearerOf(orgs[0]?.settings))
    const bearerKey = accountKey(bearerSpec)

    // What each line still holds: its credits minus what reversals debited back; cash per line.
    const remaining = new Map<string, Map<string, bigint>>()
    const cashAccount = new Map<string, string>()
    const productOf = new Map<string, string | null>()
    for (const e of posting.entries) {
      if (e.direction === "debit") {
        cashAccount.set(e.line_item_id, e.account_id)
        continue
      }
      const line = remaining.get(e.line_item_id) ?? new Map<string, bigint>()
      line.set(e.account_id, (line.get(e.account_id) ?? 0n) + toMinor(e.amount, currency))
      remaining.set(e.line_item_id, line)
      productOf.set(e.line_item_id, e.product_id ?? null)
    }
    // An adjustment moves credits between a line's accounts (cash unchanged): credit adds, debit takes.
    for (const e of adjustments.flatMap((a) => a.entries)) {
      const line = remaining.get(e.line_item_id)
      if (!line) continue
      const signed = (e.direction === "credit" ? 1n : -1n) * toMinor(e.amount, currency)
      line.set(e.account_id, (line.get(e.account_id) ?? 0n) + signed)
    }
    for (const e of reversals.flatMap((r) => r.entries)) {
      if (e.direction !== "debit") continue
      // A kept fee was charged to the bearer's account but used up the line's processing fee.
      const account = typeof e.metadata?.kept_fee_of === "string" ? e.metadata.kept_fee_of : e.account_id
      const line = remaining.get(e.line_item_id)
      if (line?.has(account)) line.set(account, line.get(account)! - toMinor(e.amount, currency))
    }

    const refunds = (order.payment_collections ?? [])
      .flatMap((pc) => pc?.payments ?? [])
      .flatMap((p) => p?.refunds ?? [])
      .filter((r): r is RefundRow => Boolean(r) && !reversed.has(r!.id))
      .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || String(a.id).localeCompare(String(b.id)))

    const transactions = refunds.map((refund): PlannedReversal => {
      const lines: PostedLine[] = [...remaining.entries()].map(([id, parts]) => ({
        id,
        remaining: [...parts.entries()].map(([key, amount]) => ({ key, amount })),
      }))
      let plan
      try {
        plan = planRefundReversal(toMinor(refund.amount, currency), lines)
      } catch (error) {
        if (error instanceof WaterfallInputError) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
        throw error
      }
      const entries: PlannedReversalEntry[] = []
      for (const line of plan.lines) {
        if (line.amount === 0n) continue
        const common = { product_id: productOf.get(line.id) ?? null, line_item_id: line.id }
        entries.push({ account_id: cashAccount.get(line.id), direction: "credit", amount: fromMinor(line.amount, currency), ...common })
        for (const part of line.parts) {
          if (part.amount === 0n) continue
          const kept = feeAccounts.has(part.key)
          entries.push({
            ...(kept ? { account_key: bearerKey, metadata: { kept_fee_of: part.key } } : { account_id: part.key }),
            direction: "debit",
            amount: fromMinor(part.amount, currency),
            ...common,
          })
          remaining.get(line.id)!.set(part.key, remaining.get(line.id)!.get(part.key)! - part.amount)
        }
      }
      return {
        org_id: posting.org_id,
        currency_code: currency,
        kind: "reversal",
        reference_type: REFUND_REFERENCE,
        reference_id: refund.id,
        reverses_id: posting.id,
        description: `Refund on order #${order.display_id ?? order.id}`,
        flags: plan.capped ? ["refund_exceeds_posted"] : [],
        occurred_at: new Date(),
        metadata: { order_id: order.id, refunded: String(refund.amount) },
        entries,
      }
    })
    // A refund with nothing left to reverse posts nothing.
    const due = transactions.filter((t) => t.entries.length)
    const needsBearer = due.some((t) => t.entries.some((e) => e.account_key))
    return new StepResponse<PlannedReversals>({ skipped: null, accounts: needsBearer ? [bearerSpec] : [], transactions: due })
  }
)
