import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { NativeSelect } from "../components/native-select"
import { errorText } from "../lib/errors"
import { sdk } from "../lib/sdk"

type Entitlement = {
  id: string
  product_id: string
  tier: number
  status: "active" | "revoked" | "expired"
  source_type: string
  reason: string | null
  revoke_reason: string | null
  expires_at: string | null
  product?: { title: string } | null
}

const STATUS_COLOR = { active: "green", revoked: "red", expired: "grey" } as const

function GrantForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const [form, setForm] = useState({ product_id: "", tier: "1", reason: "" })
  const products = useQuery({
    queryKey: ["volmify", "entitlement-products"],
    queryFn: () => sdk.client.fetch<{ products: { id: string; title: string }[] }>("/admin/products", { query: { fields: "id,title", limit: 100 } }),
  })
  const grant = useMutation({
    mutationFn: () =>
      sdk.client.fetch(`/admin/customers/${customerId}/entitlements`, {
        method: "POST",
        body: { product_id: form.product_id, tier: Number(form.tier), reason: form.reason, source_type: "manual" },
      }),
    onSuccess: () => {
      toast.success("Access granted")
      setForm({ product_id: "", tier: "1", reason: "" })
      onDone()
    },
    onError: (e) => toast.error(errorText(e, "Access was not granted")),
  })
  const tier = Number(form.tier)
  return (
    <form
      className="flex flex-wrap items-end gap-2 px-6 py-4"
      onSubmit={(e) => {
        e.preventDefault()
        grant.mutate()
      }}
    >
      <div className="flex flex-col gap-1">
        <Label size="xsmall">Product</Label>
        <NativeSelect
          label="Product to grant"
          value={form.product_id}
          options={[{ value: "", label: "Pick a product…" }, ...(products.data?.products ?? []).map((p) => ({ value: p.id, label: p.title }))]}
          onChange={(product_id) => setForm({ ...form, product_id })}
        />
      </div>
      <div className="flex flex-col gap-1">
        <Label size="xsmall" htmlFor="grant-tier">Tier</Label>
        <Input id="grant-tier" size="small" className="w-16" inputMode="numeric" value={form.tier} onChange={(e) => setForm({ ...form, tier: e.target.value })} />
      </div>
      <div className="flex flex-1 flex-col gap-1">
        <Label size="xsmall" htmlFor="grant-reason">Reason</Label>
        <Input id="grant-reason" size="small" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
      </div>
      <Button type="submit" size="small" variant="secondary" isLoading={grant.isPending} disabled={!form.product_id || !form.reason.trim() || !Number.isInteger(tier) || tier < 1}>
        Grant
      </Button>
    </form>
  )
}

function RevokeButton({ entitlement, onDone }: { entitlement: Entitlement; onDone: () => void }) {
  const revoke = useMutation({
    mutationFn: (reason: string) => sdk.client.fetch(`/admin/entitlements/${entitlement.id}/revoke`, { method: "POST", body: { reason } }),
    onSuccess: () => {
      toast.success("Access revoked")
      onDone()
    },
    onError: (e) => toast.error(errorText(e, "Access was not revoked")),
  })
  return (
    <Button
      size="small"
      variant="transparent"
      isLoading={revoke.isPending}
      onClick={() => {
        const reason = window.prompt(`Why revoke tier ${entitlement.tier} of ${entitlement.product?.title ?? entitlement.product_id}?`)
        if (reason?.trim()) revoke.mutate(reason.trim())
      }}
    >
      Revoke
    </Button>
  )
}

/**
 * Customer page: the customer's access to the org's products; grant or revoke by hand with
 * a reason. (Their course progress is @volmify/courses' "Learning" widget.)
 */
const CustomerEntitlementsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const client = useQueryClient()
  const key = ["volmify", "entitlements", customer.id]
  const { data, isLoading, error } = useQuery({
    queryKey: key,
    queryFn: () => sdk.client.fetch<{ entitlements: Entitlement[] }>(`/admin/customers/${customer.id}/entitlements`, { query: { limit: 100 } }),
  })
  const refresh = () => {
    client.invalidateQueries({ queryKey: key })
    // The Learning widget of @volmify/courses shows tiers too.
    client.invalidateQueries({ queryKey: ["volmify", "customer-enrollments", customer.id] })
  }
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Entitlements</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Tiers this customer holds on your products (purchases, gifts and manual grants).
        </Text>
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {errorText(error, "Could not load entitlements")}
        </Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : !data?.entitlements.length ? (
        <Text className="px-6 py-4 text-ui-fg-muted">No entitlements.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Product</Table.HeaderCell>
              <Table.HeaderCell>Tier</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Source / reason</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.entitlements.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>{e.product?.title ?? e.product_id}</Table.Cell>
                <Table.Cell>{e.tier}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={STATUS_COLOR[e.status]}>{e.status}</Badge>
                </Table.Cell>
                <Table.Cell>
                  <Text size="small">{e.source_type}{e.reason ? `: ${e.reason}` : ""}</Text>
                  {e.revoke_reason && <Text size="xsmall" className="text-ui-fg-muted">revoked: {e.revoke_reason}</Text>}
                </Table.Cell>
                <Table.Cell>{e.status === "active" && <RevokeButton entitlement={e} onDone={refresh} />}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <GrantForm customerId={customer.id} onDone={refresh} />
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerEntitlementsWidget
