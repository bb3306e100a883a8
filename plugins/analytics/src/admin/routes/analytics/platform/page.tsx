import { Heading, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { Bars } from "../../../components/charts"
import { DataTable, Empty, PeriodPicker, Section } from "../../../components/parts"
import { errorText, type PlatformOrg, useAdminOrgs, usePlatform } from "../../../lib/api"
import { lastDays, type PeriodChoice } from "../../../lib/period"

type Row = PlatformOrg & { currency_code: string; gross: string; net: string; platform_fees: string }

/** Platform operators: per org students, courses, orders and, per currency, revenue and platform fees. */
const PlatformAnalyticsPage = () => {
  const orgs = useAdminOrgs()
  const platform = !!orgs.data?.platform
  const [period, setPeriod] = useState<PeriodChoice>({ preset: "30", ...lastDays(30) })
  const { data, isLoading, error } = usePlatform({ from: period.from, to: period.to }, platform)
  // One row per org and currency (an org without revenue: one row with no currency).
  const rows = useMemo<Row[]>(
    () =>
      (data?.orgs ?? []).flatMap((o) =>
        o.revenue.length
          ? o.revenue.map((r) => ({ ...o, currency_code: r.currency_code, gross: r.gross, net: r.net, platform_fees: r.platform_fees }))
          : [{ ...o, currency_code: "", gross: "0", net: "0", platform_fees: "0" }]
      ),
    [data]
  )
  return (
    <div className="flex flex-col gap-3" data-testid="platform-analytics">
      <div className="flex flex-wrap items-end justify-between gap-3 px-1">
        <div>
          <Heading level="h1">Platform overview</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Usage and revenue per org. <Link className="text-ui-fg-interactive" to="/analytics">Org dashboards</Link>
          </Text>
        </div>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {!orgs.isLoading && !platform ? (
        <Section title="Platform overview">
          <Empty>This page is for platform operators. Your org's figures are on the Analytics page.</Empty>
        </Section>
      ) : error ? (
        <Section title="Platform overview">
          <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error, "Could not load the platform overview")}</Text>
        </Section>
      ) : isLoading || !data ? (
        <Section title="Platform overview">
          <Text className="px-6 py-4">Loading…</Text>
        </Section>
      ) : (
        <Section title="Orgs" subtitle="Students and courses to date; orders, revenue and platform fees in the period" testId="platform-orgs">
          {data.orgs.length > 0 && (
            <Bars
              data={data.orgs.map((o) => ({ org: o.name, students: o.students, orders: o.orders }))}
              x="org"
              series={[
                { key: "students", label: "Students" },
                { key: "orders", label: "Orders in period" },
              ]}
              label="Students and orders per org"
            />
          )}
          <DataTable
            name="platform-orgs"
            rows={rows}
            empty="No org yet. Create one on the Organizations page."
            columns={[
              { header: "Org", value: (r) => r.name },
              { header: "Handle", value: (r) => r.handle },
              { header: "Status", value: (r) => r.status },
              { header: "Students", value: (r) => r.students },
              { header: "Courses", value: (r) => r.courses },
              { header: "Orders", value: (r) => r.orders },
              { header: "Currency", value: (r) => r.currency_code.toUpperCase() },
              { header: "Gross", value: (r) => r.gross },
              { header: "Net", value: (r) => r.net },
              { header: "Platform fees", value: (r) => r.platform_fees },
            ]}
          />
        </Section>
      )}
    </div>
  )
}

export default PlatformAnalyticsPage
