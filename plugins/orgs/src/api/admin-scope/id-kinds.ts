import type { SharedIdKind } from "./types"

/** Which kind of record an id names, by its prefix (pure; body-ids.ts checks ownership). */

/** Medusa ids: a lower-case prefix, `_`, a 26-character ULID. */
const ID_SHAPE = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)_([0-9A-HJKMNP-TV-Z]{26})$/

export type OwnedKind =
  | "product"
  | "variant"
  | "product_image"
  | "product_option"
  | "product_option_value"
  | "inventory_item"
  | "inventory_level"
  | "price"
  | "promotion"
  | "promotion_rule"
  | "price_list"
  | "customer"
  | "sales_channel"
  | "order"
  | "payment"
  | "user"
  | "org"

export type IdKind = OwnedKind | SharedIdKind

export const PREFIX_KIND: Record<string, IdKind> = {
  prod: "product",
  variant: "variant",
  img: "product_image",
  opt: "product_option",
  optval: "product_option_value",
  iitem: "inventory_item",
  ilev: "inventory_level",
  price: "price",
  promo: "promotion",
  prorul: "promotion_rule",
  plist: "price_list",
  cus: "customer",
  sc: "sales_channel",
  order: "order",
  pay: "payment",
  user: "user",
  org: "org",
  reg: "region",
  sp: "shipping_profile",
  sloc: "stock_location",
  ptyp: "product_type",
  ptag: "product_tag",
  pcat: "product_category",
  pcol: "product_collection",
  cusgroup: "customer_group",
  refr: "refund_reason",
}

/** Shared kinds that need no ownership (product options are checked: see below). */
export const PLAIN_SHARED = new Set<IdKind>([
  "region",
  "shipping_profile",
  "stock_location",
  "product_type",
  "product_tag",
  "product_category",
  "product_collection",
  "customer_group",
  "refund_reason",
])

/** Every id-shaped string in `value` (keys are never ids), with its prefix. */
export function collectBodyIds(value: unknown, out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") {
    const m = ID_SHAPE.exec(value)
    if (m) out.set(value, m[1])
  } else if (Array.isArray(value)) {
    for (const v of value) collectBodyIds(v, out)
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) collectBodyIds(v, out)
  }
  return out
}
