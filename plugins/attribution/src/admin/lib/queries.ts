import { useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type FixedAmount = { currency_code: string; amount: string }
export type AttributionRule = {
  id: string
  employee_id: string
  role: "creator" | "collaborator" | "manager" | "reviewer"
  type: "percent" | "fixed" | "hybrid"
  percent_bps: number
  fixed_amounts: FixedAmount[] | null
  effective_from: string
  effective_to: string | null
  ended_reason: string | null
  in_effect: boolean
}
export type Pool = { total_bps: number; allocated_bps: number; peak_bps: number }
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

/** A staff member of the product's org, by name (the picker of "Revenue shares"). */
export type Employee = { id: string; name: string; email: string | null; role: string; status: string }

/** Query-key factories: every cache entry of this plugin under ["volmify", "attribution"]. */
export const attributionKeys = {
  rules: (productId: string) => ["volmify", "attribution", "rules", productId] as const,
  employees: (orgId: string) => ["volmify", "attribution", "employees", orgId] as const,
  statements: (orgId: string | null) => ["volmify", "attribution", "statements", orgId] as const,
  orgs: () => ["volmify", "attribution", "orgs"] as const,
  reconciliation: (orgId: string | null, month: string) => ["volmify", "attribution", "reconciliation", orgId, month] as const,
}

export const useProductRules = (productId: string) =>
  useQuery({
    queryKey: attributionKeys.rules(productId),
    queryFn: () =>
      sdk.client.fetch<{ attribution_rules: AttributionRule[]; pool: Pool; employees: Employee[] }>(`/admin/products/${productId}/attribution-rules`),
  })

export const useStatements = (orgId: string | null) =>
  useQuery({
    queryKey: attributionKeys.statements(orgId),
    queryFn: () =>
      sdk.client.fetch<{ statements: StatementRow[]; whole_org: boolean; org_id: string }>(`/admin/earnings/statements`, {
        query: orgId ? { org_id: orgId } : {},
      }),
    retry: false,
  })

type Side = { captured: string; refunded: string; fee: string | null }
type Sums = { captured: string; refunded: string; fees: string; estimated_fee_orders: number }
export type Reconciliation = {
  org_id: string
  month: string
  currencies: { currency_code: string; provider: Sums; ledger: Sums; by_provider: (Sums & { provider_id: string })[] }[]
  orders: {
    order_id: string
    display_id: number | null
    currency_code: string
    providers: string[]
    fee_source: "provider" | "estimate"
    provider: Side
    ledger: Side
    differences: { field: "captured" | "refunded" | "fee"; provider: string; ledger: string; difference: string }[]
  }[]
  differences: { order_id: string; display_id: number | null }[]
}

/** Provider vs ledger for one org and month (owners, admins; platform operators name the org). */
export const useReconciliation = (orgId: string | null, month: string) =>
  useQuery({
    queryKey: attributionKeys.reconciliation(orgId, month),
    queryFn: () =>
      sdk.client.fetch<{ reconciliation: Reconciliation }>(`/admin/reconciliation`, {
        query: orgId ? { org_id: orgId, month } : { month },
      }),
    retry: false,
  })

/** Platform operators pick the org they look at. */
export const useOrgOptions = (enabled: boolean) =>
  useQuery({
    queryKey: attributionKeys.orgs(),
    queryFn: () => sdk.client.fetch<{ orgs: { id: string; name: string }[] }>(`/admin/orgs`, { query: { limit: 100 } }),
    enabled,
  })

/** An exact decimal amount from the server with its currency, as sent (null: an estimated fee). */
export const formatDecimal = (amount: string | null, currency: string) => (amount === null ? "estimated" : `${amount} ${currency.toUpperCase()}`)

/** Formats a major-unit amount in its currency (display only; the server does the maths). */
export const formatMoney = (amount: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)

export const formatBps = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")} %`
