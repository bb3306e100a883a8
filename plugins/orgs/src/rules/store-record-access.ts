/**
 * Who may reach a cart or an order through Medusa's store routes. One pure function;
 * the store-scope middleware (src/api/store-scope) gathers the facts and turns a refusal
 * into a 404, so a foreign id is never confirmed.
 *
 * 1. The publishable key must be one of the record's sales channel (each org has its own).
 * 2. A record of a registered customer (`has_account`) answers only that customer's token.
 * 3. A guest's open cart answers anyone holding its id (Medusa's model: the cart id is the
 *    browser's secret, kept in an HttpOnly cookie by our storefront).
 * 4. A guest's order, and a guest cart once completed (it holds the order's data), answer
 *    only a valid guest order token for that order, which the browser that completed the
 *    cart received. Completing an already completed guest cart again (the browser coming
 *    back from a payment page after the webhook completed it) is allowed for a short
 *    window, so that browser can fetch its token.
 * 5. Medusa's order transfer: accept/decline need the transfer token Medusa emailed to the
 *    order's address; the customer who requested a transfer may cancel it.
 */

export type StoreRecord = {
  kind: "cart" | "order"
  id: string
  sales_channel_id: string | null
  /** The owning customer when registered (`has_account`); null for guests. */
  registered_customer_id: string | null
  /** Carts: when completed, and the order made from it. */
  completed_at?: Date | null
  order_id?: string | null
}

export type StoreCaller = {
  /** Sales channels of the request's publishable key. */
  sales_channel_ids: readonly string[]
  /** The logged-in customer (bearer or session), if any. */
  customer_id: string | null
  /** Order ids for which the request carries a valid guest order token. */
  guest_order_ids: ReadonlySet<string>
  /** Transfer routes: the body's token is the order's pending transfer token. */
  holds_transfer_token?: boolean
  /** Transfer routes: the caller requested the order's pending transfer. */
  requested_transfer?: boolean
}

/**
 * - `use`: read or change the record (every route unless named below);
 * - `complete`: POST /store/carts/:id/complete;
 * - `transfer_token`: accept or decline a transfer (Medusa checks the token again);
 * - `transfer_cancel`: cancel a transfer request.
 */
export type StorePurpose = "use" | "complete" | "transfer_token" | "transfer_cancel"

export type StoreAccess = { allowed: true } | { allowed: false; reason: string }

/** How long after completion a guest may complete the same cart again (and get a token). */
export const GUEST_RECOMPLETE_WINDOW_SECONDS = 15 * 60

const deny = (reason: string): StoreAccess => ({ allowed: false, reason })
const allow: StoreAccess = { allowed: true }

export function decideStoreRecordAccess(
  record: StoreRecord,
  caller: StoreCaller,
  purpose: StorePurpose,
  now: Date = new Date()
): StoreAccess {
  if (!record.sales_channel_id || !caller.sales_channel_ids.includes(record.sales_channel_id)) {
    return deny("another sales channel")
  }
  if (purpose === "transfer_token") {
    return caller.holds_transfer_token ? allow : deny("no valid transfer token")
  }
  if (purpose === "transfer_cancel" && caller.requested_transfer) {
    return allow
  }
  if (record.registered_customer_id) {
    return caller.customer_id === record.registered_customer_id ? allow : deny("another customer's record")
  }
  if (record.kind === "cart" && !record.completed_at) {
    return allow
  }
  if (record.kind === "cart" && purpose === "complete" && record.completed_at) {
    const age = now.getTime() - new Date(record.completed_at).getTime()
    if (age >= 0 && age <= GUEST_RECOMPLETE_WINDOW_SECONDS * 1000) {
      return allow
    }
  }
  const orderId = record.kind === "order" ? record.id : record.order_id
  if (orderId && caller.guest_order_ids.has(orderId)) {
    return allow
  }
  return deny("a guest order without its order token")
}
