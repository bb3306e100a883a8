import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { OrgScope, resolveAdminActor } from "../utils/admin-actor"
import { assertCatalogEdit } from "./catalog-grants"
import { checkAskedRelations } from "./fields"
import { findRule, relationsFor } from "./match"
import { Ownership } from "./ownership"
import { relationGraph } from "./relation-graph"
import { isClaimedAdminRoute } from "./require-org-scope"
import { ACCESS_ROLES, ParamKind, Rule } from "./types"

/** Routes of this plugin: they run their own role checks (utils/org-access.ts). */
const OWN_ROUTES = /^\/admin\/(orgs|org-invitations)(\/|$)/

/** What an admin user who is neither operator nor staff may still call. */
const NO_ROLE_ROUTES = new Set(["GET /admin/users/me"])

export type ScopedRequest = MedusaRequest & {
  volmifyScope?: { scope: OrgScope; rule: Rule; params: Record<string, string> }
}

const notFound = (what: string, id: string) =>
  new MedusaError(MedusaError.Types.NOT_FOUND, `${what} with id: ${id} was not found`)

/**
 * The org-scoped admin gate: a global middleware on /admin*. It runs after Medusa's
 * authentication and before every route-specific middleware (see README). Order:
 * orgs' own routes -> routes claimed with requireOrgScope (their middleware decides) ->
 * platform operators -> users of no org (403) -> the core allowlist -> 403.
 */
export async function adminScopeGate(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const path = (req.originalUrl || req.url).split("?")[0].replace(/\/+$/, "") || "/"
  const method = req.method.toUpperCase()
  const auth = (req as AuthenticatedMedusaRequest).auth_context
  // No auth context: a core route that opted out of authentication (feature flags,
  // invite acceptance). Everything else was answered 401 before this point.
  if (!auth?.actor_id || OWN_ROUTES.test(path) || method === "OPTIONS") {
    return next()
  }
  // A plugin's route that attaches requireOrgScope(roles): that middleware decides.
  if (isClaimedAdminRoute(req.app, method, path)) {
    return next()
  }
  const actor = await resolveAdminActor(req)
  if (actor.kind === "platform") {
    return next()
  }
  const route = `${method} ${path}`
  if (actor.kind === "none") {
    if (NO_ROLE_ROUTES.has(route)) {
      return next()
    }
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `${route} is not open to admin users who are neither platform operators nor org staff`
    )
  }
  const match = findRule(method, path)
  if (!match) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `${route} is not available to org staff (platform operators only)`
    )
  }
  const { rule, params } = match
  const { scope } = actor
  if (!ACCESS_ROLES[rule.access].includes(scope.role)) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `${route} needs one of the roles ${ACCESS_ROLES[rule.access].join(", ")} in ${scope.handle}; you are ${scope.role}`
    )
  }
  if (scope.status !== "active" && rule.method !== "GET") {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `The org "${scope.handle}" is suspended: its staff have read-only access`
    )
  }
  checkAskedRelations(route, req.query as Record<string, unknown>, relationsFor(rule), relationGraph())
  const ownership = new Ownership(req, scope)
  for (const [name, kind] of Object.entries(rule.params ?? {})) {
    await checkParam(ownership, kind, params[name], params, actor.user_id, scope, method)
  }
  if (rule.access === "catalog" && method !== "GET") {
    await assertCatalogEdit(req, scope, await productsOfPath(ownership, rule, params))
  }
  ;(req as ScopedRequest).volmifyScope = { scope, rule, params }
  next()
}

async function checkParam(
  own: Ownership,
  kind: ParamKind,
  id: string,
  params: Record<string, string>,
  userId: string,
  scope: OrgScope,
  method: string
) {
  switch (kind) {
    case "self":
      if (id !== userId) {
        throw new MedusaError(MedusaError.Types.FORBIDDEN, "Org staff can only read and edit their own user")
      }
      return
    case "product":
      if (!(await own.productIds([id])).length) throw notFound("Product", id)
      return
    case "promotion":
      if (!(await own.promotionIds([id])).length) throw notFound("Promotion", id)
      return
    case "price_list":
      if (!(await own.priceListIds([id])).length) throw notFound("Price list", id)
      return
    case "customer":
      if (!(await own.customerIds([id])).length) throw notFound("Customer", id)
      return
    case "order":
      if (!(await own.ownsOrder(id, false))) throw notFound("Order", id)
      return
    case "draft_order":
      if (!(await own.ownsOrder(id, true))) throw notFound("Draft order", id)
      return
    case "sales_channel":
      if (id !== scope.sales_channel_id && !(method === "GET" && id === (await own.storeDefaultChannelId()))) {
        throw notFound("Sales channel", id)
      }
      return
    case "inventory_item":
      if (!(await own.inventoryItemIds()).includes(id)) throw notFound("Inventory item", id)
      return
    case "product_option":
      if (!(await own.ownsProductOption(id))) throw notFound("Product option", id)
      return
    case "payment":
      if (!(await own.paymentIds([id])).length) throw notFound("Payment", id)
      return
    case "variant_of_product": {
      const products = await own.variantProducts([id])
      if (products.get(id) !== params.id) throw notFound("Variant", id)
      return
    }
  }
}

/** The org's products a catalog write's path names (none for a create or an upload). */
async function productsOfPath(own: Ownership, rule: Rule, params: Record<string, string>): Promise<string[]> {
  const products: string[] = []
  for (const [name, kind] of Object.entries(rule.params ?? {})) {
    if (kind === "product") products.push(params[name])
    if (kind === "inventory_item") products.push(...(await own.productsOfInventoryItem(params[name])))
  }
  return products
}
