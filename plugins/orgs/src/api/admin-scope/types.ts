import { Action, EmployeeRole, rolesFor } from "../../rules/roles"

export type Method = "GET" | "POST" | "DELETE"

/**
 * Who of an org's staff may call a route:
 * - `read`: every role (owner, admin, manager, creator, staff);
 * - `catalog`: products and their inventory: owner, admin, manager, creator;
 * - `commerce`: orders, promotions, price lists: owner, admin, manager.
 * Staff of a suspended org keep `read` routes only.
 */
export type Access = "read" | "catalog" | "commerce"

/** The matrix action behind each tier (rules/roles.ts); creators edit attributed products only. */
export const ACCESS_ACTION: Record<Access, Action> = {
  read: "org.read",
  catalog: "catalog.edit",
  commerce: "commerce.manage",
}

export const ACCESS_ROLES: Record<Access, EmployeeRole[]> = {
  read: rolesFor("org.read"),
  catalog: rolesFor("catalog.edit"),
  commerce: rolesFor("commerce.manage"),
}

/**
 * What a path parameter must be for the request to reach the core route; anything else
 * answers 404 (as if the id did not exist), except `self` (403: another user).
 * - `product`, `promotion`, `price_list`: linked to the org (src/links);
 * - `customer`: a member of the org (org_member);
 * - `order`, `draft_order`: placed in the org's sales channel;
 * - `sales_channel`: the org's own channel (or the store's default one, read-only: the
 *   product form reads it);
 * - `inventory_item`: linked to a variant of one of the org's products;
 * - `variant_of_product`: a variant of the product in the `:id` parameter;
 * - `self`: the calling user;
 * - `product_option`: a shared option (not exclusive to a product) or one of the org's
 *   products' own options;
 * - `payment`: a payment of an order placed in the org's sales channel (through its
 *   payment collection).
 */
export type ParamKind =
  | "product"
  | "promotion"
  | "price_list"
  | "customer"
  | "order"
  | "draft_order"
  | "sales_channel"
  | "inventory_item"
  | "variant_of_product"
  | "self"
  | "product_option"
  | "payment"

/** How a list route is narrowed to the org (applied after core's query validation). */
export type ListKind =
  | "product"
  | "variant"
  | "promotion"
  | "price_list"
  | "customer"
  | "order"
  | "draft_order"
  | "sales_channel"
  | "inventory_item"
  | "reservation"
  | "notification"
  | "order_child"
  | "customer_group"
  | "product_option"
  | "payment"

/** A check or rewrite of the (validated) body, see body-guards.ts. */
export type BodyGuard =
  | "product_create"
  | "product_update"
  | "variants_batch"
  | "promotion_create"
  | "promotion_update"
  | "promotion_rules_batch"
  | "price_list_create"
  | "price_list_prices_batch"
  | "price_list_products"

/**
 * Kinds of platform data shared by every org that a write row may name in its body
 * (body-ids.ts): anything else id-shaped in a body must be owned by the org.
 * `product_option` admits shared (non-exclusive) options only.
 */
export type SharedIdKind =
  | "region"
  | "shipping_profile"
  | "stock_location"
  | "product_type"
  | "product_tag"
  | "product_category"
  | "product_collection"
  | "product_option"
  | "customer_group"
  | "refund_reason"

export type Rule = {
  method: Method
  /** Express-style path, `:name` for one segment. */
  path: string
  access: Access
  params?: Record<string, ParamKind>
  list?: ListKind
  body?: BodyGuard
  /**
   * Reads only: what `?fields=` (and `order`) may name. Deny by default: a relation path
   * not listed here is a 400 naming it; a read row without `relations` takes no relation.
   */
  relations?: RelationRule
  /**
   * Writes only: the shared kinds of id the body (or an undeclared path parameter) may
   * carry. Every other id at any depth must be the org's, else 404 (body-ids.ts). Every
   * POST/DELETE row declares it, `[]` when nothing shared is expected.
   */
  bodyIds?: SharedIdKind[]
  /** Why the route is open to org staff, and how it is narrowed. */
  why: string
}

/**
 * The relations a read may traverse through `?fields=` / `order`.
 * - `entity`: the GraphQL type the route answers with, in the schema Medusa's Query builds
 *   from every module's and link's joiner config (`Product`, `Order`, ...); `null` for
 *   routes that answer with no Query entity (then only plain field names pass).
 * - `paths`: every relation path staff may ask for, each to full depth: `items` and
 *   `items.variant` are two entries; a path is allowed only when all its prefixes are.
 */
export type RelationRule = { entity: string | null; paths: readonly string[] }
