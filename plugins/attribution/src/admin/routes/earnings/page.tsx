import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CurrencyDollar } from "@medusajs/icons"
import { Button, Container, Heading, Select, Table, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { formatMoney, StatementRow, useOrgOptions, useStatements } from "../../lib/queries"
import { sdk } from "../../lib/sdk"

/** Earned per month as bars (one currency), reversed as a darker cap: plain SVG, no chart library. */
const MonthlyChart = ({ rows, currency }: { rows: StatementRow[]; currency: string }) => {
  const months = useMemo(() => {
    const byMonth = new Map<string, { earned: number; reversed: number }>()
    for (const r of rows.filter((r) => r.currency_code === currency)) {
      const m = byMonth.get(r.month) ?? { earned: 0, reversed: 0 }
      byMonth.set(r.month, { earned: m.earned + r.earned, reversed: m.reversed + r.reversed })
    }
    return [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-12)
  }, [rows, currency])
  if (!months.length) return null
  const max = Math.max(...months.map(([, m]) => m.earned), 1)
  const width = 48
  return (
    <svg role="img" aria-label={`Earned per month in ${currency.toUpperCase()}`} width={months.length * width} height={140} className="overflow-visible">
      {months.map(([month, m], i) => {
        const h = (m.earned / max) * 100
        const r = (m.reversed / max) * 100
        return (
          <g key={month} transform={`translate(${i * width}, 0)`}>
            <title>{`${month}: earned ${formatMoney(m.earned, currency)}, reversed ${formatMoney(m.reversed, currency)}`}</title>
            <rect x={8} y={110 - h} width={28} height={h} rx={3} className="fill-ui-fg-interactive" />
            <rect x={8} y={110 - h} width={28} height={Math.min(r, h)} rx={3} className="fill-ui-fg-muted" />
            <text x={22} y={128} textAnchor="middle" className="fill-ui-fg-subtle text-[10px]">
              {month.slice(2)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** Earnings: statements per employee and month (owners/admins: the org; everyone else: their own). */
const EarningsPage = () => {
  const [orgId, setOrgId] = useState<string | null>(null)
  const { data, isLoading, error } = useStatements(orgId)
  const needsOrg = !orgId && error instanceof Error && /org_id is required/.test(error.message)
  const orgs = useOrgOptions(needsOrg || !!orgId)
  const rows = data?.statements ?? []
  const currencies = [...new Set(rows.map((r) => r.currency_code))]
  const [currency, setCurrency] = useState<string | null>(null)
  const shown = currency ?? currencies[0] ?? null

  async function downloadCsv() {
    try {
      const res = (await sdk.client.fetch(`/admin/earnings/statements/export`, {
        query: orgId ? { org_id: orgId } : {},
        headers: { accept: "text/csv" },
      })) as unknown as Response
      const url = URL.createObjectURL(await res.blob())
      const a = document.createElement("a")
      a.href = url
      a.download = `earnings-${data?.org_id ?? "org"}.csv`
      a.click()
      URL.revokeObjectURL(url)
    } catch (e) {
      toast.error(e instanceof Error ? e.message : "Could not export the statement")
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h1">Earnings</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {data?.whole_org === false ? "Your statement: shares earned, reversed by refunds, paid out, and what is owed." : "Statements of every employee with a revenue share."}
          </Text>
        </div>
        <div className="flex items-center gap-2">
          {(needsOrg || orgId) && (
            <Select size="small" value={orgId ?? undefined} onValueChange={setOrgId}>
              <Select.Trigger className="w-56" aria-label="Organization">
                <Select.Value placeholder="Choose an organization" />
              </Select.Trigger>
              <Select.Content>
                {(orgs.data?.orgs ?? []).map((o) => (
                  <Select.Item key={o.id} value={o.id}>
                    {o.name}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          )}
          {currencies.length > 1 && (
            <Select size="small" value={shown ?? undefined} onValueChange={setCurrency}>
              <Select.Trigger className="w-28" aria-label="Currency">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {currencies.map((c) => (
                  <Select.Item key={c} value={c}>
                    {c.toUpperCase()}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          )}
          <Button size="small" variant="secondary" disabled={!rows.length} onClick={downloadCsv}>
            Download CSV
          </Button>
        </div>
      </div>
      {error && !needsOrg ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {error instanceof Error ? error.message : "Could not load earnings"}
        </Text>
      ) : needsOrg ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">Choose an organization to see its earnings.</Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : !rows.length ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">No earnings yet: shares are posted when an order's payment is captured.</Text>
      ) : (
        <>
          {shown && (
            <div className="px-6 py-4">
              <MonthlyChart rows={rows} currency={shown} />
            </div>
          )}
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Month</Table.HeaderCell>
                <Table.HeaderCell>Employee</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Earned</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Reversed</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Paid</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Balance</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows
                .filter((r) => !shown || r.currency_code === shown)
                .map((r) => (
                  <Table.Row key={`${r.employee_id}-${r.currency_code}-${r.month}`}>
                    <Table.Cell>{r.month}</Table.Cell>
                    <Table.Cell>
                      <div className="flex flex-col">
                        <Text size="small">{r.name}</Text>
                        {r.email && (
                          <Text size="xsmall" className="text-ui-fg-subtle">
                            {r.email}
                          </Text>
                        )}
                      </div>
                    </Table.Cell>
                    <Table.Cell className="text-right">{formatMoney(r.earned, r.currency_code)}</Table.Cell>
                    <Table.Cell className="text-right">{formatMoney(r.reversed, r.currency_code)}</Table.Cell>
                    <Table.Cell className="text-right">{formatMoney(r.paid, r.currency_code)}</Table.Cell>
                    <Table.Cell className="text-right">{formatMoney(r.balance, r.currency_code)}</Table.Cell>
                  </Table.Row>
                ))}
            </Table.Body>
          </Table>
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Earnings", icon: CurrencyDollar })

export default EarningsPage
