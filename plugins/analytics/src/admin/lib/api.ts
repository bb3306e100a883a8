import { useQuery } from "@tanstack/react-query"
import type { Interval } from "./period"
import { sdk } from "./sdk"

/** Revenue figures of one currency, exact decimal strings in major units (from the ledger). */
export type Revenue = {
  currency_code: string
  gross: string
  refunds: string
  net: string
  tax: string
  platform_fees: string
  processing_fees: string
  staff_shares: string
  affiliate_commissions: string
  org_revenue: string
  refund_fees_org: string
  refund_fees_platform: string
  org_net: string
}
type SalesPeriod = {
  orders: number
  canceled_orders: number
  orders_by_currency: { currency_code: string; orders: number; canceled_orders: number }[]
  new_students: number
}
type LearningPeriod = {
  active_students: number
  lessons_completed: number
  certificates_issued: number
  quiz_attempts: number
  quiz_attempts_passed: number
  quiz_pass_rate: number | null
}
export type Overview = {
  org_id: string | null
  view: "own" | "org"
  period: { from: string; to: string }
  previous_period: { from: string; to: string }
  interval: Interval
  currency_code: string | null
  revenue: {
    current: Revenue[]
    previous: Revenue[]
    buckets: (Revenue & { bucket: string })[]
    by_course: (Revenue & { product_id: string; course_id: string | null; title: string | null })[]
  }
  sales: {
    current: SalesPeriod
    previous: SalesPeriod
    top_courses: { course_id: string; product_id: string; title: string; new_students: number }[]
    top_affiliates: { affiliate_id: string; code: string; currency_code: string; orders: number; commission: string }[] | null
    page_views: number
    course_conversion: { course_id: string; product_id: string; title: string; views: number; orders: number; conversion: number | null }[]
    coupons: { code: string; promotion_id: string | null; currency_code: string; orders: number; discount_total: string }[] | null
  }
  learning: {
    current: LearningPeriod
    previous: LearningPeriod
    completion_by_course: { course_id: string; title: string; enrolled: number; completed: number; completed_in_period: number; completion_rate: number | null }[]
  }
}
export type CourseFigures = {
  period: { from: string; to: string }
  course: { id: string; product_id: string; title: string }
  enrolled: number
  completed: number
  enrolled_in_period: number
  completed_in_period: number
  completion_rate: number | null
  lessons: { placement_id: string; lesson_id: string; title: string; type: string; completions: number; completions_to_date: number; drop_off: number }[]
  quizzes: { placement_id: string; lesson_id: string; title: string | null; attempts: number; passed: number; students: number; students_passed: number; pass_rate: number | null }[]
}
export type PlatformOrg = {
  org_id: string
  handle: string
  name: string
  status: string
  students: number
  courses: number
  orders: number
  revenue: { currency_code: string; gross: string; refunds: string; net: string; platform_fees: string; refund_fees_platform: string }[]
}
export type SubscriptionMetrics = {
  mrr: { currency_code: string; amount: number }[]
  active_subscriptions: number
  active_subscribers: number
  unpriced_subscriptions: number
  churn: { canceled: number; active_at_start: number; rate: string | null }
  trial_conversion: { converted: number; ended: number; rate: string | null }
}
export type OrgOption = { id: string; name: string; handle: string; role?: string }

type Period = { from: string; to: string }
const clean = (q: Record<string, string | undefined>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as Record<string, string>

export function useOverview(q: Period & { interval: Interval; currency_code?: string; org_id?: string }, enabled = true) {
  return useQuery({
    queryKey: ["volmify", "analytics", "overview", q],
    queryFn: () => sdk.client.fetch<Overview>("/admin/analytics/overview", { query: clean(q) }),
    enabled,
  })
}

export function useCourseFigures(id: string, q: Period) {
  return useQuery({
    queryKey: ["volmify", "analytics", "course", id, q],
    queryFn: () => sdk.client.fetch<CourseFigures>(`/admin/analytics/courses/${encodeURIComponent(id)}`, { query: q }),
  })
}

export function usePlatform(q: Period, enabled = true) {
  return useQuery({
    queryKey: ["volmify", "analytics", "platform", q],
    queryFn: () => sdk.client.fetch<{ period: Period; orgs: PlatformOrg[] }>("/admin/analytics/platform", { query: q }),
    enabled,
  })
}

/** The access plugin's subscription metrics (MRR is in minor units there). `to` is exclusive in that route. */
export function useSubscriptionMetrics(q: Period & { org_id?: string }, enabled = true) {
  return useQuery({
    queryKey: ["volmify", "analytics", "subscriptions", q],
    queryFn: () => sdk.client.fetch<{ metrics: SubscriptionMetrics }>("/admin/subscriptions/metrics", { query: clean(q) }),
    enabled,
    retry: false,
  })
}

export function useAdminOrgs() {
  return useQuery({
    queryKey: ["volmify", "orgs", "options"],
    queryFn: () => sdk.client.fetch<{ orgs: OrgOption[] }>("/admin/orgs", { query: { limit: 100 } }),
    select: (data) => ({ orgs: data.orgs, platform: data.orgs.some((o) => o.role === "platform") }),
  })
}

/** The message of a failed admin request, or a fallback. */
export const errorText = (e: unknown, fallback: string) => (e instanceof Error && e.message ? e.message : fallback)
