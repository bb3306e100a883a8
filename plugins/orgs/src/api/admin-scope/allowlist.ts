import type { RelationRule, Rule, SharedIdKind } from "./types"

/**
 * The core /admin routes org staff may call (deny by default: anything not here is 403
 * for them). Platform operators are never filtered; admin users who are neither operator
 * nor staff only get GET /admin/users/me. The plugin's own /admin/orgs* and
 * /admin/org-invitations* routes do their own role checks and are not gated here.
 *
 * Each row: method, path, role tier (types.ts), ownership of path parameters (404 when
 * not the org's), list narrowing, body guard, relation paths allowed in `?fields=`, and why.
 */

// Relation paths (`?fields=` / `order`) each read may traverse, deny by default (fields.ts).
// A path reaches only records of the row's own record: never a global collection (a
// region's carts, a customer's orders, an option value's variants, a channel's products).
const rel = (entity: string | null, paths: string[] = []): RelationRule => ({ entity, paths })
const NONE = rel(null)

/** The product form and page: its own variants, options, images, taxonomy and channel. */
const PRODUCT = rel("Product", [
  "variants", "variants.options", "variants.options.option", "variants.prices", "variants.prices.price_rules",
  "variants.inventory_items", "variants.inventory_items.inventory", "variants.inventory_items.inventory.location_levels",
  "variants.images", "options", "options.values", "images", "tags", "type", "collection", "categories", "sales_channels", "shipping_profile",
])
/** A variant of one of the org's products, with its own prices, options, stock and images. */
const VARIANT = rel("ProductVariant", [
  "product", "options", "options.option", "prices", "prices.price_rules", "inventory_items", "inventory_items.inventory",
  "inventory_items.inventory.location_levels", "images", "images.variants",
])
/** The order page (dashboard DEFAULT_FIELDS of order-detail): the order's own lines, payments, fulfillments. */
const ORDER = rel("Order", [
  "order_change", "customer", "items", "items.variant", "items.variant.product", "items.variant.options", "items.variant.inventory_items",
  "items.variant.inventory_items.inventory", "items.tax_lines", "items.adjustments", "summary", "shipping_address", "billing_address",
  "sales_channel", "promotions", "shipping_methods", "shipping_methods.tax_lines", "shipping_methods.adjustments", "credit_lines",
  "fulfillments", "fulfillments.shipping_option", "fulfillments.shipping_option.service_zone",
  "fulfillments.shipping_option.service_zone.fulfillment_set", "fulfillments.items", "fulfillments.labels", "payment_collections",
  "payment_collections.payment_sessions", "payment_collections.payments", "payment_collections.payments.refunds",
  "payment_collections.payments.refunds.refund_reason", "region",
])
/** A payment of one of the org's orders: its captures and refunds (core's default fields). */
const PAYMENT = rel("Payment", ["captures", "refunds", "refunds.refund_reason"])
/** A member's own record: addresses and (shared) groups; never `orders` or `carts` (other orgs'). */
const CUSTOMER = rel("Customer", ["addresses", "groups"])
const PROMOTION = rel("Promotion", [
  "application_method", "application_method.target_rules", "application_method.target_rules.values",
  "application_method.buy_rules", "application_method.buy_rules.values", "rules", "rules.values", "campaign", "campaign.budget",
])
const PRICE_LIST = rel("PriceList", ["prices", "prices.price_rules", "price_list_rules"])
/** Returns, claims, exchanges of one of the org's orders: their items and the order's lines. */
const ORDER_CHILD = (entity: string) =>
  rel(entity, ["items", "items.reason", "items.item", "items.item.variant", "items.item.variant.product", "additional_items", "additional_items.item", "return", "return.items", "shipping_methods"])

// Shared records a product form names (type, tags, categories, collection, shipping
// profile, shared options, price rules by region).
const CATALOG_SHARED: SharedIdKind[] = ["product_type", "product_tag", "product_category", "product_collection", "shipping_profile", "product_option", "region"]
// Shared records a promotion's rules may name (customer groups, regions, taxonomy).
const PROMOTION_SHARED: SharedIdKind[] = ["customer_group", "region", "product_type", "product_tag", "product_category", "product_collection"]

const shared = (path: string, why: string, relations: RelationRule = NONE): Rule => ({
  method: "GET",
  path,
  access: "read",
  relations,
  why,
})

