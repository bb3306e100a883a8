import type { AccountSpec, AccountType } from "./modules/ledger/service"

/**
 * The chart of accounts every org gets per currency (created on first use). Fees are
 * credited as liabilities: money the platform and the payment provider keep out of the
 * cash an order brought in. Per-person payables carry an owner (employee, affiliate).
 */
export const CHART = {
  cash: { type: "asset", name: "Cash and receivables" },
  tax_payable: { type: "liability", name: "Tax payable" },
  platform_fees: { type: "liability", name: "Platform fees" },
  processing_fees: { type: "liability", name: "Processing fees" },
  revenue: { type: "revenue", name: "Org revenue" },
  payable: { type: "liability", name: "Payable" },
  // Affiliate commissions: an expense of the org, paid out of its remainder.
  commission_expense: { type: "expense", name: "Commission expense" },
  // The processing fee a provider keeps when a payment is refunded: a cost of whoever bears
  // it (the org's account, or the platform's: owner { type: "platform" }).
  processing_fee_expense: { type: "expense", name: "Processing fees kept on refunds" },
} as const satisfies Record<string, { type: AccountType; name: string }>

export type ChartCode = keyof typeof CHART

/** The spec of a chart account of `org_id` in `currency_code` (owner for payables). */
export function chartAccount(
  org_id: string,
  code: ChartCode,
  currency_code: string,
  owner?: { type: string; id: string; name?: string }
): AccountSpec {
  return {
    org_id,
    code,
    type: CHART[code].type,
    currency_code: currency_code.toLowerCase(),
    name: owner?.name ?? CHART[code].name,
    owner_type: owner?.type ?? null,
    owner_id: owner?.id ?? null,
  }
}
