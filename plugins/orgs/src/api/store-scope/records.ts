import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { StoreRecord } from "../../rules/store-record-access"

/** Query's graph, with the shape of the rows each read below selects named by the caller. */
type Query = { graph<Row>(config: Record<string, unknown>): Promise<{ data: Row[] }> }

/** A cart or order with its customer's account flag. */
type OwnedRow = { customer_id?: string | null; customer?: { has_account?: boolean | null } | null }
type CartRow = OwnedRow & { id: string; sales_channel_id?: string | null; completed_at?: Date | string | null }
type OrderRow = OwnedRow & { id: string; sales_channel_id?: string | null; is_draft_order?: boolean | null }
type OrderChangeRow = {
  id: string
  status: string
  actions?: ({ action?: string; reference_id?: string | null; details?: { token?: string | null } | null } | null)[] | null
}

const query = (scope: MedusaContainer) => scope.resolve<Query>(ContainerRegistrationKeys.QUERY)

const registeredOwner = (row: OwnedRow | undefined): string | null =>
  row?.customer_id && row?.customer?.has_account ? row.customer_id : null

/** A cart as the access rule sees it, or null when there is none. */
export async function loadCartRecord(scope: MedusaContainer, id: string): Promise<StoreRecord | null> {
  const { data } = await query(scope).graph<CartRow>({
    entity: "cart",
    fields: ["id", "sales_channel_id", "customer_id", "customer.has_account", "completed_at"],
    filters: { id },
  })
  const cart = data[0]
  if (!cart) {
    return null
  }
  let orderId: string | null = null
  if (cart.completed_at) {
    const { data: links } = await query(scope).graph<{ order_id: string }>({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: id } })
    orderId = links[0]?.order_id ?? null
  }
  return {
    kind: "cart",
    id: cart.id,
    sales_channel_id: cart.sales_channel_id ?? null,
    registered_customer_id: registeredOwner(cart),
    completed_at: cart.completed_at ? new Date(cart.completed_at) : null,
    order_id: orderId,
  }
}

/** An order (never a draft order: the store has no business with those), or null. */
export async function loadOrderRecord(scope: MedusaContainer, id: string): Promise<StoreRecord | null> {
  const { data } = await query(scope).graph<OrderRow>({
    entity: "order",
    fields: ["id", "sales_channel_id", "customer_id", "customer.has_account", "is_draft_order"],
    filters: { id },
  })
  const order = data[0]
  if (!order || order.is_draft_order) {
    return null
  }
  return {
    kind: "order",
    id: order.id,
    sales_channel_id: order.sales_channel_id ?? null,
    registered_customer_id: registeredOwner(order),
  }
}

/** A payment collection is judged as the cart (or order) it pays for; unlinked ones as none. */
export async function loadPaymentCollectionRecord(scope: MedusaContainer, id: string): Promise<StoreRecord | null> {
  const { data: carts } = await query(scope).graph<{ cart_id: string | null }>({
    entity: "cart_payment_collection",
    fields: ["cart_id"],
    filters: { payment_collection_id: id },
  })
  if (carts[0]?.cart_id) {
    return loadCartRecord(scope, carts[0].cart_id)
  }
  const { data: orders } = await query(scope).graph<{ order_id: string | null }>({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: id },
  })
  return orders[0]?.order_id ? loadOrderRecord(scope, orders[0].order_id) : null
}

/**
 * The order's pending customer transfer, if any: who asked for it (a customer id) and
 * the token Medusa emailed to the order's address.
 */
export async function loadPendingTransfer(
  scope: MedusaContainer,
  orderId: string
): Promise<{ requested_by: string | null; token: string | null } | null> {
  const { data } = await query(scope).graph<OrderChangeRow>({
    entity: "order_change",
    fields: ["id", "status", "actions.action", "actions.reference_id", "actions.details"],
    filters: { order_id: orderId, status: ["pending", "requested"] },
  })
  for (const change of data) {
    const action = (change.actions ?? []).find((a) => a?.action === "TRANSFER_CUSTOMER")
    if (action) {
      return { requested_by: action.reference_id ?? null, token: action.details?.token ?? null }
    }
  }
  return null
}
