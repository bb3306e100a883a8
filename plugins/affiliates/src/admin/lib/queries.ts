import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"
import type { AmountRow } from "./rates"

export type Program = {
  id: string | null
  org_id: string
  enabled: boolean
  commission_type: "percent" | "fixed"
  commission_bps: number | null
  fixed_amounts: { currency_code: string; amount: string }[] | null
  cookie_window_days: number
  attribution_model: "first_click" | "last_click"
  hold_days: number
  minimum_payouts: { currency_code: string; amount: string }[] | null
  approval: "automatic" | "manual"
  /** Subscriptions: commission on the first paid period only, or on renewals too (for `recurring_months`, null = always). */
  recurring_commission: "first_payment" | "recurring"
  recurring_months: number | null
}
export type Earnings = { currency_code: string; pending: number; approved: number; paid: number; adjustments: number }
export type Affiliate = {
  id: string
  code: string
  email: string | null
  status: "pending" | "approved" | "rejected" | "suspended"
  commission_type: "percent" | "fixed" | null
  commission_bps: number | null
  /** The fixed amounts of a fixed rate override. */
  fixed_amounts?: AmountRow[] | null
  clicks: number
  earnings: Earnings[]
}
export type Commission = {
  id: string
  affiliate_id: string
  order_id: string
  order_display_id: number | null
  currency_code: string
  base_amount: number
  amount: number
  clawed_back_amount: number
  status: "pending" | "approved" | "paid" | "voided"
  flags: string[]
  needs_review: boolean
  ordered_at: string
  hold_until: string
}
export type Payout = { id: string; affiliate_id: string; currency_code: string; amount: number; reference: string; occurred_at: string }

/** Query-key factories: every cache entry of this plugin under ["volmify", "affiliates"]. */
export const affiliateKeys = {
  all: ["volmify", "affiliates"] as const,
  program: (orgId: string | null) => ["volmify", "affiliates", "program", orgId] as const,
  list: (orgId: string | null) => ["volmify", "affiliates", "list", orgId] as const,
  commissions: (orgId: string | null, filters: Record<string, string>) => ["volmify", "affiliates", "commissions", orgId, filters] as const,
  payouts: (orgId: string | null) => ["volmify", "affiliates", "payouts", orgId] as const,
  orgs: () => ["volmify", "affiliates", "orgs"] as const,
}

const orgQuery = (orgId: string | null) => (orgId ? { org_id: orgId } : {})

export const useProgram = (orgId: string | null) =>
  useQuery({
    queryKey: affiliateKeys.program(orgId),
    queryFn: () => sdk.client.fetch<{ program: Program }>(`/admin/affiliate-program`, { query: orgQuery(orgId) }),
    retry: false,
  })
export const useAffiliates = (orgId: string | null, enabled = true) =>
  useQuery({
    queryKey: affiliateKeys.list(orgId),
    queryFn: () => sdk.client.fetch<{ affiliates: Affiliate[] }>(`/admin/affiliates`, { query: orgQuery(orgId) }),
    retry: false,
    enabled,
  })
export const useCommissions = (orgId: string | null, filters: Record<string, string>, enabled = true) =>
  useQuery({
    queryKey: affiliateKeys.commissions(orgId, filters),
    queryFn: () =>
      sdk.client.fetch<{ commissions: Commission[]; count: number }>(`/admin/affiliate-commissions`, { query: { ...orgQuery(orgId), ...filters, limit: 100 } }),
    retry: false,
    enabled,
  })
export const usePayouts = (orgId: string | null, enabled = true) =>
  useQuery({
    queryKey: affiliateKeys.payouts(orgId),
    queryFn: () => sdk.client.fetch<{ payouts: Payout[] }>(`/admin/affiliate-payouts`, { query: orgQuery(orgId) }),
    retry: false,
    enabled,
  })
export const useOrgOptions = (enabled: boolean) =>
  useQuery({
    queryKey: affiliateKeys.orgs(),
    queryFn: () => sdk.client.fetch<{ orgs: { id: string; name: string }[] }>(`/admin/orgs`, { query: { limit: 100 } }),
    enabled,
  })

/** A POST that refreshes every affiliates query when it succeeds. */
export const useAffiliatePost = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) => sdk.client.fetch(path, { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: affiliateKeys.all }),
  })
}

/** Formats a major-unit amount in its currency (display only; the server does the maths). */
export const formatMoney = (amount: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)
