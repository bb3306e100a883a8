import { timingSafeEqual } from "node:crypto"
import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import {
  deriveGuestOrderTokenKey,
  GUEST_ORDER_TOKEN_HEADER,
  signGuestOrderToken,
  verifyGuestOrderToken,
} from "../../rules/guest-order-token"
import { decideStoreRecordAccess, StoreCaller, StoreRecord } from "../../rules/store-record-access"
import { loadCartRecord, loadOrderRecord, loadPaymentCollectionRecord, loadPendingTransfer } from "./records"
import { findStoreScopeRow, StoreScopeRow, StoreSubjectKind } from "./routes"

const LABEL: Record<StoreSubjectKind, string> = { cart: "Cart", order: "Order", payment_collection: "Payment collection" }

let cachedKey: { secret: string; key: Buffer } | null = null

/** The guest order token key, derived from the app's JWT secret (read from Medusa's config). */
export function guestOrderTokenKey(scope: MedusaContainer): Buffer {
  const secret = String(scope.resolve<ConfigModule>("configModule")?.projectConfig?.http?.jwtSecret ?? "")
  if (!secret) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "projectConfig.http.jwtSecret is not set")
  }
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: deriveGuestOrderTokenKey(secret) }
  }
  return cachedKey.key
}

const notFound = (kind: StoreSubjectKind, id: string) =>
  new MedusaError(MedusaError.Types.NOT_FOUND, `${LABEL[kind]} with id: ${id} was not found`)

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The path has a malformed escape sequence")
  }
}

/** The id the row names: null when absent (Medusa's validation answers that), 400 when not a string. */
function subjectId(req: MedusaStoreRequest, row: StoreScopeRow, param: string | null): string | null {
  if (row.id.from === "param") {
    return param === null ? null : decodeSegment(param)
  }
  const source = (row.id.from === "body" ? req.body : req.query) as Record<string, unknown> | undefined
  const value = source?.[row.id.field]
  if (value === undefined || value === null) {
    return null
  }
  if (typeof value !== "string" || !value.trim()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${row.id.field} must be a non-empty string`)
  }
  return value
}

async function loadRecord(scope: MedusaContainer, kind: StoreSubjectKind, id: string): Promise<StoreRecord | null> {
  if (id.length > 200) {
    return null
  }
  if (kind === "cart") return loadCartRecord(scope, id)
  if (kind === "order") return loadOrderRecord(scope, id)
  return loadPaymentCollectionRecord(scope, id)
}

/** Query, narrowed to the rows one call selects. */
type GraphOf<Row> = { graph: (c: Record<string, unknown>) => Promise<{ data: Row[] }> }

const sameToken = (a: unknown, b: string | null) =>
  typeof a === "string" && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

async function callerFacts(req: MedusaStoreRequest, row: StoreScopeRow, record: StoreRecord): Promise<StoreCaller> {
  const auth = (req as MedusaStoreRequest & { auth_context?: { actor_type?: string; actor_id?: string } }).auth_context
  const customerId = auth?.actor_type === "customer" && auth.actor_id ? auth.actor_id : null
  const tokenOrder = verifyGuestOrderToken(guestOrderTokenKey(req.scope), req.get(GUEST_ORDER_TOKEN_HEADER))
  const caller: StoreCaller = {
    sales_channel_ids: req.publishable_key_context?.sales_channel_ids ?? [],
    customer_id: customerId,
    guest_order_ids: new Set(tokenOrder ? [tokenOrder] : []),
  }
  if (record.kind === "order" && (row.purpose === "transfer_token" || row.purpose === "transfer_cancel")) {
    const transfer = await loadPendingTransfer(req.scope, record.id)
    caller.holds_transfer_token = sameToken((req.body as { token?: unknown } | undefined)?.token, transfer?.token ?? null)
    caller.requested_transfer = !!customerId && transfer?.requested_by === customerId
  }
  return caller
}

/**
 * Global /store middleware (runs before every route-specific one): a request naming a
 * cart, order or payment collection reaches Medusa only when the rule in
 * src/rules/store-record-access.ts allows it; otherwise 404, as if the id did not exist.
 */
export async function storeScopeGuard(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const path = `${req.baseUrl ?? ""}${req.path}`
  const match = findStoreScopeRow(req.method.toUpperCase(), path)
  if (!match) {
    return next()
  }
  const { row, param } = match
  const id = subjectId(req, row, param)
  if (id === null) {
    return next()
  }
  const record = await loadRecord(req.scope, row.subject, id)
  if (!record) {
    throw notFound(row.subject, id)
  }
  const decision = decideStoreRecordAccess(record, await callerFacts(req, row, record), row.purpose)
  if (!decision.allowed) {
    throw notFound(row.subject, id)
  }
  next()
}

/**
 * POST /store/carts/:id with a `sales_channel_id`: a cart may not be moved out of the key's
 * channels (it would then be another org's cart).
 */
export function keepCartInKeyChannel(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const wanted = (req.validatedBody as { sales_channel_id?: string | null } | undefined)?.sales_channel_id
  const allowed = req.publishable_key_context?.sales_channel_ids ?? []
  if (wanted !== undefined && wanted !== null && !allowed.includes(wanted)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "sales_channel_id must be a sales channel of the publishable API key"
    )
  }
  next()
}

/** GET /store/orders: a customer's orders of this key's sales channels only (customers are global). */
export function narrowOrdersToKeyChannels(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const channels = req.publishable_key_context?.sales_channel_ids ?? []
  req.filterableFields = { ...(req.filterableFields ?? {}), sales_channel_id: channels.length ? channels : ["none"] }
  next()
}

/**
 * POST /store/carts/:id/complete: when an order is placed (or found again), its guest
 * order token goes back in the `x-order-token` header. The browser's server keeps it in an
 * HttpOnly cookie and sends it to read the order.
 */
export function issueGuestOrderToken(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const send = res.json.bind(res)
  res.json = ((body: { type?: string; order?: { id?: unknown } } | undefined) => {
    const orderId = body?.type === "order" ? body?.order?.id : null
    if (res.statusCode < 300 && typeof orderId === "string") {
      const { token } = signGuestOrderToken(guestOrderTokenKey(req.scope), orderId)
      res.setHeader(GUEST_ORDER_TOKEN_HEADER, token)
      res.setHeader("Access-Control-Expose-Headers", GUEST_ORDER_TOKEN_HEADER)
      res.setHeader("Cache-Control", "no-store")
    }
    return send(body)
  }) as typeof res.json
  next()
}

/**
 * POST /store/shipping-options/:id/calculate: Medusa 2.21.2 answers an unknown option id
 * with a 500 (it sets a price on the missing option); a 404 naming it instead.
 */
export async function requireShippingOption(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const id = req.params.id
  const { data } = await req.scope
    .resolve<GraphOf<{ id: string }>>("query")
    .graph({ entity: "shipping_option", fields: ["id"], filters: { id } })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Shipping option with id: ${id} was not found`)
  }
  next()
}

