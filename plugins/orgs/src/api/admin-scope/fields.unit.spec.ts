import { MedusaError } from "@medusajs/framework/utils"
import { checkAskedRelations, deniedPath, parseFieldEntries } from "./fields"
import type { RelationGraph } from "./relation-graph"

// A small slice of the Query graph: what the leaks went through.
const graph: RelationGraph = new Map([
  ["Region", new Map([["carts", "Cart"], ["countries", "Country"]])],
  ["Cart", new Map([["items", "CartLineItem"], ["order", "Order"]])],
  ["Order", new Map([["customer", "Customer"], ["items", "OrderLineItem"], ["order_change", "OrderChange"]])],
  ["Customer", new Map([["orders", "Order"], ["carts", "Cart"], ["addresses", "CustomerAddress"]])],
  ["OrderLineItem", new Map([["variant", "ProductVariant"]])],
  ["ProductVariant", new Map([["product", "Product"]])],
])

const ORDER = { entity: "Order", paths: ["customer", "items", "items.variant", "order_change"] }
const REGION = { entity: "Region", paths: ["countries"] }

const denied = (fields: string, rule = ORDER) => parseFieldEntries(fields).map((e) => deniedPath(e, rule, graph)).find(Boolean) ?? null

const refusal = (route: string, query: Record<string, unknown>, rule = ORDER) => {
  try {
    checkAskedRelations(route, query, rule, graph)
    return null
  } catch (e) {
    return { type: (e as MedusaError).type, message: (e as Error).message }
  }
}

describe("relations in ?fields= (deny by default)", () => {
  it("reads entries the way Medusa's field parser does", () => {
    expect(parseFieldEntries("id,+items.title, customer.*,*items.variant,-order_change")).toEqual([
      { raw: "id", segments: ["id"], star: false },
      { raw: "+items.title", segments: ["items", "title"], star: false },
      { raw: "customer.*", segments: ["customer"], star: true },
      { raw: "*items.variant", segments: ["items", "variant"], star: true },
      { raw: "-order_change", segments: ["order_change"], star: false },
    ])
  })

  it("allows plain fields and listed relation paths, in every spelling", () => {
    for (const f of ["id,total", "*customer", "customer.*", "+customer.email", " customer.email", "items.variant.sku", "*items.variant", "-order_change", "order_change"]) {
      expect({ f, denied: denied(f) }).toEqual({ f, denied: null })
    }
  })

  it("names the first relation path not listed, at any depth and in any spelling", () => {
    expect(denied("id,customer.orders.id,customer.orders.items.title")).toBe("customer.orders")
    expect(denied("customer.orders")).toBe("customer.orders")
    expect(denied("*customer.carts")).toBe("customer.carts")
    expect(denied("items.variant.product.title")).toBe("items.variant.product")
    expect(denied("id,carts.email,carts.items.title", REGION)).toBe("carts")
    expect(denied("carts", REGION)).toBe("carts")
    expect(denied("-carts", REGION)).toBe("carts")
    expect(denied("carts.*", REGION)).toBe("carts")
    // A nested object Query does not know still needs its path listed.
    expect(denied("summary.x.y")).toBe("summary")
    // Unknown last segments (computed fields such as totals) pass.
    expect(denied("items.variant.inventory_quantity")).toBeNull()
  })

  it("takes no relation at all on a row without relations, or with no entity", () => {
    expect(deniedPath(parseFieldEntries("customer.id")[0], undefined, graph)).toBe("customer")
    expect(denied("*anything", { entity: null, paths: [] })).toBe("anything")
    expect(denied("id,name", { entity: null, paths: [] })).toBeNull()
  })

  it("answers 400 naming the path for fields, fields[] and order; malformed values too", () => {
    expect(refusal("GET /admin/orders", { fields: "id,customer.orders.id" })).toEqual({
      type: MedusaError.Types.INVALID_DATA,
      message: 'GET /admin/orders: org staff cannot ask for the relation "customer.orders" through "fields" (customer.orders.id)',
    })
    expect(refusal("GET /admin/orders", { fields: ["id", "customer.carts.id"] })?.message).toContain('"customer.carts"')
    expect(refusal("GET /admin/orders", { order: "customer.orders.created_at" })?.message).toContain('"customer.orders" through "order"')
    expect(refusal("GET /admin/orders", { fields: "*" })?.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(refusal("GET /admin/orders", { fields: "items..id" })?.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(refusal("GET /admin/orders", { fields: { a: "b" } })?.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(refusal("GET /admin/orders", { fields: "id,*items.variant", order: "-created_at" })).toBeNull()
  })

  it("fails closed when a row names an entity Query does not have", () => {
    expect(refusal("GET /admin/x", { fields: "id" }, { entity: "Nope", paths: [] })?.type).toBe(MedusaError.Types.UNEXPECTED_STATE)
  })
})
