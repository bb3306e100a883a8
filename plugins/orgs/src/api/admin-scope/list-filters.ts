import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveAdminActor } from "../utils/admin-actor"
import type { ScopedRequest } from "./gate"
import { Ownership } from "./ownership"
import type { ListKind } from "./types"

/** Matches no row: an empty `id: []` filter is not reliably "nothing" in every layer. */
export const NO_ID = "volmify_no_access"

type Filters = Record<string, unknown>

/** Narrows `filters[key]` to `allowed` (intersected with what the caller asked for). */
export function restrict(filters: Filters, key: string, allowed: string[]) {
  const asked = filters[key]
  let ids = allowed
  if (asked !== undefined && asked !== null) {
    if (typeof asked !== "string" && !Array.isArray(asked)) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `Org staff can filter "${key}" by plain values only`
      )
    }
    const wanted = new Set(Array.isArray(asked) ? asked.map(String) : [asked])
    ids = allowed.filter((id) => wanted.has(id))
  }
  filters[key] = ids.length ? ids : [NO_ID]
}

const asList = (v: unknown): string[] | null =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : null

type Narrow = (own: Ownership, f: Filters, req: ScopedRequest, res: MedusaResponse) => Promise<void>

const NARROW: Record<ListKind, Narrow> = {
  product: async (own, f) => restrict(f, "id", await own.productIds()),
  variant: async (own, f) => restrict(f, "product_id", await own.productIds()),
  promotion: async (own, f) => restrict(f, "id", await own.promotionIds()),
  price_list: async (own, f) => restrict(f, "id", await own.priceListIds()),
  customer: async (own, f) => restrict(f, "id", await own.customerIds()),
  inventory_item: async (own, f) => restrict(f, "id", await own.inventoryItemIds()),
  reservation: async (own, f) => restrict(f, "inventory_item_id", await own.inventoryItemIds()),
  // Payments by id (the order page's): only the asked ones are looked up; without ids, every
  // payment of the org's orders.
  payment: async (own, f) => restrict(f, "id", await own.paymentIds(asList(f.id) ?? undefined)),
  order: async (_own, f, req) => restrict(f, "sales_channel_id", [req.volmifyScope!.scope.sales_channel_id]),
  draft_order: async (_own, f, req) => restrict(f, "sales_channel_id", [req.volmifyScope!.scope.sales_channel_id]),
  sales_channel: async (_own, f, req) => restrict(f, "id", [req.volmifyScope!.scope.sales_channel_id]),
  // Returns, claims, exchanges: only with order_id, and only the org's orders.
  order_child: async (own, f) => {
    const asked = asList(f.order_id)
    if (!asked?.length) {
      throw new MedusaError(MedusaError.Types.FORBIDDEN, "Org staff list these by order_id only")
    }
    const owned: string[] = []
    for (const id of asked) {
      if (await own.ownsOrder(id, false)) owned.push(id)
    }
    restrict(f, "order_id", owned)
  },
  // Groups are shared. Their `customers` only filtered by the org's members, and the
  // answer keeps members only.
  customer_group: async (own, f, req, res) => {
    const fields = (req.queryConfig?.fields ?? []) as string[]
    if (!fields.some((x) => x === "customers" || x.startsWith("customers."))) {
      return
    }
    const filter = f.customers as { id?: unknown } | undefined
    const asked = asList(filter?.id)
    if (!asked?.length) {
      throw new MedusaError(MedusaError.Types.FORBIDDEN, "Org staff read group customers filtered by customers[id] only")
    }
    const members = await own.customerIds(asked)
    f.customers = { id: members.length ? members : [NO_ID] }
    const json = res.json.bind(res)
    res.json = (body: unknown) => {
      for (const group of (body as { customer_groups?: { customers?: unknown }[] } | undefined)?.customer_groups ?? []) {
        if (Array.isArray(group.customers)) {
          group.customers = group.customers.filter((c: { id: string }) => members.includes(c.id))
        }
      }
      return json(body)
    }
  },
  // Options made with a product are exclusive to it (Medusa's default): other orgs' own.
  product_option: async (_own, f) => {
    f.is_exclusive = false
  },
  notification: async (_own, f, req) => {
    f.receiver_id = (req as unknown as AuthenticatedMedusaRequest).auth_context.actor_id
  },
}

/**
 * Route middleware (same matcher and method as the core list route, so it runs after
 * core's validateAndTransformQuery): narrows `req.filterableFields` to the org.
 */
export const narrowList =
  (kind: ListKind) => async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const scoped = req as ScopedRequest
    if (!scoped.volmifyScope) {
      // Only platform operators reach a list route without a scope from the gate.
      if ((await resolveAdminActor(req)).kind === "platform") {
        return next()
      }
      throw new MedusaError(MedusaError.Types.FORBIDDEN, `${req.method} ${req.path} is not scoped`)
    }
    if (!req.filterableFields) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `No query filters to narrow on ${req.path}`)
    }
    await NARROW[kind](new Ownership(req, scoped.volmifyScope.scope), req.filterableFields, scoped, res)
    next()
  }