/**
 * POST /store/carts and POST /store/carts/:id with an `email`: Medusa binds a cart to the
 * registered customer who owns that email even without a login (find-or-create-customer),
 * which would put a stranger's order into that account and lock the stranger out of their
 * own cart. An email with an account is for its owner's login only (400 otherwise).
 */
export async function refuseAccountEmailWithoutItsLogin(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const email = (req.validatedBody as { email?: unknown } | undefined)?.email
  if (typeof email !== "string" || !email) {
    return next()
  }
  const { data } = await req.scope
    .resolve<GraphOf<{ id: string }>>("query")
    .graph({ entity: "customer", fields: ["id"], filters: { email: email.toLowerCase(), has_account: true } })
  const auth = (req as MedusaStoreRequest & { auth_context?: { actor_type?: string; actor_id?: string } }).auth_context
  const caller = auth?.actor_type === "customer" ? auth.actor_id : undefined
  if (data.length && !data.some((c) => c.id === caller)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "An account exists for this email: log in to use it")
  }
  next()
}

/**
 * POST /store/carts (with `items`) and POST /store/carts/:id/line-items: a variant is sold
 * only through a key of its product's sales channels. Medusa 2.21.2 checks the channel only
 * for variants whose inventory it manages, so without this a second org's storefront could
 * sell the first org's course (and book the sale to itself). A foreign variant gets the
 * answer Medusa gives an unknown one (400), so ids cannot be probed.
 */
export async function keepVariantsInKeyChannel(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.validatedBody ?? req.body) as { variant_id?: unknown; items?: Array<{ variant_id?: unknown }> } | undefined
  const wanted = [body?.variant_id, ...(Array.isArray(body?.items) ? body!.items.map((i) => i?.variant_id) : [])]
  const ids = [...new Set(wanted.filter((v): v is string => typeof v === "string" && v.length > 0))]
  if (!ids.length) {
    return next()
  }
  const channels = req.publishable_key_context?.sales_channel_ids ?? []
  const { data } = await req.scope
    .resolve<GraphOf<{ id: string; product?: { sales_channels?: ({ id?: string } | null)[] | null } | null }>>("query")
    .graph({ entity: "product_variant", fields: ["id", "product.sales_channels.id"], filters: { id: ids } })
  const sold = new Set(
    data
      .filter((v) => (v.product?.sales_channels ?? []).some((sc: { id?: string } | null) => !!sc?.id && channels.includes(sc.id)))
      .map((v) => v.id as string)
  )
  const foreign = ids.filter((id) => !sold.has(id))
  if (foreign.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Variants ${foreign.join(", ")} do not exist or belong to a product that is not published`
    )
  }
  next()
}
