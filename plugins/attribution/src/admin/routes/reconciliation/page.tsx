import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ReceiptPercent } from "@medusajs/icons"
import { Badge, Container, Heading, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { formatDecimal, useOrgOptions, useReconciliation } from "../../lib/queries"

const thisMonth = () => new Date().toISOString().slice(0, 7)

/** Reconciliation: what the payment providers captured, refunded and charged against the ledger, per month. */
const ReconciliationPage = () => {
  const [orgId, setOrgId] = useState<string | null>(null)
  const [month, setMonth] = useState(thisMonth())
  const { data, isLoading, error } = useReconciliation(orgId, month)
  const needsOrg = !orgId && error instanceof Error && /org_id is required/.test(error.message)
  const orgs = useOrgOptions(needsOrg || !!orgId)
  const r = data?.reconciliation

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h1">Reconciliation</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Captured, refunded and processing fees as the payment provider reports them, against the books. Months are UTC.
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
          <Label htmlFor="reconciliation-month" className="sr-only">
            Month
          </Label>
          <Input id="reconciliation-month" size="small" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </div>
      </div>
      {error && !needsOrg ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {error instanceof Error ? error.message : "Could not load the reconciliation"}
        </Text>
      ) : needsOrg ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">Choose an organization to reconcile.</Text>
      ) : isLoading || !r ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : !r.orders.length ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">No captures, refunds or postings in {r.month}.</Text>
      ) : (
        <>
          <div className="flex flex-col gap-2 px-6 py-4">
            {r.currencies.map((c) => (
              <div key={c.currency_code} className="flex flex-wrap gap-6">
                <Text size="small" weight="plus">
                  {c.currency_code.toUpperCase()}
                </Text>
                {(["captured", "refunded", "fees"] as const).map((k) => (
                  <Text key={k} size="small">
                    {k}: {formatDecimal(c.provider[k], c.currency_code)} provider · {formatDecimal(c.ledger[k], c.currency_code)} ledger
                  </Text>
                ))}
                {c.by_provider.map((p) => (
                  <Text key={p.provider_id} size="small" className="text-ui-fg-subtle">
                    {p.provider_id}: {formatDecimal(p.captured, c.currency_code)} captured, {formatDecimal(p.fees, c.currency_code)} fees
                    {p.estimated_fee_orders ? ` (${p.estimated_fee_orders} estimated)` : ""}
                  </Text>
                ))}
              </div>
            ))}
            <Badge color={r.differences.length ? "red" : "green"} className="self-start">
              {r.differences.length ? `${r.differences.length} order(s) differ` : "No differences"}
            </Badge>
          </div>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Order</Table.HeaderCell>
                <Table.HeaderCell>Provider</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Captured</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Refunded</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Fee</Table.HeaderCell>
                <Table.HeaderCell>Differences</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {r.orders.map((o) => (
                <Table.Row key={o.order_id}>
                  <Table.Cell>#{o.display_id ?? o.order_id}</Table.Cell>
                  <Table.Cell>{o.providers.join(", ") || "—"}</Table.Cell>
                  {(["captured", "refunded", "fee"] as const).map((k) => (
                    <Table.Cell key={k} className="text-right">
                      {formatDecimal(o.provider[k], o.currency_code)} / {formatDecimal(o.ledger[k], o.currency_code)}
                    </Table.Cell>
                  ))}
                  <Table.Cell>
                    {o.differences.length ? (
                      o.differences.map((d) => (
                        <Badge key={d.field} size="2xsmall" color="red">
                          {d.field}: {formatDecimal(d.difference, o.currency_code)}
                        </Badge>
                      ))
                    ) : (
                      <Badge size="2xsmall" color="green">
                        matches
                      </Badge>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Text size="xsmall" className="px-6 py-3 text-ui-fg-subtle">
            Amounts read provider / ledger. A fee marked estimated was not reported by the provider and is not compared.
          </Text>
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Reconciliation", icon: ReceiptPercent })

export default ReconciliationPage
