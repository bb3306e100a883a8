import { affiliateOwner, CLAWBACK_REFERENCE, COMMISSION_REFERENCE } from "../../utils/ledger"

export const orderLockKey = (orderId: string) => `affiliates:order:${orderId}`

export type LedgerPlan = { transactions: any[]; updates: any[] }

/** The balanced transaction of a commission (debit expense, credit the affiliate's payable; the reverse to claw back). */
export function commissionPosting(c: any, affiliate: any, direction: "earn" | "clawback", amount: string, referenceId: string) {
  const expense = { code: "commission_expense" }
  const payable = { code: "payable", owner: affiliateOwner(affiliate) }
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
