// The shapes of the rows this plugin reads with query.graph (the fields it selects), for
// entities whose graph results are not typed (other plugins' models, deep order relations).
import type { BigNumberInput } from "@medusajs/framework/types"

export type Direction = "debit" | "credit"

export type RefundRow = { id: string; amount: BigNumberInput; created_at: string | Date }
export type PaymentRow = {
  id: string
  provider_id: string
  data?: Record<string, unknown> | null
  captures?: ({ id: string } | null)[] | null
  refunds?: (RefundRow | null)[] | null
}
export type PaymentCollectionRow = {
  amount?: BigNumberInput
  captured_amount?: BigNumberInput | null
  payments?: (PaymentRow | null)[] | null
}
export type OrderItemRow = { id: string; product_id?: string | null; quantity?: BigNumberInput; total: BigNumberInput; tax_total?: BigNumberInput | null }
export type ShippingMethodRow = { id: string; total?: BigNumberInput | null; tax_total?: BigNumberInput | null }
/** An order as ORDER_POSTING_FIELDS (or a subset of them) selects it. */
export type OrderRow = {
  id: string
  display_id?: number | null
  currency_code: string
  created_at: string | Date
  sales_channel_id?: string | null
  total: BigNumberInput
  items?: (OrderItemRow | null)[] | null
  shipping_methods?: (ShippingMethodRow | null)[] | null
  payment_collections?: (PaymentCollectionRow | null)[] | null
}
export type OrgRow = { id: string; sales_channel_id?: string | null; settings?: Record<string, unknown> | null }

export type LedgerEntryRow = {
  account_id: string
  direction: Direction
  amount: string
  line_item_id: string
  product_id?: string | null
  metadata?: Record<string, unknown> | null
  account?: { key: string }
}
export type LedgerTransactionRow = {
  id: string
  reference_id: string
  reference_type?: string
  kind?: string
  org_id: string
  currency_code: string
  metadata?: Record<string, unknown> | null
  entries: LedgerEntryRow[]
}

/** A rule as the posting reads it; `fixed_amounts` is JSON (`[{ currency_code, amount }]`). */
export type RuleShareRow = {
  product_id: string
  org_id: string
  employee_id: string
  percent_bps?: number | null
  fixed_amounts?: unknown
}
export type FixedAmount = { currency_code: string; amount: BigNumberInput }
export const fixedAmountsOf = (value: unknown): FixedAmount[] => (Array.isArray(value) ? (value as FixedAmount[]) : [])
