import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { errorText } from "../lib/errors"
import { sdk } from "../lib/sdk"

type OrderEntitlement = {
  id: string
  product_id: string
  tier: number
  variant_title: string | null
  status: "active" | "revoked" | "expired"
  starts_at: string
  expires_at: string | null
  revoked_at: string | null
  revoke_reason: string | null
  product?: { title: string } | null
}

const STATUS_COLOR = { active: "green", revoked: "red", expired: "grey" } as const
const day = (iso: string) => new Date(iso).toLocaleDateString()

/**
 * Order page: the access this order granted (course, tier, until when, revoked or expired)
 * and, for an order of course access only, that there is nothing to ship. Medusa's own
 * fulfilment section ("Unfulfilled Items") cannot be hidden by a widget, so this note says
 * to leave it. (In 2.21 the dashboard renders the `order.details.before` zone below the
 * core sections of the main column.)
 */
const OrderAccessWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["volmify", "order-entitlements", order.id],
    queryFn: () =>
      sdk.client.fetch<{ entitlements: OrderEntitlement[]; digital_only: boolean }>(`/admin/orders/${order.id}/entitlements`),
  })
  return (
    <Container className="divide-y p-0" aria-label="Course access">
      <div className="px-6 py-4">
        <Heading level="h2">Course access</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          What this order gave the customer. Revoke or grant by hand on the customer's page.
        </Text>
      </div>
      {data?.digital_only ? (
        <div className="px-6 py-4" role="note" data-testid="digital-order-note">
          <Text size="small" weight="plus">Digital order: nothing to ship.</Text>
          <Text size="small" className="text-ui-fg-subtle">
            Every line is course access, granted when the payment was authorized. Leave "Unfulfilled Items" as it is: there is nothing to fulfill.
          </Text>
        </div>
      ) : null}
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {errorText(error, "Could not load the access of this order")}
        </Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : !data?.entitlements.length ? (
        <Text className="px-6 py-4 text-ui-fg-muted">
          No course access from this order: its lines have no tier, or the payment is not authorized yet. Give access by hand on the{" "}
          <Link className="text-ui-fg-interactive" to={order.customer_id ? `/customers/${order.customer_id}` : "/customers"}>
            customer's page
          </Link>
          .
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Course</Table.HeaderCell>
              <Table.HeaderCell>Tier</Table.HeaderCell>
              <Table.HeaderCell>Until</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.entitlements.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>
                  <Link className="text-ui-fg-interactive" to={`/products/${e.product_id}`}>
                    {e.product?.title ?? e.product_id}
                  </Link>
                </Table.Cell>
                <Table.Cell>{e.variant_title ?? `Tier ${e.tier}`}</Table.Cell>
                <Table.Cell>{e.expires_at ? day(e.expires_at) : "Lifetime"}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={STATUS_COLOR[e.status]}>{e.status}</Badge>
                  {e.status === "revoked" && (
                    <Text size="xsmall" className="text-ui-fg-muted">
                      {e.revoked_at ? `${day(e.revoked_at)}: ` : ""}
                      {e.revoke_reason ?? "revoked"}
                    </Text>
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

export const config = defineWidgetConfig({ zone: "order.details.before" })

export default OrderAccessWidget
