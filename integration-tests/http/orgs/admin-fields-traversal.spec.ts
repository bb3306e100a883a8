import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaModule } from "@medusajs/framework/modules-sdk"
import { GraphQLUtils } from "@medusajs/framework/utils"
import type { AdminActor, Api, CustomerActor } from "../../helpers/actors"
import { createCustomer } from "../../helpers/actors"
import { createRegion, TestRegion } from "../../helpers/commerce"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(600_000)

// Issue 19, relations in `?fields=`: a generated traversal, not a hand-picked list. For every
// GET row of the org-scoped admin's allowlist, the relations Medusa's Query can traverse from
// the row's entity (the schema Query builds from every module's and link's joiner config) are
// asked for to depth 3, as org A's owner, with org B's carts, orders, inventory, promotion
// rules and a customer shared by both orgs in the database. No answer may carry an id of B
// and none may be a 5xx. A path refused with 400 is not expanded further (its children are
// refused by the same prefix), except a sample that checks exactly that.

type Rule = { method: string; path: string; params?: Record<string, string>; relations?: { entity: string | null; paths: readonly string[] } }
// The built plugin, as the host app loads it.
import { ALLOWLIST } from "@volmify/orgs/testing"

type Res = { status: number; data: any }
const ok = { validateStatus: () => true }
const CONCURRENCY = 6
const MAX_DEPTH = 3
/** Children of a refused path still tried, to see the refusal holds below it. */
const REFUSED_SAMPLE = 2

