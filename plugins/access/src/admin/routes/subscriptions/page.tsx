import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { NativeSelect } from "../../components/native-select"
import { errorText } from "../../lib/errors"
import {
  describeInterval,
  formatAmount,
  formatDate,
  formatMinor,
  percent,
  STATUS_COLOR,
  SUBSCRIPTION_STATUSES,
  useSubscriptionMetrics,
  useSubscriptions,
} from "../../lib/subscriptions"

const PAGE = 20
const day = (d: Date) => d.toISOString().slice(0, 10)

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="flex flex-col gap-1 rounded-md border border-ui-border-base px-4 py-3" aria-label={label}>
      <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
      <Text size="large" weight="plus">{value}</Text>
      {hint && <Text size="xsmall" className="text-ui-fg-muted">{hint}</Text>}
    </div>
  )
}

/** MRR per currency, subscribers, churn and trial conversion for a chosen period. */
function MetricsBlock() {
  const today = new Date()
  const [range, setRange] = useState({ from: day(new Date(today.getTime() - 30 * 86_400_000)), to: day(new Date(today.getTime() + 86_400_000)) })
  const [draft, setDraft] = useState(range)
  const { data, isLoading, error } = useSubscriptionMetrics(range)
  const m = data?.metrics
  const invalid = !draft.from || !draft.to || draft.from >= draft.to
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-end justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h2">Metrics</Heading>
          <Text size="small" className="text-ui-fg-subtle">MRR at the period's end (or now); churn and trial conversion within it.</Text>
        </div>
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            if (!invalid) setRange(draft)
          }}
        >
          <Label size="xsmall" className="flex flex-col gap-1">
            From
            <Input type="date" size="small" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </Label>
          <Label size="xsmall" className="flex flex-col gap-1">
            To (exclusive)
            <Input type="date" size="small" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </Label>
          <Button size="small" variant="secondary" type="submit" disabled={invalid}>Show</Button>
        </form>
      </div>
      {invalid && <Text size="small" className="px-6 py-2 text-ui-fg-error" role="alert">"From" must be before "To".</Text>}
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error, "Could not load the metrics")}</Text>
      ) : isLoading || !m ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : (
        <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4">
          <Stat
            label="MRR"
            value={m.mrr.length ? m.mrr.map((x) => formatMinor(x.amount, x.currency_code)).join(" · ") : "–"}
            hint={m.unpriced_subscriptions ? `${m.unpriced_subscriptions} subscription(s) without a current price left out` : "weekly x 52/12, yearly / 12"}
          />
          <Stat label="Active subscribers" value={String(m.active_subscribers)} hint={`${m.active_subscriptions} paying subscription(s)`} />
          <Stat label="Churn" value={percent(m.churn.rate)} hint={`${m.churn.canceled} canceled of ${m.churn.active_at_start} at the start`} />
          <Stat label="Trial conversion" value={percent(m.trial_conversion.rate)} hint={`${m.trial_conversion.converted} paid of ${m.trial_conversion.ended} trials ended`} />
        </div>
      )}
    </Container>
  )
}

/** Subscriptions of the org (all orgs for a platform operator): filter by status, open one. */
const SubscriptionsPage = () => {
  const [status, setStatus] = useState("")
  const [offset, setOffset] = useState(0)
  const { data, isLoading, error } = useSubscriptions({ status, limit: PAGE, offset })
  const count = data?.count ?? 0
  return (
    <div className="flex flex-col gap-y-3">
      <MetricsBlock />
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">Subscriptions</Heading>
            <Text size="small" className="text-ui-fg-subtle">Recurring plans and installments bought from your storefront.</Text>
          </div>
          <NativeSelect
            label="Status"
            value={status}
            options={[{ value: "", label: "All statuses" }, ...SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: s.replace("_", " ") }))]}
            onChange={(v) => {
              setStatus(v)
              setOffset(0)
            }}
          />
        </div>
        {error ? (
          <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error, "Could not load subscriptions")}</Text>
        ) : isLoading ? (
          <Text className="px-6 py-4">Loading…</Text>
        ) : !data?.subscriptions.length ? (
          <Text className="px-6 py-4 text-ui-fg-muted">{status ? `No ${status.replace("_", " ")} subscriptions.` : "No subscriptions yet."}</Text>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Customer</Table.HeaderCell>
                <Table.HeaderCell>Plan</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Payments</Table.HeaderCell>
                <Table.HeaderCell>Next charge</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.subscriptions.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>
                    <Link className="text-ui-fg-interactive" to={`/subscriptions/${s.id}`}>{s.email ?? s.customer_id}</Link>
                  </Table.Cell>
                  <Table.Cell>
                    <Text size="small">{s.product_title ?? s.product_id}</Text>
                    <Text size="xsmall" className="text-ui-fg-muted">{describeInterval(s)}{s.max_payments ? `, ${s.max_payments} payments` : ""}</Text>
                  </Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={STATUS_COLOR[s.status]}>{s.status.replace("_", " ")}</Badge>
                    {s.cancel_at_period_end && <Text size="xsmall" className="text-ui-fg-muted">ends at period end</Text>}
                  </Table.Cell>
                  <Table.Cell>{s.payments_made}{s.max_payments ? ` / ${s.max_payments}` : ""}</Table.Cell>
                  <Table.Cell>
                    {s.next_charge_at ? `${formatAmount(s.next_charge_amount, s.currency_code)} on ${formatDate(s.next_charge_at)}` : "–"}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {count > PAGE && (
          <div className="flex items-center justify-between px-6 py-3">
            <Text size="small">{offset + 1}–{Math.min(offset + PAGE, count)} of {count}</Text>
            <div className="flex gap-2">
              <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</Button>
              <Button size="small" variant="secondary" disabled={offset + PAGE >= count} onClick={() => setOffset(offset + PAGE)}>Next</Button>
            </div>
          </div>
        )}
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Subscriptions", icon: ArrowPath })

export default SubscriptionsPage
