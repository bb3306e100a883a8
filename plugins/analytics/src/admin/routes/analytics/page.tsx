import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Heading, Text } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { Bars, TimeChart } from "../../components/charts"
import { DataTable, Empty, NativeSelect, PeriodPicker, Section, Stat } from "../../components/parts"
import { errorText, type Overview, type Revenue, useAdminOrgs, useOverview, useSubscriptionMetrics } from "../../lib/api"
import { bucketStarts, change, type Interval, isoDay, lastDays, minorToDecimal, money, percent, type PeriodChoice } from "../../lib/period"

const REVENUE_SERIES = [
  { key: "gross", label: "Gross" },
  { key: "net", label: "Net of refunds" },
  { key: "org_net", label: "Org net" },
] as const

/** The org's dashboard: revenue (ledger), sales, learning and subscriptions for a period, against the previous one. */
const AnalyticsPage = () => {
  const orgs = useAdminOrgs()
  const platform = !!orgs.data?.platform
  // `?org_id=` (the org page's "Analytics" link) preselects an org for platform operators; staff always see their own org.
  const [params] = useSearchParams()
  const [orgId, setOrgId] = useState(params.get("org_id") ?? "")
  const [period, setPeriod] = useState<PeriodChoice>({ preset: "30", ...lastDays(30) })
  const [interval, setInterval] = useState<Interval>("day")
  const [currency, setCurrency] = useState("")
  const query = { from: period.from, to: period.to, interval, currency_code: currency || undefined, org_id: (platform && orgId) || undefined }
  const { data, isLoading, error } = useOverview(query, !orgs.isLoading)

  // Currencies seen in any answer stay in the picker when one currency is chosen.
  const [known, setKnown] = useState<string[]>([])
  useEffect(() => {
    if (!data) return
    const seen = [...data.revenue.current, ...data.revenue.previous, ...data.sales.current.orders_by_currency].map((r) => r.currency_code)
    setKnown((k) => [...new Set([...k, ...seen])].sort())
  }, [data])

  return (
    <div className="flex flex-col gap-3" data-testid="analytics-dashboard">
      <div className="flex flex-wrap items-end justify-between gap-3 px-1">
        <div>
          <Heading level="h1">Analytics</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {data?.view === "own" ? "Your courses and your own earnings." : "Revenue from the ledger (agrees with statements), sales and learning."}{" "}
            {platform && (
              <Link className="text-ui-fg-interactive" to="/analytics/platform">
                Platform overview
              </Link>
            )}
          </Text>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          {platform && (
            <NativeSelect
              label="Organization"
              value={orgId}
              options={[{ value: "", label: "All orgs" }, ...(orgs.data?.orgs ?? []).map((o) => ({ value: o.id, label: o.name }))]}
              onChange={setOrgId}
            />
          )}
          <NativeSelect
            label="Currency"
            value={currency}
            options={[{ value: "", label: "All currencies" }, ...known.map((c) => ({ value: c, label: c.toUpperCase() }))]}
            onChange={setCurrency}
          />
          <PeriodPicker value={period} onChange={setPeriod} interval={interval} onInterval={setInterval} />
        </div>
      </div>
      {error ? (
        <Section title="Analytics">
          <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error, "Could not load the analytics")}</Text>
        </Section>
      ) : isLoading || !data ? (
        <Section title="Analytics">
          <Text className="px-6 py-4">Loading…</Text>
        </Section>
      ) : (
        <Dashboard data={data} currency={currency} period={period} orgId={orgId} platform={platform} />
      )}
    </div>
  )
}

const byCurrency = (list: Revenue[], c: string) => list.find((r) => r.currency_code === c)

