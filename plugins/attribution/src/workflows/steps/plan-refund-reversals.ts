import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PostedLine, planRefundReversal, WaterfallInputError } from "../../rules/revenue-waterfall"
import { ORDER_REFERENCE, REFUND_REFERENCE } from "./plan-order-posting"

const { toMinor, fromMinor } = require("@volmify/ledger/utils/money") as {
  toMinor(amount: unknown, currency: string): bigint
  fromMinor(minor: bigint, currency: string): string
}

export type PlannedReversals = { skipped: string | null; transactions: any[] }

const ENTRY_FIELDS = ["id", "reference_id", "kind", "entries.account_id", "entries.direction", "entries.amount", "entries.line_item_id", "entries.product_id"]

/**
 * The reversing transactions an order's refunds still need, oldest refund first: each
 * spreads its refunded amount over the posted lines and their credits in proportion to
 * what is left unreversed (rules/revenue-waterfall.ts), so the books never reverse more
 * than was posted for a line. Reads only.
 */
export const planRefundReversalsStep = createStep(
  "plan-refund-reversals",
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    } = await query.graph({
      entity: "order",
      fields: ["id", "display_id", "currency_code", "payment_collections.payments.refunds.id", "payment_collections.payments.refunds.amount", "payment_collections.payments.refunds.created_at"],
      filters: { id: order_id },
    })
    if (!order) return new StepResponse<PlannedReversals>({ skipped: "order not found", transactions: [] })
    const {
      data: [posting],
    } = await query.graph({
      entity: "ledger_transaction",
      fields: [...ENTRY_FIELDS, "org_id", "currency_code"],
      filters: { reference_type: ORDER_REFERENCE, reference_id: order.id },
    })
    if (!posting) return new StepResponse<PlannedReversals>({ skipped: "the capture is not posted", transactions: [] })
    const { data: reversals } = await query.graph({ entity: "ledger_transaction", fields: ENTRY_FIELDS, filters: { reverses_id: posting.id } })
    const reversed = new Set(reversals.map((r: any) => r.reference_id))
    const currency = posting.currency_code as string

    // What each line still holds: its credits minus what reversals debited back; cash per line.
    const remaining = new Map<string, Map<string, bigint>>()
    const cashAccount = new Map<string, string>()
    const productOf = new Map<string, string | null>()
    for (const e of posting.entries as any[]) {
      if (e.direction === "debit") {
        cashAccount.set(e.line_item_id, e.account_id)
        continue
      }
      const line = remaining.get(e.line_item_id) ?? new Map<string, bigint>()
      line.set(e.account_id, (line.get(e.account_id) ?? 0n) + toMinor(e.amount, currency))
      remaining.set(e.line_item_id, line)
      productOf.set(e.line_item_id, e.product_id ?? null)
    }
    for (const e of reversals.flatMap((r: any) => r.entries) as any[]) {
      if (e.direction !== "debit") continue
      const line = remaining.get(e.line_item_id)
      if (line?.has(e.account_id)) line.set(e.account_id, line.get(e.account_id)! - toMinor(e.amount, currency))
    }

    const refunds = (order.payment_collections ?? [])
      .flatMap((pc: any) => pc?.payments ?? [])
      .flatMap((p: any) => p?.refunds ?? [])
      .filter((r: any) => r && !reversed.has(r.id))
      .sort((a: any, b: any) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || String(a.id).localeCompare(String(b.id)))

    const transactions = refunds.map((refund: any) => {
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
      const entries: any[] = []
      for (const line of plan.lines) {
        if (line.amount === 0n) continue
        const common = { product_id: productOf.get(line.id) ?? null, line_item_id: line.id }
        entries.push({ account_id: cashAccount.get(line.id), direction: "credit", amount: fromMinor(line.amount, currency), ...common })
        for (const part of line.parts) {
          if (part.amount === 0n) continue
          entries.push({ account_id: part.key, direction: "debit", amount: fromMinor(part.amount, currency), ...common })
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
    return new StepResponse<PlannedReversals>({ skipped: null, transactions: transactions.filter((t: any) => t.entries.length) })
  }
)
