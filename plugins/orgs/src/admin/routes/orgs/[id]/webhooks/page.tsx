import { Badge, Button, Checkbox, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { orgQueryKeys, useOrg } from "../../../../lib/queries"
import { sdk } from "../../../../lib/sdk"
import { WEBHOOK_EVENTS } from "../../../../../rules/webhook-events"

type Endpoint = {
  id: string
  url: string
  description: string | null
  events: string[]
  enabled: boolean
  disabled_reason: string | null
  failing_since: string | null
}
type Delivery = {
  id: string
  event_name: string
  status: "pending" | "succeeded" | "failed"
  attempts: number
  response_status: number | null
  last_error: string | null
  duration_ms: number | null
  next_attempt_at: string | null
  last_attempt_at: string | null
  created_at: string
}

const EVENT_LABELS: Record<string, string> = {
  "order.placed": "Order placed",
  "payment.refunded": "Order refunded",
  "course.enrollment.created": "Enrollment created",
  "course.lesson.completed": "Lesson completed",
  "course.enrollment.completed": "Course completed",
  "course.certificate.issued": "Certificate issued",
  "affiliate.commissions.approved": "Commission approved",
}

const keys = {
  list: (orgId: string) => [...orgQueryKeys.all, "webhooks", orgId] as const,
  deliveries: (orgId: string, id: string) => [...orgQueryKeys.all, "webhooks", orgId, id, "deliveries"] as const,
}
const message = (e: unknown) => (e instanceof Error ? e.message : "Something went wrong")

/** Outbound webhooks of one org: endpoints (the secret shown once), their delivery log, re-send. */
const WebhooksPage = () => {
  const { id = "" } = useParams()
  const org = useOrg(id)
  const client = useQueryClient()
  const list = useQuery({ queryKey: keys.list(id), queryFn: () => sdk.client.fetch<{ webhooks: Endpoint[] }>(`/admin/orgs/${id}/webhooks`) })
  const [creating, setCreating] = useState(false)
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const toggle = useMutation({
    mutationFn: (e: Endpoint) => sdk.client.fetch(`/admin/orgs/${id}/webhooks/${e.id}`, { method: "POST", body: { enabled: !e.enabled } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.list(id) }),
    onError: (e) => toast.error(message(e)),
  })
  const remove = useMutation({
    mutationFn: (e: Endpoint) => sdk.client.fetch(`/admin/orgs/${id}/webhooks/${e.id}`, { method: "DELETE" }),
    onSuccess: () => (toast.success("Endpoint deleted"), client.invalidateQueries({ queryKey: keys.list(id) })),
    onError: (e) => toast.error(message(e)),
  })
  if (list.error) {
    return (
      <Container>
        <Text className="text-ui-fg-error" role="alert">{message(list.error)}</Text>
        <Link to={`/orgs/${id}`}>Back to the organization</Link>
      </Container>
    )
  }
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Heading level="h1">Webhooks</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {org.data?.org.name ?? "…"} · signed POSTs (HMAC-SHA256 of timestamp.body), retried for 3 days
          </Text>
        </div>
        <div className="flex gap-2">
          <Link to={`/orgs/${id}`}><Button variant="secondary" size="small">Organization</Button></Link>
          <Button size="small" onClick={() => setCreating(true)}>Add endpoint</Button>
        </div>
      </Container>
      {secret && (
        <Container className="flex flex-col gap-2" role="status">
          <Heading level="h2">Signing secret for {secret.url}</Heading>
          <Text size="small">Copy it now: it is not shown again.</Text>
          <Input readOnly value={secret.secret} onFocus={(e) => e.currentTarget.select()} aria-label="Signing secret" />
          <div><Button size="small" variant="secondary" onClick={() => setSecret(null)}>I saved it</Button></div>
        </Container>
      )}
      {creating && (
        <CreateForm
          orgId={id}
          onClose={() => setCreating(false)}
          onCreated={(url, s) => (setSecret({ url, secret: s }), setCreating(false), client.invalidateQueries({ queryKey: keys.list(id) }))}
        />
      )}
      <Container className="overflow-x-auto">
        {list.isLoading ? (
          <Text>Loading…</Text>
        ) : !list.data?.webhooks.length ? (
          <Text className="text-ui-fg-subtle">No endpoints yet. Add one to be told when orders, enrollments and certificates happen.</Text>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>URL</Table.HeaderCell>
                <Table.HeaderCell>Events</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {list.data.webhooks.map((e) => (
                <Table.Row key={e.id}>
                  <Table.Cell className="max-w-xs truncate" title={e.url}>{e.url}</Table.Cell>
                  <Table.Cell>{e.events.map((ev) => EVENT_LABELS[ev] ?? ev).join(", ")}</Table.Cell>
                  <Table.Cell>
                    <Badge color={e.enabled ? (e.failing_since ? "orange" : "green") : "grey"} title={e.disabled_reason ?? undefined}>
                      {e.enabled ? (e.failing_since ? "failing" : "enabled") : "disabled"}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="flex gap-2">
                    <Button size="small" variant="secondary" onClick={() => setOpen(open === e.id ? null : e.id)}>Deliveries</Button>
                    <Button size="small" variant="secondary" isLoading={toggle.isPending} onClick={() => toggle.mutate(e)}>{e.enabled ? "Disable" : "Enable"}</Button>
                    <Button size="small" variant="danger" onClick={() => window.confirm(`Delete ${e.url}?`) && remove.mutate(e)}>Delete</Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </Container>
      {open && <Deliveries orgId={id} endpointId={open} />}
    </div>
  )
}

function CreateForm({ orgId, onClose, onCreated }: { orgId: string; onClose: () => void; onCreated: (url: string, secret: string) => void }) {
  const [url, setUrl] = useState("https://")
  const [events, setEvents] = useState<string[]>(["order.placed"])
  const create = useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ webhook: Endpoint; secret: string }>(`/admin/orgs/${orgId}/webhooks`, { method: "POST", body: { url, events } }),
    onSuccess: (data) => onCreated(data.webhook.url, data.secret),
    onError: (e) => toast.error(message(e)),
  })
  return (
    <Container className="flex flex-col gap-3">
      <Heading level="h2">New endpoint</Heading>
      <div className="flex flex-col gap-1">
        <Label htmlFor="webhook-url">URL (https)</Label>
        <Input id="webhook-url" value={url} onChange={(e) => setUrl(e.target.value)} />
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend><Label>Events</Label></legend>
        {WEBHOOK_EVENTS.map((ev) => (
          <div key={ev} className="flex items-center gap-2">
            <Checkbox
              id={`ev-${ev}`}
              checked={events.includes(ev)}
              onCheckedChange={(on) => setEvents(on ? [...events, ev] : events.filter((x) => x !== ev))}
            />
            <Label htmlFor={`ev-${ev}`}>{EVENT_LABELS[ev]} <code>{ev}</code></Label>
          </div>
        ))}
      </fieldset>
      <div className="flex gap-2">
        <Button size="small" isLoading={create.isPending} disabled={!events.length} onClick={() => create.mutate()}>Create</Button>
        <Button size="small" variant="secondary" onClick={onClose}>Cancel</Button>
      </div>
    </Container>
  )
}

function Deliveries({ orgId, endpointId }: { orgId: string; endpointId: string }) {
  const client = useQueryClient()
  const list = useQuery({
    queryKey: keys.deliveries(orgId, endpointId),
    queryFn: () => sdk.client.fetch<{ deliveries: Delivery[]; count: number }>(`/admin/orgs/${orgId}/webhooks/${endpointId}/deliveries`),
  })
  const resend = useMutation({
    mutationFn: (d: Delivery) => sdk.client.fetch(`/admin/orgs/${orgId}/webhooks/${endpointId}/deliveries/${d.id}/resend`, { method: "POST" }),
    onSuccess: () => (toast.success("Re-sent"), client.invalidateQueries({ queryKey: keys.deliveries(orgId, endpointId) })),
    onError: (e) => toast.error(message(e)),
  })
  return (
    <Container className="overflow-x-auto">
      <Heading level="h2">Deliveries</Heading>
      {list.isLoading ? (
        <Text>Loading…</Text>
      ) : !list.data?.deliveries.length ? (
        <Text className="text-ui-fg-subtle">Nothing sent to this endpoint yet.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Event</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Attempts</Table.HeaderCell>
              <Table.HeaderCell>Response</Table.HeaderCell>
              <Table.HeaderCell>Duration</Table.HeaderCell>
              <Table.HeaderCell>Last attempt</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.data.deliveries.map((d) => (
              <Table.Row key={d.id}>
                <Table.Cell>{d.event_name}</Table.Cell>
                <Table.Cell><Badge color={d.status === "succeeded" ? "green" : d.status === "failed" ? "red" : "orange"}>{d.status}</Badge></Table.Cell>
                <Table.Cell>{d.attempts}</Table.Cell>
                <Table.Cell title={d.last_error ?? undefined}>{d.response_status ?? d.last_error ?? "–"}</Table.Cell>
                <Table.Cell>{d.duration_ms === null ? "–" : `${d.duration_ms} ms`}</Table.Cell>
                <Table.Cell>{d.last_attempt_at ? new Date(d.last_attempt_at).toLocaleString() : "–"}</Table.Cell>
                <Table.Cell>
                  {d.status !== "succeeded" && (
                    <Button size="small" variant="secondary" isLoading={resend.isPending} onClick={() => resend.mutate(d)}>Re-send</Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export default WebhooksPage
