import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type SubscriptionStatus = "trialing" | "active" | "past_due" | "canceled" | "completed"
export const SUBSCRIPTION_STATUSES: SubscriptionStatus[] = ["trialing", "active", "past_due", "canceled", "completed"]
export const STATUS_COLOR = { trialing: "blue", active: "green", past_due: "orange", canceled: "grey", completed: "purple" } as const

export type Renewal = {
  id: string
  period_index: number
  status: "pending" | "paid" | "failed"
  attempts: number
  order_id: string | null
  order_display_id: number | null
  order_total: number | null
  refunded_amount: number
  last_error: string | null
  period_start: string
  period_end: string
}

export type Subscription = {
  id: string
  customer_id: string
  email: string | null
  org_id: string | null
  product_id: string
  product_title: string | null
  variant_id: string
  tier: number
  scope: "course" | "org"
  interval: "week" | "month" | "year"
  interval_count: number
  max_payments: number | null
  status: SubscriptionStatus
  origin_order_id: string
  currency_code: string
  trial_ends_at: string | null
  current_period_start: string
  current_period_end: string
  next_charge_at: string | null
  next_charge_amount: number | null
  cancel_at_period_end: boolean
  canceled_at: string | null
  cancel_reason: string | null
  payments_made: number
  failed_attempts: number
  created_at: string
  renewals?: Renewal[]
}

export type Metrics = {
  org_id: string | null
  from: string
  to: string
  measured_at: string
  mrr: { currency_code: string; amount: number }[]
  active_subscriptions: number
  active_subscribers: number
  unpriced_subscriptions: number
  churn: { canceled: number; active_at_start: number; rate: string | null }
  trial_conversion: { converted: number; ended: number; rate: string | null }
}

export const subscriptionKeys = {
  all: ["volmify", "subscriptions"] as const,
  list: (params: Record<string, unknown>) => ["volmify", "subscriptions", "list", params] as const,
  detail: (id: string) => ["volmify", "subscriptions", "detail", id] as const,
  metrics: (params: Record<string, unknown>) => ["volmify", "subscriptions", "metrics", params] as const,
}

export function useSubscriptions(params: { status?: string; limit: number; offset: number }) {
  return useQuery({
    queryKey: subscriptionKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<{ subscriptions: Subscription[]; count: number }>("/admin/subscriptions", {
        query: { limit: params.limit, offset: params.offset, ...(params.status ? { status: params.status } : {}) },
      }),
  })
}

export function useSubscription(id: string) {
  return useQuery({
    queryKey: subscriptionKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ subscription: Subscription }>(`/admin/subscriptions/${id}`),
  })
}

export function useSubscriptionMetrics(params: { from: string; to: string }) {
  return useQuery({
    queryKey: subscriptionKeys.metrics(params),
    queryFn: () => sdk.client.fetch<{ metrics: Metrics }>("/admin/subscriptions/metrics", { query: params }),
  })
}

/** What the subscription routes' POSTs answer (cancel: the subscription; refund of a period: the refund). */
export type SubscriptionActionResult = {
  subscription?: Subscription
  refund?: { order_id: string; payment_id: string; amount: string; canceled: boolean }
}

/** POST to a subscription route; every subscription query is refreshed after. */
export function useSubscriptionAction() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) => sdk.client.fetch<SubscriptionActionResult>(path, { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: subscriptionKeys.all }),
  })
}

/** "every month", "every 3 weeks" */
export const describeInterval = (s: Pick<Subscription, "interval" | "interval_count">) =>
  s.interval_count === 1 ? `every ${s.interval}` : `every ${s.interval_count} ${s.interval}s`

/** lib.es2021 types Intl's format() as taking numbers only; it formats decimal strings too, exactly (ES2023). */
type DecimalFormat = (value: number | bigint | string) => string

/** A major-unit amount as Medusa returns it (e.g. 20 for $20), in the browser's locale. */
export function formatAmount(amount: number | string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return "–"
  return (new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format as DecimalFormat)(amount)
}

/** An integer minor-unit amount (the metrics' MRR), formatted without going through a float. */
export function formatMinor(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2
  const sign = minor < 0 ? "-" : ""
  const s = String(Math.abs(minor)).padStart(digits + 1, "0")
  const decimal = digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s
  // Intl formats decimal strings exactly (ES2023 Intl.NumberFormat v3); `format` is bound to its formatter.
  return (new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format as DecimalFormat)(`${sign}${decimal}`)
}

export const formatDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString() : "–")
export const percent = (rate: string | null) => (rate === null ? "–" : `${(Number(rate) * 100).toFixed(1)} %`)