/** entity -> relation -> target entity, as Medusa merges the joiner configs' schemas. */
function queryRelationGraph(): Map<string, Map<string, string>> {
  const loaded = MedusaModule.getAllJoinerConfigs().map((c: any) => c?.schema ?? "").join("\n")
  const base = "scalar DateTime\nscalar JSON\ndirective @enumValue(value: String) on ENUM_VALUE\n"
  const { schema } = GraphQLUtils.cleanGraphQLSchema(base + loaded)
  const executable = GraphQLUtils.makeExecutableSchema({ typeDefs: GraphQLUtils.mergeTypeDefs(schema) })
  return GraphQLUtils.extractRelationsFromGQL(executable.getTypeMap() as any)
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++
      out[i] = await tasks[i]()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return out
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fx: TwoOrgFixture
    let region: TestRegion
    const bIds = new Set<string>()
    const params: Record<string, string> = {}

    const as = (actor: AdminActor | { headers: Record<string, string> }) => ({ ...ok, headers: actor.headers })
    const must = async (label: string, p: Promise<Res>) => {
      const res = await p
      if (res.status >= 300) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.data).slice(0, 400)}`)
      return res.data
    }
    const remember = (...ids: (string | undefined | null)[]) => ids.forEach((id) => id && bIds.add(id))

    /**
     * A product of the org's owner: one variant without inventory, one with an inventory
     * item stocked at `locationId`. No shipping profile: digital lines need no shipping method.
     */
    async function product(owner: AdminActor, letter: string, locationId: string) {
      const { product } = await must(`product ${letter}`, (api as Api).post("/admin/products", {
        title: `Traversal ${letter}`,
        status: "published",
        options: [{ title: "Tier", values: ["Basic", "Stocked"] }],
        variants: [
          { title: "Basic", manage_inventory: false, options: { Tier: "Basic" }, prices: [{ currency_code: "usd", amount: 100 }] },
          { title: "Stocked", sku: `TRV-${letter}-${Date.now()}`, manage_inventory: true, options: { Tier: "Stocked" }, prices: [{ currency_code: "usd", amount: 120 }] },
        ],
      }, as(owner)))
      const { variants } = await must(`variants ${letter}`, (api as Api).get(`/admin/products/${product.id}/variants?fields=id,inventory_items.inventory_item_id`, as(owner)))
      const stocked = variants.find((v: any) => v.inventory_items?.length)
      const inventoryItemId: string = stocked.inventory_items[0].inventory_item_id
      await must(`stock ${letter}`, (api as Api).post(`/admin/inventory-items/${inventoryItemId}/location-levels`, { location_id: locationId, stocked_quantity: 5 }, as(owner)))
      return { product, basicVariantId: variants.find((v: any) => !v.inventory_items?.length).id as string, stockedVariantId: stocked.id as string, inventoryItemId }
    }

    /** An order placed in the org's channel for `customer` (a draft converted by the operator). */
    async function placeOrder(org: { sales_channel_id: string }, customer: CustomerActor, variantIds: string[]): Promise<string> {
      const { draft_order } = await must("draft", (api as Api).post("/admin/draft-orders", {
        email: customer.customer.email, customer_id: customer.customer.id, region_id: region.id, sales_channel_id: org.sales_channel_id,
        items: variantIds.map((variant_id) => ({ variant_id, quantity: 1 })),
      }, as(fx.platform)))
      return (await must("convert", (api as Api).post(`/admin/draft-orders/${draft_order.id}/convert-to-order`, {}, as(fx.platform)))).order.id
    }

    /** A storefront checkout with the system provider: an order with an (authorized) payment. */
    async function checkout(customer: CustomerActor, variantId: string): Promise<{ orderId: string; paymentId: string }> {
      const cart = await openCart(customer, variantId)
      const { payment_collection } = await must("collection", (api as Api).post("/store/payment-collections", { cart_id: cart.id }, as(customer)))
      await must("session", (api as Api).post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, as(customer)))
      const done = await must("complete", (api as Api).post(`/store/carts/${cart.id}/complete`, {}, as(customer)))
      const order = (await must("paid order", (api as Api).get(`/admin/orders/${done.order.id}?fields=id,payment_collections.payments.id`, as(fx.platform)))).order
      return { orderId: order.id, paymentId: order.payment_collections[0].payments[0].id }
    }

    /** An open cart with a line, left as a storefront would leave it. */
    async function openCart(customer: CustomerActor, variantId: string) {
      const { cart } = await must("cart", (api as Api).post("/store/carts", { region_id: region.id, email: customer.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, as(customer)))
      return cart
    }

    beforeAll(async () => {
      const container = getContainer()
      fx = await createTwoOrgFixture(container, api as Api, { prefix: "trv" })
      const platform = fx.platform
      region = await createRegion(container, "usd")
      const { stock_location } = await must("location", (api as Api).post("/admin/stock-locations", { name: "Traversal WH" }, as(platform)))
      for (const side of [fx.a, fx.b]) {
        await must("location channel", (api as Api).post(`/admin/stock-locations/${stock_location.id}/sales-channels`, { add: [side.org.sales_channel_id] }, as(platform)))
      }
      // Shared platform data, so every shared `:id` row has a record to answer with.
      await must("type", (api as Api).post("/admin/product-types", { value: "trv-type" }, as(platform)))
      await must("tag", (api as Api).post("/admin/product-tags", { value: "trv-tag" }, as(platform)))
      await must("category", (api as Api).post("/admin/product-categories", { name: "Trv category" }, as(platform)))
      await must("collection", (api as Api).post("/admin/collections", { title: "Trv collection" }, as(platform)))
      await must("group", (api as Api).post("/admin/customer-groups", { name: "Trv group" }, as(platform)))
      await must("refund reason", (api as Api).post("/admin/refund-reasons", { label: "Trv reason", code: "trv_reason" }, as(platform)))

      const orgs = container.resolve<any>("org")
      const join = async (orgId: string, customerId: string) => {
        const [row] = await orgs.listOrgMembers({ org_id: orgId, customer_id: customerId })
        if (!row) await orgs.createOrgMembers({ org_id: orgId, customer_id: customerId, type: "customer", joined_at: new Date() })
      }

      const pa = await product(fx.a.staff.owner, "A", stock_location.id)
      const pb = await product(fx.b.staff.owner, "B", stock_location.id)
      // The shared customer registered on B's storefront and bought in both orgs.
      const shared = fx.b.customer
      await join(fx.b.org.id, shared.customer.id)
      await join(fx.a.org.id, shared.customer.id)
      const sharedOnA = { ...shared, headers: { ...shared.headers, ...fx.a.key.headers } }
      // B's own customer (member of B only) and A's.
      const bOnly = await createCustomer(api as Api, fx.b.key)
      await join(fx.b.org.id, bOnly.customer.id)
      await join(fx.a.org.id, fx.a.customer.customer.id)

      const orderA = await placeOrder(fx.a.org, fx.a.customer, [pa.basicVariantId])
      await placeOrder(fx.a.org, sharedOnA, [pa.basicVariantId])
      const orderB1 = await placeOrder(fx.b.org, shared, [pb.basicVariantId, pb.stockedVariantId])
      const orderB2 = await placeOrder(fx.b.org, bOnly, [pb.basicVariantId])
      // Paid checkouts (payments for the payment rows): one in each org.
      const paidA = await checkout(fx.a.customer, pa.basicVariantId)
      const paidB = await checkout(bOnly, pb.basicVariantId)
      const cartB1 = await openCart(shared, pb.basicVariantId)
      const cartB2 = await openCart(bOnly, pb.stockedVariantId)
      await openCart(sharedOnA, pa.basicVariantId)

      // Made after the checkouts: a default profile would be given to new products, whose
      // lines would then need a shipping method.
      const profileId = (await must("profile", (api as Api).post("/admin/shipping-profiles", { name: "Trv profile", type: "default" }, as(platform)))).shipping_profile.id
      const promotion = async (owner: AdminActor, letter: string, productId: string) =>
        (await must(`promotion ${letter}`, (api as Api).post("/admin/promotions", {
          code: `TRV-${letter}`, type: "standard", status: "active",
          rules: [{ attribute: "currency_code", operator: "in", values: ["usd"] }],
          application_method: {
            type: "percentage", target_type: "items", allocation: "each", max_quantity: 1, value: 10, currency_code: "usd",
            target_rules: [{ attribute: "items.product.id", operator: "in", values: [productId] }],
          },
        }, as(owner)))).promotion
      const promoA = await promotion(fx.a.staff.owner, "A", pa.product.id)
      const promoB = await promotion(fx.b.staff.owner, "B", pb.product.id)
      const priceList = async (owner: AdminActor, letter: string, variantId: string) =>
        (await must(`price list ${letter}`, (api as Api).post("/admin/price-lists", {
          title: `Trv ${letter}`, description: "traversal", type: "sale", status: "active",
          prices: [{ variant_id: variantId, currency_code: "usd", amount: 50 }],
        }, as(owner)))).price_list
      const plA = await priceList(fx.a.staff.owner, "A", pa.basicVariantId)
      const plB = await priceList(fx.b.staff.owner, "B", pb.basicVariantId)
      const draftA = await must("draft A", (api as Api).post("/admin/draft-orders", {
        email: fx.a.customer.customer.email, customer_id: fx.a.customer.customer.id, region_id: region.id,
        sales_channel_id: fx.a.org.sales_channel_id, items: [{ variant_id: pa.basicVariantId, quantity: 1 }],
      }, as(platform)))
      const { address } = await must("address", (api as Api).post("/store/customers/me/addresses", { address_1: "1 Main St", city: "Springfield", country_code: "us" }, as(fx.a.customer))).then((d: any) => ({ address: d.customer.addresses[0] }))

      // B's ids, read back as the platform operator: every record B owns, to any depth.
      const read = (url: string) => must(url, (api as Api).get(url, as(platform)))
      remember(fx.b.org.id, fx.b.org.sales_channel_id, bOnly.customer.id, ...Object.values(fx.b.staff).map((s) => s.user.id))
      const bp = (await read(`/admin/products/${pb.product.id}?fields=id,variants.id,options.id,options.values.id,variants.prices.id`)).product
      remember(bp.id, ...bp.variants.map((v: any) => v.id), ...bp.variants.flatMap((v: any) => v.prices.map((p: any) => p.id)), ...bp.options.flatMap((o: any) => [o.id, ...o.values.map((x: any) => x.id)]))
      const inv = (await read(`/admin/inventory-items/${pb.inventoryItemId}?fields=id,location_levels.id`)).inventory_item
      remember(inv.id, ...inv.location_levels.map((l: any) => l.id))
      for (const id of [orderB1, orderB2, paidB.orderId]) {
        const o = (await read(`/admin/orders/${id}?fields=id,items.id,shipping_address.id,billing_address.id,payment_collections.id,payment_collections.payments.id`)).order
        remember(o.id, ...o.items.map((i: any) => i.id), o.shipping_address?.id, o.billing_address?.id, ...(o.payment_collections ?? []).flatMap((pc: any) => [pc.id, ...(pc.payments ?? []).map((p: any) => p.id)]))
      }
      remember(cartB1.id, cartB2.id, ...cartB1.items.map((i: any) => i.id), ...cartB2.items.map((i: any) => i.id))
      const pr = (await read(`/admin/promotions/${promoB.id}?fields=id,rules.id,application_method.id,application_method.target_rules.id`)).promotion
      remember(pr.id, pr.application_method.id, ...pr.rules.map((r: any) => r.id), ...pr.application_method.target_rules.map((r: any) => r.id))
      const pl = (await read(`/admin/price-lists/${plB.id}?fields=id,prices.id`)).price_list
      remember(pl.id, ...pl.prices.map((p: any) => p.id))

      // Values for every path parameter of the allowlist, as org A's owner would send them.
      // A shared record that is not one of B's (product options can be a product's own).
      const first = async (url: string, key: string) => (await read(url))[key].find((r: any) => !bIds.has(r.id))?.id
      Object.assign(params, {
        product: pa.product.id, promotion: promoA.id, price_list: plA.id, customer: fx.a.customer.customer.id,
        order: orderA, draft_order: draftA.draft_order.id, sales_channel: fx.a.org.sales_channel_id,
        inventory_item: pa.inventoryItemId, variant_of_product: pa.basicVariantId, self: fx.a.staff.owner.user.id,
        "/admin/stores/:id": await first("/admin/stores", "stores"),
        "/admin/currencies/:code": "usd",
        "/admin/regions/:id": region.id,
        "/admin/price-preferences/:id": await first("/admin/price-preferences", "price_preferences"),
        "/admin/product-types/:id": await first("/admin/product-types", "product_types"),
        "/admin/product-tags/:id": await first("/admin/product-tags", "product_tags"),
        "/admin/product-categories/:id": await first("/admin/product-categories", "product_categories"),
        "/admin/collections/:id": await first("/admin/collections", "collections"),
        "/admin/product-options/:id": await first("/admin/product-options", "product_options"),
        "/admin/shipping-profiles/:id": profileId,
        "/admin/stock-locations/:id": stock_location.id,
        "/admin/customer-groups/:id": await first("/admin/customer-groups", "customer_groups"),
        "/admin/refund-reasons/:id": await first("/admin/refund-reasons", "refund_reasons"),
        payment: paidA.paymentId,
        zone: "sidebar", entity: "product", rule_type: "rules", address_id: address.id,
      })
    })

    /** The row's path with A's ids (or shared records) in its parameters; null when one has no value. */
    const urlOf = (rule: Rule): string | null => {
      let missing = false
      const url = rule.path.replace(/:([a-z_]+)/g, (_m, name: string) => {
        const value = params[rule.params?.[name] ?? ""] ?? params[`${rule.path}`] ?? params[name]
        if (!value) missing = true
        return value
      })
      // Returns, claims and exchanges are listed by order id only.
      return missing ? null : ["/admin/returns", "/admin/claims", "/admin/exchanges"].includes(url) ? `${url}?order_id=${params.order}&` : `${url}?`
    }

    it("every read row names a Query entity that exists, and every row has a url to try", () => {
      const graph = queryRelationGraph()
      const reads = ALLOWLIST.filter((r) => r.method === "GET")
      expect(reads.filter((r) => r.relations?.entity && !graph.has(r.relations.entity)).map((r) => r.path)).toEqual([])
      expect(reads.filter((r) => !urlOf(r)).map((r) => r.path)).toEqual([])
    })

    it("no relation path to depth 3 from any read row reaches org B, and none answers 5xx", async () => {
      const graph = queryRelationGraph()
      const owner = fx.a.staff.owner
      // Rows without a url are reported by the case above.
      const reads = ALLOWLIST.filter((r) => r.method === "GET" && urlOf(r))
      // Rows answering no Query entity: every relation name Query knows that leads to tenant
      // data, one level deep (the gate takes no dotted or starred field on them at all).
      const TENANT = new Set(["Cart", "Order", "Customer", "Product", "ProductVariant", "Promotion", "PriceList", "InventoryItem", "SalesChannel", "OrderLineItem", "CartLineItem"])
      const everyRelation = [...new Set([...graph.values()].flatMap((m) => [...m.entries()].filter(([, t]) => TENANT.has(t)).map(([n]) => n)))]
      const leaks: string[] = []
      const errors: string[] = []
      const tally = { requests: 0, paths: 0, ok: 0, refused: 0, other: 0 }

      type Probe = { url: string; path: string[]; entity: string | null; typed: boolean }
      // Every spelling for paths from an entity; rows with no entity get one per relation name.
      // Depth 1: a field of the relation, all of it, the bare name; deeper: the first two.
      const forms = (probe: Probe, p: string) =>
        !probe.typed ? [`id,${p}.id`] : probe.path.length === 1 ? [`id,${p}.id`, `*${p}`, `id,${p}`] : [`id,${p}.id`, `*${p}`]
      const ask = async (probe: Probe): Promise<boolean> => {
        const p = probe.path.join(".")
        let refused = true
        for (const fields of forms(probe, p)) {
          const url = `${probe.url}fields=${encodeURIComponent(fields)}`
          const res: Res = await (api as Api).get(url, as(owner))
          tally.requests++
          if (res.status >= 500) errors.push(`${res.status} GET ${url}: ${JSON.stringify(res.data).slice(0, 200)}`)
          else if (res.status === 400) tally.refused++
          else if (res.status < 300) tally.ok++
          else tally.other++
          if (res.status < 300) {
            refused = false
            const text = JSON.stringify(res.data)
            const found = [...bIds].filter((id) => text.includes(id))
            if (found.length) leaks.push(`GET ${url} -> ${found.join(", ")}`)
          }
        }
        tally.paths++
        return refused
      }

      let frontier: Probe[] = []
      for (const rule of reads) {
        const url = urlOf(rule)!
        const entity = rule.relations?.entity ?? null
        const names = entity ? [...(graph.get(entity)?.keys() ?? [])] : everyRelation
        frontier.push(...names.map((n) => ({ url, path: [n], entity: entity ? graph.get(entity)!.get(n)! : null, typed: !!entity })))
      }
      for (let depth = 1; depth <= MAX_DEPTH && frontier.length; depth++) {
        const refused = await pool(frontier.map((probe) => () => ask(probe)), CONCURRENCY)
        if (depth === MAX_DEPTH) break
        const next: Probe[] = []
        frontier.forEach((probe, i) => {
          if (!probe.entity) return
          const children = [...(graph.get(probe.entity)?.entries() ?? [])]
          const chosen = refused[i] ? children.slice(0, REFUSED_SAMPLE) : children
          next.push(...chosen.map(([n, target]) => ({ url: probe.url, path: [...probe.path, n], entity: target, typed: true })))
        })
        frontier = next
      }
      process.stdout.write(
        `[fields traversal] ${reads.length} routes x ${tally.paths} relation paths (depth <= ${MAX_DEPTH}), ${tally.requests} requests: ` +
          `${tally.ok} answered, ${tally.refused} refused 400, ${tally.other} other 4xx, ${errors.length} 5xx, ${leaks.length} leaks; ${bIds.size} ids of org B watched\n`
      )
      expect(bIds.size).toBeGreaterThan(20)
      expect(tally.ok).toBeGreaterThan(0)
      expect(errors.slice(0, 20)).toEqual([])
      expect(leaks.slice(0, 20)).toEqual([])
    })

    it("refuses with 400 naming the path the values that leaked org B's data (issue 19)", async () => {
      const owner = fx.a.staff.owner
      const cases: [string, string][] = [
        ["/admin/regions?fields=id,carts.email,carts.items.title", "carts"],
        ["/admin/orders?fields=id,customer.orders.id,customer.orders.items.title", "customer.orders"],
        ["/admin/customers?fields=carts.*,carts.order.*", "carts"],
        ["/admin/product-options?fields=values.variants.product.title,values.variants.product.status", "values.variants"],
        // Each Medusa spelling of "all of a relation", bare names and `order` too.
        ["/admin/regions?fields=*carts", "carts"],
        ["/admin/regions?fields=%2Bcarts", "carts"],
        ["/admin/regions?fields=carts", "carts"],
        ["/admin/regions?fields=-carts", "carts"],
        ["/admin/customers?fields[]=orders.id", "orders"],
        ["/admin/products?order=variants.product.title", "variants.product"],
        ["/admin/stores?fields=*default_sales_channel.products", "default_sales_channel.products"],
      ]
      for (const [url, path] of cases) {
        const res: Res = await (api as Api).get(url, as(owner))
        expect({ url, status: res.status, names: String(res.data.message).includes(`"${path}"`) }).toEqual({ url, status: 400, names: true })
      }
      // The platform operator is never filtered.
      expect((await (api as Api).get("/admin/regions?fields=id,carts.id", as(fx.platform))).status).toBe(200)
    })

    it("keeps answering the relations the dashboard asks for on the org's own records", async () => {
      const owner = fx.a.staff.owner
      const urls = [
        `/admin/orders/${params.order}?fields=${encodeURIComponent("id,*customer,*items,*items.variant,*items.variant.product,+summary,*payment_collections.payments,*sales_channel,region.automatic_taxes")}`,
        `/admin/products?fields=${encodeURIComponent("id,title,handle,status,*collection,*sales_channels,variants.id,thumbnail,-type,-options,-tags,-images,-variants")}`,
        `/admin/products/${params.product}/variants/${params.variant_of_product}?fields=${encodeURIComponent("*inventory_items,*inventory_items.inventory,*inventory_items.inventory.location_levels,*options,*options.option,*prices,*prices.price_rules,+images.id,+images.url,+images.variants.id")}`,
        `/admin/customers/${params.customer}?fields=${encodeURIComponent("+*addresses")}`,
      ]
      for (const url of urls) {
        const res: Res = await (api as Api).get(url, as(owner))
        expect({ url, status: res.status, message: res.data.message }).toEqual({ url, status: 200, message: undefined })
      }
    })
  },
})
