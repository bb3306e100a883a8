import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link, useParams } from "react-router-dom"
import { errorText } from "../../../lib/errors"
import {
  describeInterval,
  formatAmount,
  formatDate,
  Renewal,
  STATUS_COLOR,
  Subscription,
  useSubscription,
  useSubscriptionAction,
} from "../../../lib/subscriptions"

const LIVE = new Set(["trialing", "active", "past_due"])
const RENEWAL_COLOR = { pending: "blue", paid: "green", failed: "red" } as const

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-2 items-center px-6 py-3">
      <Text size="small" weight="plus" className="text-ui-fg-subtle">{label}</Text>
      <Text size="small">{children}</Text>
    </div>
  )
}

/**
 * What is left to refund of a period, as a decimal string in the currency's minor-unit
 * precision (computed in integer minor units; the server checks the exact amount).
 */
function leftToRefund(total: unknown, refunded: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2
  const scale = 10 ** digits
  const minor = Math.max(0, Math.round(Number(total ?? 0) * scale) - Math.round(refunded * scale))
  return digits ? `${Math.floor(minor / scale)}.${String(minor % scale).padStart(digits, "0")}` : String(minor)
}

function RefundButton({ sub, renewal }: { sub: Subscription; renewal: Renewal }) {
  const action = useSubscriptionAction()
  const now = Date.now()
  const current = LIVE.has(sub.status) && new Date(renewal.period_start).getTime() <= now && now < new Date(renewal.period_end).getTime()
  const refundable = renewal.status === "paid" && renewal.order_total !== null && renewal.refunded_amount < Number(renewal.order_total)
  if (!refundable) return null
  return (
    <Button
      size="small"
      variant="secondary"
      aria-label={`Refund period ${renewal.period_index}`}
      isLoading={action.isPending}
      onClick={() => {
        const left = leftToRefund(renewal.order_total, renewal.refunded_amount, sub.currency_code)
        const warning = current ? " Refunding all of it cancels the subscription now and ends access; a part is money only." : ""
        const amount = window.prompt(
          `Refund period ${renewal.period_index}: how much (${sub.currency_code.toUpperCase()})? ${formatAmount(left, sub.currency_code)} is left to refund.${warning}`,
          left
        )
        if (amount === null || !amount.trim()) return
        const reason = window.prompt(`Refund ${formatAmount(amount.trim(), sub.currency_code)} of period ${renewal.period_index}. Reason:`)
        if (!reason?.trim()) return
        action.mutate(
          {
            path: `/admin/subscriptions/${sub.id}/renewals/${renewal.id}/refund`,
            body: { reason: reason.trim(), ...(amount.trim() === left ? {} : { amount: amount.trim() }) },
          },
          {
            onSuccess: ({ refund }) =>
              toast.success(
                refund?.canceled
                  ? "Period refunded; subscription canceled"
                  : `${formatAmount(refund?.amount ?? amount.trim(), sub.currency_code)} refunded`
              ),
            onError: (e) => toast.error(errorText(e, "The period was not refunded")),
          }
        )
      }}
    >
      Refund
    </Button>
  )
}

/** One subscription: terms, state, its renewal orders (linked, refundable), cancel now. */
const SubscriptionPage = () => {
  const { id } = useParams()
  const { data, isLoading, error } = useSubscription(id!)
  const action = useSubscriptionAction()
  if (error) return <Container><Text className="text-ui-fg-error" role="alert">{errorText(error, "Could not load the subscription")}</Text></Container>
  if (isLoading || !data) return <Container><Text>Loading…</Text></Container>
  const s = data.subscription
  const cancel = () => {
    const reason = window.prompt("Cancel now? No further charge and access ends today. Reason:")
    if (!reason?.trim()) return
    action.mutate(
      { path: `/admin/subscriptions/${s.id}/cancel`, body: { reason: reason.trim() } },
      { onSuccess: () => toast.success("Subscription canceled"), onError: (e) => toast.error(errorText(e, "The subscription was not canceled")) }
    )
  }
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">{s.product_title ?? s.product_id}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              <Link className="text-ui-fg-interactive" to={`/customers/${s.customer_id}`}>{s.email ?? s.customer_id}</Link> · {describeInterval(s)}
            </Text>
          </div>
          <div className="flex items-center gap-2">
            <Badge color={STATUS_COLOR[s.status]}>{s.status.replace("_", " ")}</Badge>
            {LIVE.has(s.status) && (
              <Button size="small" variant="danger" isLoading={action.isPending} onClick={cancel}>Cancel now</Button>
            )}
          </div>
        </div>
        <Fact label="Tier">{s.tier}{s.scope === "org" ? " on every course of the org" : ""}</Fact>
        <Fact label="Payments made">{s.payments_made}{s.max_payments ? ` of ${s.max_payments}` : ""}</Fact>
        <Fact label="Current period">{formatDate(s.current_period_start)} – {formatDate(s.current_period_end)}</Fact>
        <Fact label="Next charge">{s.next_charge_at ? `${formatAmount(s.next_charge_amount, s.currency_code)} on ${formatDate(s.next_charge_at)}` : "–"}</Fact>
        {s.trial_ends_at && <Fact label="Trial ends">{formatDate(s.trial_ends_at)}</Fact>}
        {s.cancel_at_period_end && <Fact label="Ends">at the end of the current period (customer's choice)</Fact>}
        {s.canceled_at && <Fact label="Canceled">{formatDate(s.canceled_at)}{s.cancel_reason ? `: ${s.cancel_reason}` : ""}</Fact>}
        {s.failed_attempts > 0 && <Fact label="Failed attempts">{s.failed_attempts}</Fact>}
        <Fact label="First order">
          <Link className="text-ui-fg-interactive" to={`/orders/${s.origin_order_id}`}>{s.origin_order_id}</Link>
        </Fact>
      </Container>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Renewals</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Each billed period is an order. Refunding the current period cancels the subscription now; an earlier period is money back only.
          </Text>
        </div>
        {!s.renewals?.length ? (
          <Text className="px-6 py-4 text-ui-fg-muted">No renewal yet.</Text>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Period</Table.HeaderCell>
                <Table.HeaderCell>Dates</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Order</Table.HeaderCell>
                <Table.HeaderCell>Refunded</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {s.renewals.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>{r.period_index}</Table.Cell>
                  <Table.Cell>{formatDate(r.period_start)} – {formatDate(r.period_end)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={RENEWAL_COLOR[r.status]}>{r.status}</Badge>
                    {r.status === "failed" && r.last_error && <Text size="xsmall" className="text-ui-fg-muted">{r.last_error} ({r.attempts} attempts)</Text>}
                  </Table.Cell>
                  <Table.Cell>
                    {r.order_id ? (
                      <Link className="text-ui-fg-interactive" to={`/orders/${r.order_id}`}>
                        #{r.order_display_id ?? r.order_id} · {formatAmount(r.order_total, s.currency_code)}
                      </Link>
                    ) : (
                      "–"
                    )}
                  </Table.Cell>
                  <Table.Cell>{r.refunded_amount ? formatAmount(r.refunded_amount, s.currency_code) : "–"}</Table.Cell>
                  <Table.Cell><RefundButton sub={s} renewal={r} /></Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </Container>
    </div>
  )
}

export default SubscriptionPage
