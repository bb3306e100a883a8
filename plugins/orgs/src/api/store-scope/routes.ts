import type { StorePurpose } from "../../rules/store-record-access"

export type StoreSubjectKind = "cart" | "order" | "payment_collection"

/**
 * A core (or plugin) /store route that names a cart, order or payment collection. The
 * guard finds the first row matching method + path, loads the record the id names and
 * applies `decideStoreRecordAccess`; a refusal is a 404. Rows with `method: "*"` and a
 * trailing `*` are the deny-by-default fallbacks, so that any other route under a cart, order or
 * payment collection id (a future core route, a plugin's) gets the strictest rule.
 *
 * `id`: where the id is (`param` = the `:id` path segment, `body`/`query` = a field).
 * Body and query ids the route requires but the request lacks are left to Medusa's own
 * validation (400).
 */
export type StoreScopeRow = {
  method: "GET" | "POST" | "DELETE" | "*"
  path: string
  subject: StoreSubjectKind
  id: { from: "param" } | { from: "body" | "query"; field: string }
  purpose: StorePurpose
  why: string
}

const cart = (method: StoreScopeRow["method"], path: string, why: string, purpose: StorePurpose = "use"): StoreScopeRow => ({
  method,
  path,
  subject: "cart",
  id: { from: "param" },
  purpose,
  why,
})
const order = (method: StoreScopeRow["method"], path: string, purpose: StorePurpose, why: string): StoreScopeRow => ({
  method,
  path,
  subject: "order",
  id: { from: "param" },
  purpose,
  why,
})

export const STORE_SCOPE: StoreScopeRow[] = [
  // --- Carts (Medusa 2.21.2: store/carts/[id]/**) ------------------------------------
  cart("GET", "/store/carts/:id", "read the cart"),
  cart("POST", "/store/carts/:id", "update email, addresses, region, promo codes (sales_channel_id: the key's only)"),
  cart("POST", "/store/carts/:id/line-items", "add an item"),
  cart("POST", "/store/carts/:id/line-items/:line_id", "change an item"),
  cart("DELETE", "/store/carts/:id/line-items/:line_id", "remove an item"),
  cart("POST", "/store/carts/:id/promotions", "apply promo codes"),
  cart("DELETE", "/store/carts/:id/promotions", "remove promo codes"),
  cart("POST", "/store/carts/:id/shipping-methods", "choose a shipping option"),
  cart("POST", "/store/carts/:id/taxes", "compute taxes"),
  cart("POST", "/store/carts/:id/customer", "a logged-in customer takes over a guest cart (never another customer's)"),
  cart("POST", "/store/carts/:id/complete", "place the order; a guest gets the order token", "complete"),
  // @volmify/affiliates
  cart("POST", "/store/carts/:id/referral", "attach an affiliate referral"),
  // @volmify/access (the route also wants the cart's own customer logged in)
  cart("POST", "/store/carts/:id/upgrade-credit", "put the customer's upgrade credit for a tier on the cart"),
  cart("POST", "/store/carts/:id/subscription-trial", "make the cart's subscription trial lines free"),

  // --- Orders (store/orders/[id]/**) --------------------------------------------------
  order("GET", "/store/orders/:id", "use", "read the order"),
  order("POST", "/store/orders/:id/transfer/request", "use", "a logged-in customer asks to move a guest order into their account: the guest's order token"),
  order("POST", "/store/orders/:id/transfer/accept", "transfer_token", "the token Medusa emailed to the order's address"),
  order("POST", "/store/orders/:id/transfer/decline", "transfer_token", "the token Medusa emailed to the order's address"),
  order("POST", "/store/orders/:id/transfer/cancel", "transfer_cancel", "the customer who requested the transfer, or the order's owner"),

  // --- Ids in bodies and queries --------------------------------------------------------
  {
    method: "POST",
    path: "/store/payment-collections",
    subject: "cart",
    id: { from: "body", field: "cart_id" },
    purpose: "use",
    why: "payment collection for a cart",
  },
  {
    method: "POST",
    path: "/store/payment-collections/:id/payment-sessions",
    subject: "payment_collection",
    id: { from: "param" },
    purpose: "use",
    why: "payment session: the rule of the collection's cart (or order)",
  },
  {
    method: "GET",
    path: "/store/shipping-options",
    subject: "cart",
    id: { from: "query", field: "cart_id" },
    purpose: "use",
    why: "shipping options for a cart",
  },
  {
    method: "POST",
    path: "/store/shipping-options/:option_id/calculate",
    subject: "cart",
    id: { from: "body", field: "cart_id" },
    purpose: "use",
    why: "price of a shipping option for a cart",
  },
  {
    method: "POST",
    path: "/store/returns",
    subject: "order",
    id: { from: "body", field: "order_id" },
    purpose: "use",
    why: "a return of an order (Medusa leaves it open to anyone with the order id)",
  },

  // --- Deny by default: anything else under an id ---------------------------------------
  cart("*", "/store/carts/:id/*", "any other route under a cart"),
  order("*", "/store/orders/:id/*", "use", "any other route under an order"),
  {
    method: "*",
    path: "/store/payment-collections/:id/*",
    subject: "payment_collection",
    id: { from: "param" },
    purpose: "use",
    why: "any other route under a payment collection",
  },
]

type Compiled = { row: StoreScopeRow; literals: (string | null)[]; rest: boolean }

const COMPILED: Compiled[] = STORE_SCOPE.map((row) => {
  const segments = row.path.split("/").filter(Boolean)
  const rest = segments[segments.length - 1] === "*"
  const fixed = rest ? segments.slice(0, -1) : segments
  return { row, literals: fixed.map((s) => (s.startsWith(":") ? null : s.toLowerCase())), rest }
})

/**
 * The row for a request, with the path's `:id` value. Express matches routes without case
 * and ignores a trailing slash, so literals are compared in lower case and empty segments
 * dropped; the id keeps its case.
 */
export function findStoreScopeRow(method: string, path: string): { row: StoreScopeRow; param: string | null } | null {
  const segments = path.split("/").filter(Boolean)
  for (const { row, literals, rest } of COMPILED) {
    if (row.method !== "*" && row.method !== method) {
      continue
    }
    if (rest ? segments.length < literals.length : segments.length !== literals.length) {
      continue
    }
    let param: string | null = null
    const matches = literals.every((literal, i) => {
      if (literal === null) {
        if (param === null) param = segments[i]
        return true
      }
      return segments[i].toLowerCase() === literal
    })
    if (matches) {
      return { row, param }
    }
  }
  return null
}
