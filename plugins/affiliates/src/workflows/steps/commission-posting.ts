import type { LedgerAccountRef, LedgerPostingInput } from "@volmify/ledger/workflows"
import type { AffiliateCommissionRecord } from "../../types/records"
import { affiliateOwner, CLAWBACK_REFERENCE, COMMISSION_REFERENCE } from "../../utils/ledger"

export const orderLockKey = (orderId: string) => `affiliates:order:${orderId}`

/** Postings for the ledger, and the commissions' changes (by id) that go with them. */
export type LedgerPlan = { transactions: LedgerPostingInput[]; updates: ({ id: string } & Record<string, unknown>)[] }

type PostedCommission = Pick<
  AffiliateCommissionRecord,
  "id" | "org_id" | "affiliate_id" | "order_id" | "line_item_id" | "product_id" | "currency_code" | "flags"
>

/** The balanced transaction of a commission (debit expense, credit the affiliate's payable; the reverse to claw back). */
export function commissionPosting(
  c: PostedCommission,
  affiliate: { id: string; code?: string },
  direction: "earn" | "clawback",
  amount: string,
  referenceId: string
): { transaction: LedgerPostingInput } {
  const expense: LedgerAccountRef = { code: "commission_expense" }
  const payable: LedgerAccountRef = { code: "payable", owner: affiliateOwner(affiliate) }
  const [debit, credit] = direction === "earn" ? [expense, payable] : [payable, expense]
  return {
    transaction: {
      org_id: c.org_id,
      currency_code: c.currency_code,
      kind: direction === "earn" ? "posting" : "adjustment",
      reference_type: direction === "earn" ? COMMISSION_REFERENCE : CLAWBACK_REFERENCE,
      reference_id: referenceId,
      description: direction === "earn" ? `Affiliate commission on order ${c.order_id}` : `Refund clawback on order ${c.order_id}`,
      flags: c.flags?.length ? c.flags : null,
      metadata: { commission_id: c.id, affiliate_id: c.affiliate_id, order_id: c.order_id },
      entries: [
        { account: debit, direction: "debit", amount, product_id: c.product_id, line_item_id: c.line_item_id },
        { account: credit, direction: "credit", amount, product_id: c.product_id, line_item_id: c.line_item_id },
      ],
    },
  }
}