function Dashboard({ data, currency, period, orgId, platform }: { data: Overview; currency: string; period: PeriodChoice; orgId: string; platform: boolean }) {
  const { revenue, sales, learning } = data
  const currencies = currency ? [currency] : [...new Set(revenue.current.map((r) => r.currency_code))]
  const [chartCurrency, setChartCurrency] = useState("")
  const shown = currency || (currencies.includes(chartCurrency) ? chartCurrency : currencies[0] ?? "")
  const chart = useMemo(() => {
    const rows = new Map(revenue.buckets.filter((b) => b.currency_code === shown).map((b) => [b.bucket, b]))
    return bucketStarts(period.from, period.to, data.interval).map((bucket) => {
      const r = rows.get(bucket)
      // Numbers for plotting only; the exact figures are in the tables and stats.
      return Object.fromEntries([["bucket", bucket], ...REVENUE_SERIES.map((s) => [s.key, r ? Number(r[s.key]) : 0])])
    })
  }, [revenue.buckets, shown, period.from, period.to, data.interval])
  const courseRows = revenue.by_course.filter((r) => !currency || r.currency_code === currency)

  return (
    <>
      <Section title="Revenue" subtitle={`${data.period.from.slice(0, 10)} to ${isoDay(new Date(Date.parse(data.period.to) - 1))}, compared with the ${data.previous_period.from.slice(0, 10)} to ${isoDay(new Date(Date.parse(data.previous_period.to) - 1))} period`} testId="revenue">
        {currencies.length === 0 ? (
          <Empty>No revenue in this period. Revenue shows here once orders are paid: publish a course with a price and share its page, or choose a longer period.</Empty>
        ) : (
          <>
            {currencies.map((c) => {
              const cur = byCurrency(revenue.current, c)
              const prev = byCurrency(revenue.previous, c)
              return (
                <div key={c} className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4" data-testid={`revenue-${c}`}>
                  <Stat label={`Gross (${c.toUpperCase()})`} value={money(cur?.gross ?? "0", c)} change={change(cur?.gross ?? "0", prev?.gross)} />
                  <Stat label={`Refunds (${c.toUpperCase()})`} value={money(cur?.refunds ?? "0", c)} change={change(cur?.refunds ?? "0", prev?.refunds)} />
                  <Stat label={`Net (${c.toUpperCase()})`} value={money(cur?.net ?? "0", c)} change={change(cur?.net ?? "0", prev?.net)} />
                  {data.view === "own" ? (
                    <Stat label={`Your earnings (${c.toUpperCase()})`} value={money(cur?.staff_shares ?? "0", c)} change={change(cur?.staff_shares ?? "0", prev?.staff_shares)} />
                  ) : (
                    <Stat
                      label={`Org net (${c.toUpperCase()})`}
                      value={money(cur?.org_net ?? "0", c)}
                      change={change(cur?.org_net ?? "0", prev?.org_net)}
                      hint={cur ? `fees ${money(cur.platform_fees, c)} + ${money(cur.processing_fees, c)}, creators ${money(cur.staff_shares, c)}, affiliates ${money(cur.affiliate_commissions, c)}` : undefined}
                    />
                  )}
                </div>
              )
            })}
            <div className="flex items-center gap-2 px-6 pt-3">
              <Text size="small" className="text-ui-fg-subtle">Revenue over time by {data.interval}</Text>
              {!currency && currencies.length > 1 && (
                <NativeSelect label="Chart currency" value={shown} options={currencies.map((c) => ({ value: c, label: c.toUpperCase() }))} onChange={setChartCurrency} />
              )}
            </div>
            <TimeChart data={chart} series={[...REVENUE_SERIES]} label={`Revenue in ${shown.toUpperCase()} by ${data.interval}`} />
          </>
        )}
      </Section>

      <Section title="Sales per course" subtitle="Ledger revenue of the period per course" testId="sales-per-course">
        {courseRows.length > 0 && (
          <Bars data={courseRows.map((r) => ({ title: `${r.title ?? r.product_id} (${r.currency_code.toUpperCase()})`, net: Number(r.net) }))} x="title" series={[{ key: "net", label: "Net" }]} label="Net revenue per course" />
        )}
        <DataTable
          name="sales-per-course"
          rows={courseRows}
          empty="No course sold in this period. Sales appear per course once a course's product is bought."
          columns={[
            { header: "Course", value: (r) => r.title ?? r.product_id },
            { header: "Currency", value: (r) => r.currency_code.toUpperCase() },
            { header: "Gross", value: (r) => r.gross },
            { header: "Refunds", value: (r) => r.refunds },
            { header: "Net", value: (r) => r.net },
            { header: "Creator shares", value: (r) => r.staff_shares },
            { header: "Org net", value: (r) => r.org_net },
          ]}
        />
      </Section>

      <Section title="Sales" testId="sales">
        <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4">
          <Stat label="Orders" value={String(sales.current.orders)} change={change(sales.current.orders, sales.previous.orders)} />
          <Stat label="Canceled orders" value={String(sales.current.canceled_orders)} change={change(sales.current.canceled_orders, sales.previous.canceled_orders)} />
          <Stat label="New students" value={String(sales.current.new_students)} change={change(sales.current.new_students, sales.previous.new_students)} />
          <Stat label="Orders by currency" value={sales.current.orders_by_currency.map((o) => `${o.orders} ${o.currency_code.toUpperCase()}`).join(" · ") || "–"} />
        </div>
        <DataTable
          name="top-courses"
          rows={sales.top_courses}
          empty="No new students in this period. Students appear here when they buy or are granted a course."
          columns={[
            { header: "Course", value: (r) => r.title },
            { header: "New students", value: (r) => r.new_students },
          ]}
        />
      </Section>

      <Section title="Course page views" subtitle="Views of course pages counted by the storefront (per UTC day), and orders / views per course" testId="course-conversion">
        <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4">
          <Stat label="Course page views" value={String(sales.page_views)} />
        </div>
        <DataTable
          name="course-conversion"
          rows={sales.course_conversion}
          empty="No course page views counted in this period. The storefront counts a view each time a course page is served."
          columns={[
            { header: "Course", value: (r) => r.title },
            { header: "Page views", value: (r) => r.views },
            { header: "Orders", value: (r) => r.orders },
            { header: "Conversion", value: (r) => percent(r.conversion) },
          ]}
        />
      </Section>

      {sales.coupons && (
        <Section title="Coupon use" subtitle="Orders of the period with a promotion code's discount, per code and currency (canceled orders left out)" testId="coupons">
          <DataTable
            name="coupons"
            rows={sales.coupons}
            empty="No coupon used in this period. Create promotions with a code in Promotions and share the code."
            columns={[
              { header: "Code", value: (r) => r.code },
              { header: "Currency", value: (r) => r.currency_code.toUpperCase() },
              { header: "Orders", value: (r) => r.orders },
              { header: "Discount total", value: (r) => r.discount_total },
            ]}
          />
        </Section>
      )}

      {sales.top_affiliates && (
        <Section title="Top affiliates" subtitle="Commissions on orders of the period (voided ones left out)" testId="top-affiliates">
          <DataTable
            name="top-affiliates"
            rows={sales.top_affiliates}
            empty="No affiliate sales in this period. Invite affiliates from the Affiliates page and share their links."
            columns={[
              { header: "Affiliate code", value: (r) => r.code },
              { header: "Currency", value: (r) => r.currency_code.toUpperCase() },
              { header: "Orders", value: (r) => r.orders },
              { header: "Commission", value: (r) => r.commission },
            ]}
          />
        </Section>
      )}

      <Section title="Learning" testId="learning">
        <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-5">
          <Stat label="Active students" value={String(learning.current.active_students)} change={change(learning.current.active_students, learning.previous.active_students)} />
          <Stat label="Lessons completed" value={String(learning.current.lessons_completed)} change={change(learning.current.lessons_completed, learning.previous.lessons_completed)} />
          <Stat label="Certificates issued" value={String(learning.current.certificates_issued)} change={change(learning.current.certificates_issued, learning.previous.certificates_issued)} />
          <Stat label="Quiz attempts" value={String(learning.current.quiz_attempts)} change={change(learning.current.quiz_attempts, learning.previous.quiz_attempts)} />
          <Stat label="Quiz pass rate" value={percent(learning.current.quiz_pass_rate)} hint={`previous period ${percent(learning.previous.quiz_pass_rate)}`} />
        </div>
        <DataTable
          name="completion-by-course"
          rows={learning.completion_by_course}
          empty="No course yet. Create a course in Courses; completion shows here once students enroll."
          columns={[
            { header: "Course", value: (r) => r.title },
            { header: "Enrolled", value: (r) => r.enrolled },
            { header: "Completed", value: (r) => r.completed },
            { header: "Completed in period", value: (r) => r.completed_in_period },
            { header: "Completion rate", value: (r) => percent(r.completion_rate) },
          ]}
        />
        {learning.completion_by_course.length > 0 && (
          <div className="flex flex-wrap gap-x-4 gap-y-1 px-6 py-3">
            <Text size="small" className="text-ui-fg-subtle">Per-lesson drop-off:</Text>
            {learning.completion_by_course.map((c) => (
              <Link key={c.course_id} className="txt-compact-small text-ui-fg-interactive" to={`/analytics/courses/${c.course_id}`}>
                {c.title}
              </Link>
            ))}
          </div>
        )}
      </Section>

      {data.view === "org" && <Subscriptions period={period} orgId={orgId} platform={platform} />}
    </>
  )
}