export const ALLOWLIST: Rule[] = [
  // --- The dashboard shell (every page) -------------------------------------------
  { method: "GET", path: "/admin/users/me", access: "read", relations: rel("User"), why: "who is logged in; every page" },
  { method: "GET", path: "/admin/users/:id", access: "read", params: { id: "self" }, relations: rel("User"), why: "own profile only" },
  { method: "POST", path: "/admin/users/:id", access: "read", params: { id: "self" }, bodyIds: [], why: "edit own profile (name, avatar)" },
  shared("/admin/stores", "store name, currencies and defaults for forms; writes stay platform-only", rel("Store", ["supported_currencies", "supported_currencies.currency", "supported_locales", "default_sales_channel"])),
  shared("/admin/stores/:id", "same as the list", rel("Store", ["supported_currencies", "supported_currencies.currency", "supported_locales", "default_sales_channel"])),
  { method: "GET", path: "/admin/plugins", access: "read", relations: NONE, why: "order page checks installed plugins (names only)" },
  { method: "GET", path: "/admin/feature-flags", access: "read", relations: NONE, why: "dashboard start" },
  { method: "GET", path: "/admin/layouts/configurations", access: "read", relations: NONE, why: "dashboard start; core filters to the user's own and system layouts" },
  { method: "GET", path: "/admin/layouts/:zone/configuration", access: "read", relations: NONE, why: "dashboard start; per user" },
  { method: "GET", path: "/admin/views/:entity/columns", access: "read", relations: NONE, why: "list pages (view configurations feature)" },
  { method: "GET", path: "/admin/views/:entity/configurations", access: "read", relations: NONE, why: "list pages; per user" },
  { method: "GET", path: "/admin/views/:entity/configurations/active", access: "read", relations: NONE, why: "list pages; per user" },
  { method: "GET", path: "/admin/notifications", access: "read", list: "notification", relations: rel("Notification"), why: "top bar badge; narrowed to notifications addressed to the user" },
  shared("/admin/locales", "locale pickers"),
  shared("/admin/currencies", "price forms", rel("Currency")),
  shared("/admin/currencies/:code", "price forms", rel("Currency")),
  shared("/admin/regions", "order list filters and price forms; region writes stay platform-only", rel("Region", ["countries", "payment_providers"])),
  shared("/admin/regions/:id", "order and price pages", rel("Region", ["countries", "payment_providers"])),
  shared("/admin/price-preferences", "tax-inclusive flags of price forms", rel("PricePreference")),
  shared("/admin/price-preferences/:id", "same", rel("PricePreference")),

  // --- Catalog taxonomy: shared, read-only, no way into other orgs' products --------
  shared("/admin/product-types", "product list filters and forms", rel("ProductType")),
  shared("/admin/product-types/:id", "product forms", rel("ProductType")),
  shared("/admin/product-tags", "product list filters and forms", rel("ProductTag")),
  shared("/admin/product-tags/:id", "product forms", rel("ProductTag")),
  shared("/admin/product-categories", "product forms", rel("ProductCategory", ["parent_category", "category_children"])),
  shared("/admin/product-categories/:id", "product forms", rel("ProductCategory", ["parent_category", "category_children"])),
  shared("/admin/collections", "product list filter and forms", rel("ProductCollection")),
  shared("/admin/collections/:id", "product forms", rel("ProductCollection")),
  { method: "GET", path: "/admin/product-options", access: "read", list: "product_option", relations: rel("ProductOption", ["values"]), why: "shared options in the product create form: shared ones only (a product's own options are its org's); writes platform-only" },
  { method: "GET", path: "/admin/product-options/:id", access: "read", params: { id: "product_option" }, relations: rel("ProductOption", ["values"]), why: "a shared option, or one of the org's products' own" },
  shared("/admin/shipping-profiles", "product create/edit form (shipping profile select)", rel("ShippingProfile")),
  shared("/admin/shipping-profiles/:id", "product page", rel("ShippingProfile")),
  shared("/admin/stock-locations", "inventory and order pages", rel("StockLocation", ["address"])),
  shared("/admin/stock-locations/:id", "inventory and order pages", rel("StockLocation", ["address"])),
  { method: "GET", path: "/admin/customer-groups", access: "read", list: "customer_group", relations: rel("CustomerGroup", ["customers"]), why: "customer list filter and the customer page's groups; `customers` only when filtered by the org's members, and answered with members only" },
  shared("/admin/customer-groups/:id", "customer pages", rel("CustomerGroup")),
  { method: "POST", path: "/admin/uploads", access: "catalog", bodyIds: [], why: "product images in the product forms" },

  // --- Sales channels: only the org's own ---------------------------------------------
  { method: "GET", path: "/admin/sales-channels", access: "read", list: "sales_channel", relations: rel("SalesChannel"), why: "product/order pages; narrowed to the org's channel" },
  { method: "GET", path: "/admin/sales-channels/:id", access: "read", params: { id: "sales_channel" }, relations: rel("SalesChannel"), why: "product create form reads the org's channel" },

  // --- Products (owned through the org<->product link) ------------------------------
  { method: "GET", path: "/admin/products", access: "read", list: "product", relations: PRODUCT, why: "product list: the org's products" },
  { method: "POST", path: "/admin/products", access: "catalog", body: "product_create", bodyIds: CATALOG_SHARED, why: "create: forced into the org's channel, linked to the org by the productsCreated hook" },
  { method: "GET", path: "/admin/products/:id", access: "read", params: { id: "product" }, relations: PRODUCT, why: "product page" },
  { method: "POST", path: "/admin/products/:id", access: "catalog", params: { id: "product" }, body: "product_update", bodyIds: CATALOG_SHARED, why: "edit; sales channels limited to the org's" },
  { method: "DELETE", path: "/admin/products/:id", access: "catalog", params: { id: "product" }, bodyIds: [], why: "delete own product" },
  { method: "GET", path: "/admin/products/:id/options", access: "read", params: { id: "product" }, relations: rel("ProductOption", ["values"]), why: "product page" },
  { method: "POST", path: "/admin/products/:id/options", access: "catalog", params: { id: "product" }, bodyIds: [], why: "product page" },
  { method: "POST", path: "/admin/products/:id/options/batch", access: "catalog", params: { id: "product" }, bodyIds: ["product_option"], why: "product page" },
  { method: "GET", path: "/admin/products/:id/variants", access: "read", params: { id: "product" }, relations: VARIANT, why: "product page" },
  { method: "POST", path: "/admin/products/:id/variants", access: "catalog", params: { id: "product" }, bodyIds: ["region"], why: "add a variant" },
  { method: "POST", path: "/admin/products/:id/variants/batch", access: "catalog", params: { id: "product" }, body: "variants_batch", bodyIds: ["region"], why: "price editor; updated/deleted ids must be this product's" },
  { method: "GET", path: "/admin/products/:id/variants/:variant_id", access: "read", params: { id: "product", variant_id: "variant_of_product" }, relations: VARIANT, why: "variant page" },
  { method: "POST", path: "/admin/products/:id/variants/:variant_id", access: "catalog", params: { id: "product", variant_id: "variant_of_product" }, bodyIds: ["region"], why: "edit variant" },
  { method: "DELETE", path: "/admin/products/:id/variants/:variant_id", access: "catalog", params: { id: "product", variant_id: "variant_of_product" }, bodyIds: [], why: "delete variant (core deletes by variant id alone: the check matters)" },
  { method: "POST", path: "/admin/products/:id/variants/:variant_id/images/batch", access: "catalog", params: { id: "product", variant_id: "variant_of_product" }, bodyIds: [], why: "variant images" },
  { method: "POST", path: "/admin/products/:id/images/:image_id/variants/batch", access: "catalog", params: { id: "product" }, bodyIds: [], why: "image variants" },
  { method: "GET", path: "/admin/product-variants", access: "read", list: "variant", relations: VARIANT, why: "variant pickers (price lists, orders): the org's products' variants" },

  // --- Inventory of the org's products ---------------------------------------------
  { method: "GET", path: "/admin/inventory-items", access: "read", list: "inventory_item", relations: rel("InventoryItem", ["location_levels"]), why: "inventory page: items of the org's variants" },
  { method: "GET", path: "/admin/inventory-items/:id", access: "read", params: { id: "inventory_item" }, relations: rel("InventoryItem", ["location_levels", "variants", "variants.product", "variants.options"]), why: "inventory item page" },
  { method: "POST", path: "/admin/inventory-items/:id", access: "catalog", params: { id: "inventory_item" }, bodyIds: [], why: "edit SKU, dimensions" },
  { method: "GET", path: "/admin/inventory-items/:id/location-levels", access: "read", params: { id: "inventory_item" }, relations: rel("InventoryLevel"), why: "stock per location" },
  { method: "POST", path: "/admin/inventory-items/:id/location-levels", access: "catalog", params: { id: "inventory_item" }, bodyIds: ["stock_location"], why: "stock at a new location" },
  { method: "POST", path: "/admin/inventory-items/:id/location-levels/:location_id", access: "catalog", params: { id: "inventory_item" }, bodyIds: ["stock_location"], why: "adjust stock" },
  { method: "GET", path: "/admin/reservations", access: "read", list: "reservation", relations: rel("ReservationItem", ["inventory_item"]), why: "reservations of the org's inventory items" },

  // --- Orders and drafts (placed in the org's sales channel) ------------------------
  { method: "GET", path: "/admin/orders", access: "read", list: "order", relations: ORDER, why: "order list: the org's channel" },
  { method: "GET", path: "/admin/orders/:id", access: "read", params: { id: "order" }, relations: ORDER, why: "order page" },
  { method: "POST", path: "/admin/orders/:id", access: "commerce", params: { id: "order" }, bodyIds: [], why: "edit email/addresses" },
  { method: "GET", path: "/admin/orders/:id/preview", access: "read", params: { id: "order" }, relations: ORDER, why: "order page" },
  { method: "GET", path: "/admin/orders/:id/changes", access: "read", params: { id: "order" }, relations: rel("OrderChange", ["actions"]), why: "order page (activity)" },
  { method: "GET", path: "/admin/orders/:id/line-items", access: "read", params: { id: "order" }, relations: rel("OrderItem", ["item", "item.variant", "item.variant.product"]), why: "order page" },
  { method: "GET", path: "/admin/orders/:id/shipping-options", access: "read", params: { id: "order" }, relations: rel("ShippingOption", ["prices", "service_zone", "service_zone.fulfillment_set", "service_zone.fulfillment_set.location"]), why: "order page" },
  { method: "POST", path: "/admin/orders/:id/cancel", access: "commerce", params: { id: "order" }, bodyIds: [], why: "cancel own order" },
  { method: "POST", path: "/admin/orders/:id/complete", access: "commerce", params: { id: "order" }, bodyIds: [], why: "complete own order" },
  { method: "POST", path: "/admin/orders/:id/archive", access: "commerce", params: { id: "order" }, bodyIds: [], why: "archive own order" },
  { method: "GET", path: "/admin/returns", access: "read", list: "order_child", relations: ORDER_CHILD("Return"), why: "order page: returns of one of the org's orders (order_id required)" },
  { method: "GET", path: "/admin/claims", access: "read", list: "order_child", relations: ORDER_CHILD("OrderClaim"), why: "order page: claims of one of the org's orders (order_id required)" },
  { method: "GET", path: "/admin/exchanges", access: "read", list: "order_child", relations: ORDER_CHILD("OrderExchange"), why: "order page: exchanges of one of the org's orders (order_id required)" },
  // --- Payments of the org's orders: the order page's capture and refund ------------
  // A payment id answers for its order (payment collection -> order -> channel), else 404.
  // A refund emits payment.refunded: access (full refund), the ledger reversal and the
  // affiliate clawback follow exactly as for an operator's refund.
  { method: "GET", path: "/admin/payments", access: "read", list: "payment", relations: PAYMENT, why: "payments of the org's orders (asked ids only are looked up)" },
  { method: "GET", path: "/admin/payments/:id", access: "read", params: { id: "payment" }, relations: PAYMENT, why: "a payment of one of the org's orders" },
  { method: "POST", path: "/admin/payments/:id/capture", access: "commerce", params: { id: "payment" }, bodyIds: [], why: "capture an order with a physical line (digital ones capture themselves); authorizations lapse after days" },
  { method: "POST", path: "/admin/payments/:id/refund", access: "commerce", params: { id: "payment" }, bodyIds: ["refund_reason"], why: "refund all or part of a payment (the refund form); reasons are shared platform data" },
  shared("/admin/refund-reasons", "the refund form's reason select; writes stay platform-only", rel("RefundReason")),
  shared("/admin/refund-reasons/:id", "refund reasons shown on the order page", rel("RefundReason")),
  { method: "GET", path: "/admin/draft-orders", access: "read", list: "draft_order", relations: ORDER, why: "drafts page: the org's channel" },
  { method: "GET", path: "/admin/draft-orders/:id", access: "read", params: { id: "draft_order" }, relations: ORDER, why: "draft page" },

  // --- Customers: members of the org (customers are global: read-only) -------------
  { method: "GET", path: "/admin/customers", access: "read", list: "customer", relations: CUSTOMER, why: "customer list: the org's members" },
  { method: "GET", path: "/admin/customers/:id", access: "read", params: { id: "customer" }, relations: CUSTOMER, why: "customer page" },
  { method: "GET", path: "/admin/customers/:id/addresses", access: "read", params: { id: "customer" }, relations: rel("CustomerAddress"), why: "customer page" },
  { method: "GET", path: "/admin/customers/:id/addresses/:address_id", access: "read", params: { id: "customer" }, relations: rel("CustomerAddress"), why: "customer page" },

  // --- Promotions (owned through the org<->promotion link) --------------------------
  { method: "GET", path: "/admin/promotions", access: "read", list: "promotion", relations: PROMOTION, why: "promotion list" },
  { method: "POST", path: "/admin/promotions", access: "commerce", body: "promotion_create", bodyIds: PROMOTION_SHARED, why: "create: linked to the org by the promotionsCreated hook, limited to the org's channel" },
  { method: "GET", path: "/admin/promotions/rule-attribute-options/:rule_type", access: "read", relations: NONE, why: "promotion forms (static attribute list)" },
  { method: "GET", path: "/admin/promotions/:id", access: "read", params: { id: "promotion" }, relations: PROMOTION, why: "promotion page" },
  { method: "POST", path: "/admin/promotions/:id", access: "commerce", params: { id: "promotion" }, body: "promotion_update", bodyIds: PROMOTION_SHARED, why: "edit (no campaigns)" },
  { method: "DELETE", path: "/admin/promotions/:id", access: "commerce", params: { id: "promotion" }, bodyIds: [], why: "delete" },
  { method: "GET", path: "/admin/promotions/:id/:rule_type", access: "read", params: { id: "promotion" }, relations: rel("PromotionRule", ["values"]), why: "promotion page: its rules" },
  { method: "POST", path: "/admin/promotions/:id/rules/batch", access: "commerce", params: { id: "promotion" }, body: "promotion_rules_batch", bodyIds: PROMOTION_SHARED, why: "edit rules; the org's channel rule stays" },
  { method: "POST", path: "/admin/promotions/:id/target-rules/batch", access: "commerce", params: { id: "promotion" }, body: "promotion_rules_batch", bodyIds: PROMOTION_SHARED, why: "edit target rules" },
  { method: "POST", path: "/admin/promotions/:id/buy-rules/batch", access: "commerce", params: { id: "promotion" }, body: "promotion_rules_batch", bodyIds: PROMOTION_SHARED, why: "edit buy rules" },

  // --- Price lists (owned through the org<->price list link) ------------------------
  { method: "GET", path: "/admin/price-lists", access: "read", list: "price_list", relations: PRICE_LIST, why: "price list page" },
  { method: "POST", path: "/admin/price-lists", access: "commerce", body: "price_list_create", bodyIds: ["customer_group", "region"], why: "create + link in one workflow (workflows/create-org-price-list.ts); prices only for the org's variants" },
  { method: "GET", path: "/admin/price-lists/:id", access: "read", params: { id: "price_list" }, relations: PRICE_LIST, why: "price list page" },
  { method: "POST", path: "/admin/price-lists/:id", access: "commerce", params: { id: "price_list" }, bodyIds: ["customer_group"], why: "edit" },
  { method: "DELETE", path: "/admin/price-lists/:id", access: "commerce", params: { id: "price_list" }, bodyIds: [], why: "delete" },
  { method: "GET", path: "/admin/price-lists/:id/prices", access: "read", params: { id: "price_list" }, relations: rel("Price", ["price_rules"]), why: "price list page" },
  { method: "POST", path: "/admin/price-lists/:id/prices/batch", access: "commerce", params: { id: "price_list" }, body: "price_list_prices_batch", bodyIds: ["region"], why: "edit prices: own variants, this list's prices" },
  { method: "POST", path: "/admin/price-lists/:id/products", access: "commerce", params: { id: "price_list" }, body: "price_list_products", bodyIds: [], why: "remove products: own products only" },
]