/** The access plugin's subscription figures, shown when the org has (or had) subscriptions. */
function Subscriptions({ period, orgId, platform }: { period: PeriodChoice; orgId: string; platform: boolean }) {
  const to = isoDay(new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000)) // that route's `to` is exclusive
  const { data } = useSubscriptionMetrics({ from: period.from, to, org_id: platform ? orgId || undefined : undefined })
  const m = data?.metrics
  if (!m || (!m.mrr.length && !m.active_subscriptions && !m.churn.active_at_start && !m.trial_conversion.ended && !m.churn.canceled)) return null
  const minor = (amount: number, c: string) => money(minorToDecimal(amount, c), c)
  return (
    <Section title="Subscriptions" subtitle="MRR at the period's end; churn and trial conversion within it" testId="subscriptions">
      <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4">
        <Stat label="MRR" value={m.mrr.map((x) => minor(x.amount, x.currency_code)).join(" · ") || "–"} />
        <Stat label="Active subscribers" value={String(m.active_subscribers)} hint={`${m.active_subscriptions} paying subscription(s)`} />
        <Stat label="Churn" value={percent(m.churn.rate)} hint={`${m.churn.canceled} canceled of ${m.churn.active_at_start}`} />
        <Stat label="Trial conversion" value={percent(m.trial_conversion.rate)} hint={`${m.trial_conversion.converted} of ${m.trial_conversion.ended} trials ended`} />
      </div>
    </Section>
  )
}

export const config = defineRouteConfig({
  label: "Analytics",
  icon: ChartBar,
})

export default AnalyticsPage
