import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminActor, Api } from "../../helpers/actors"
import { createRegion, placeOrder } from "../../helpers/commerce"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(240_000)

// Issue 19, admin side: ids carried in bodies (body-id guard), the three known leaks,
// and a generated test over every write row of the allowlist.

type Res = { status: number; data: any }
type Ctx = {
  product: string
  variant: string
  variant2: string
  variant3: string
  iitem: string
  img: string
  opt: string
  price: string
  promo: string
  rule: string
  targetRule: string
  priceList: string
  plPrice: string
  channel: string
  user: string
  order?: string
  /** A payment (authorized) of a storefront order in the org's channel. */
  payment?: string
  /** A shared stock location (platform data), on A's side only so it is never swapped. */
  location?: string
}

const ok = { validateStatus: () => true }
const ID = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)_[0-9A-HJKMNP-TV-Z]{26}$/

// The built plugin's allowlist, as the app runs it.
import { ALLOWLIST } from "@volmify/orgs/testing"

/** A valid body (as org A's owner) for each write row; the id-shaped values are A's. */
type Template = (a: Ctx) => { url: string; method?: "post" | "delete"; body?: any }
const TEMPLATES: Record<string, Template | "multipart"> = {
  "POST /admin/users/:id": (a) => ({ url: `/admin/users/${a.user}`, body: { first_name: "Ann" } }),
  "POST /admin/uploads": "multipart",
  "POST /admin/products": (a) => ({
    url: "/admin/products",
    body: {
      title: "Linked",
      sales_channels: [{ id: a.channel }],
      options: [{ title: "Size", values: ["S"] }],
      variants: [{ title: "S", options: { Size: "S" }, inventory_items: [{ inventory_item_id: a.iitem, required_quantity: 1 }], prices: [{ currency_code: "usd", amount: 10 }] }],
    },
  }),
  "POST /admin/products/:id": (a) => ({
    url: `/admin/products/${a.product}`,
    body: { title: "Renamed", sales_channels: [{ id: a.channel }], variants: [{ id: a.variant, title: "Basic" }] },
  }),
  "DELETE /admin/products/:id": (a) => ({ url: `/admin/products/${a.product}`, method: "delete" }),
  "POST /admin/products/:id/options": (a) => ({ url: `/admin/products/${a.product}/options`, body: { title: "Color", values: ["Red"] } }),
  "POST /admin/products/:id/options/batch": (a) => ({ url: `/admin/products/${a.product}/options/batch`, body: { update: [{ id: a.opt, title: "Tier" }] } }),
  "POST /admin/products/:id/variants": (a) => ({
    url: `/admin/products/${a.product}/variants`,
    body: { title: "Extra 2", options: { Tier: "Extra" }, inventory_items: [{ inventory_item_id: a.iitem, required_quantity: 1 }], prices: [{ currency_code: "usd", amount: 5 }] },
  }),
  "POST /admin/products/:id/variants/batch": (a) => ({
    url: `/admin/products/${a.product}/variants/batch`,
    body: { update: [{ id: a.variant, title: "Basic" }], delete: [a.variant3] },
  }),
  "POST /admin/products/:id/variants/:variant_id": (a) => ({
    url: `/admin/products/${a.product}/variants/${a.variant}`,
    body: { title: "Basic", prices: [{ id: a.price, currency_code: "usd", amount: 100 }] },
  }),
  "DELETE /admin/products/:id/variants/:variant_id": (a) => ({ url: `/admin/products/${a.product}/variants/${a.variant2}`, method: "delete" }),
  "POST /admin/products/:id/variants/:variant_id/images/batch": (a) => ({
    url: `/admin/products/${a.product}/variants/${a.variant}/images/batch`,
    body: { add: [a.img], remove: [a.img] },
  }),
  "POST /admin/products/:id/images/:image_id/variants/batch": (a) => ({
    url: `/admin/products/${a.product}/images/${a.img}/variants/batch`,
    body: { add: [a.variant], remove: [a.variant2] },
  }),
  "POST /admin/inventory-items/:id": (a) => ({ url: `/admin/inventory-items/${a.iitem}`, body: { title: "Item" } }),
  "POST /admin/inventory-items/:id/location-levels": (a) => ({ url: `/admin/inventory-items/${a.iitem}/location-levels`, body: { location_id: a.location, stocked_quantity: 1 } }),
  "POST /admin/inventory-items/:id/location-levels/:location_id": (a) => ({ url: `/admin/inventory-items/${a.iitem}/location-levels/${a.location}`, body: { stocked_quantity: 2 } }),
  "POST /admin/orders/:id": (a) => ({ url: `/admin/orders/${a.order ?? "order_none"}`, body: { email: "a@example.com" } }),
  "POST /admin/orders/:id/cancel": (a) => ({ url: `/admin/orders/${a.order ?? "order_none"}/cancel` }),
  "POST /admin/orders/:id/complete": (a) => ({ url: `/admin/orders/${a.order ?? "order_none"}/complete` }),
  "POST /admin/orders/:id/archive": (a) => ({ url: `/admin/orders/${a.order ?? "order_none"}/archive` }),
  "POST /admin/payments/:id/capture": (a) => ({ url: `/admin/payments/${a.payment}/capture`, body: {} }),
  "POST /admin/payments/:id/refund": (a) => ({ url: `/admin/payments/${a.payment}/refund`, body: { amount: 1, note: "generated" } }),
  "POST /admin/promotions": (a) => ({
    url: "/admin/promotions",
    body: {
      code: `GEN-${Date.now()}`,
      type: "standard",
      application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10, target_rules: [{ attribute: "items.product.id", operator: "in", values: [a.product] }] },
    },
  }),
  "POST /admin/promotions/:id": (a) => ({ url: `/admin/promotions/${a.promo}`, body: { is_automatic: false } }),
  "DELETE /admin/promotions/:id": (a) => ({ url: `/admin/promotions/${a.promo}`, method: "delete" }),
  "POST /admin/promotions/:id/rules/batch": (a) => ({
    url: `/admin/promotions/${a.promo}/rules/batch`,
    body: { update: [{ id: a.rule, attribute: "currency_code", operator: "in", values: ["usd"] }] },
  }),
  "POST /admin/promotions/:id/target-rules/batch": (a) => ({
    url: `/admin/promotions/${a.promo}/target-rules/batch`,
    body: { update: [{ id: a.targetRule, attribute: "items.product.id", operator: "in", values: [a.product] }] },
  }),
  "POST /admin/promotions/:id/buy-rules/batch": (a) => ({
    url: `/admin/promotions/${a.promo}/buy-rules/batch`,
    body: { create: [{ attribute: "items.product.id", operator: "in", values: [a.product] }] },
  }),
  "POST /admin/price-lists": (a) => ({
    url: "/admin/price-lists",
    body: { title: "Gen", description: "gen", type: "sale", prices: [{ variant_id: a.variant, currency_code: "usd", amount: 5 }] },
  }),
  "POST /admin/price-lists/:id": (a) => ({ url: `/admin/price-lists/${a.priceList}`, body: { title: "Sale" } }),
  "DELETE /admin/price-lists/:id": (a) => ({ url: `/admin/price-lists/${a.priceList}`, method: "delete" }),
  "POST /admin/price-lists/:id/prices/batch": (a) => ({
    url: `/admin/price-lists/${a.priceList}/prices/batch`,
    body: { create: [{ variant_id: a.variant, currency_code: "usd", amount: 3 }], update: [{ id: a.plPrice, variant_id: a.variant, currency_code: "usd", amount: 4 }] },
  }),
  "POST /admin/price-lists/:id/products": (a) => ({ url: `/admin/price-lists/${a.priceList}/products`, body: { remove: [a.product] } }),
}

/** Copies of `body` with one id-shaped value at a time swapped for B's id of that kind. */
function* swaps(body: unknown, pool: Map<string, string>, path: (string | number)[] = []): Generator<{ at: string; body: any }> {
  const root = body
  const visit = function* (node: any, trail: (string | number)[]): Generator<{ at: string; body: any }> {
    if (typeof node === "string") {
      const m = ID.exec(node)
      const foreign = m && pool.get(m[1])
      if (foreign) {
        const copy = JSON.parse(JSON.stringify(root))
        let target = copy
        for (const k of trail.slice(0, -1)) target = target[k]
        target[trail[trail.length - 1]] = foreign
        yield { at: trail.join("."), body: copy }
      }
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) yield* visit(node[i], [...trail, i])
    } else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) yield* visit(v, [...trail, k])
    }
  }
  yield* visit(body, path)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fx: TwoOrgFixture
    let A: Ctx
    let B: Ctx

    const call = (actor: AdminActor, method: "get" | "post" | "delete", url: string, body?: unknown): Promise<Res> => {
      const config = { ...ok, headers: actor.headers }
      return method === "post" ? (api as Api).post(url, body ?? {}, config) : (api as any)[method](url, config)
    }
    const expectStatus = (res: Res, status: number, label: string) => {
      if (res.status !== status) {
        throw new Error(`${label}: expected ${status}, got ${res.status} ${JSON.stringify(res.data).slice(0, 400)}`)
      }
    }

    async function buildSide(owner: AdminActor, letter: string, channel: string): Promise<Ctx> {
      const created = await call(owner, "post", "/admin/products", {
        title: `Course ${letter}`,
        status: "published",
        images: [{ url: `http://localhost/${letter}.png` }],
        options: [{ title: "Tier", values: ["Basic", "Premium", "Extra"] }],
        variants: [
          { title: "Basic", sku: `B-${letter}-${Date.now()}`, manage_inventory: true, options: { Tier: "Basic" }, prices: [{ currency_code: "usd", amount: 100 }] },
          { title: "Premium", sku: `P-${letter}-${Date.now()}`, manage_inventory: false, options: { Tier: "Premium" }, prices: [{ currency_code: "usd", amount: 200 }] },
          { title: "Extra", sku: `E-${letter}-${Date.now()}`, manage_inventory: false, options: { Tier: "Extra" }, prices: [{ currency_code: "usd", amount: 300 }] },
        ],
      })
      expectStatus(created, 200, `product ${letter}`)
      const productId = created.data.product.id
      const full = await call(owner, "get", `/admin/products/${productId}?fields=id,images.id,options.id,variants.id,variants.title,variants.prices.id,variants.inventory_items.inventory_item_id`)
      expectStatus(full, 200, `product ${letter} read`)
      const p = full.data.product
      const basic = p.variants.find((v: any) => v.title === "Basic")
      const premium = p.variants.find((v: any) => v.title === "Premium")
      const promo = await call(owner, "post", "/admin/promotions", {
        code: `BODY-${letter}-${Date.now()}`,
        type: "standard",
        status: "active",
        rules: [{ attribute: "currency_code", operator: "in", values: ["usd"] }],
        application_method: {
          type: "percentage", target_type: "items", allocation: "across", value: 10, currency_code: "usd",
          target_rules: [{ attribute: "items.product.id", operator: "in", values: [productId] }],
        },
      })
      expectStatus(promo, 200, `promotion ${letter}`)
      const promoRead = await call(owner, "get", `/admin/promotions/${promo.data.promotion.id}?fields=id,rules.id,rules.attribute,application_method.target_rules.id`)
      expectStatus(promoRead, 200, `promotion ${letter} read`)
      const rule = promoRead.data.promotion.rules.find((r: any) => r.attribute === "currency_code")
      const priceList = await call(owner, "post", "/admin/price-lists", {
        title: `Sale ${letter}`, description: "sale", type: "sale", status: "active",
        prices: [{ variant_id: basic.id, currency_code: "usd", amount: 50 }],
      })
      expectStatus(priceList, 200, `price list ${letter}`)
      const plPrices = await call(owner, "get", `/admin/price-lists/${priceList.data.price_list.id}?fields=id,prices.id`)
      return {
        product: productId,
        variant: basic.id,
        variant2: premium.id,
        variant3: p.variants.find((v: any) => v.title === "Extra").id,
        iitem: basic.inventory_items[0].inventory_item_id,
        img: p.images[0].id,
        opt: p.options[0].id,
        price: basic.prices[0].id,
        promo: promo.data.promotion.id,
        rule: rule.id,
        targetRule: promoRead.data.promotion.application_method.target_rules[0].id,
        priceList: priceList.data.price_list.id,
        plPrice: plPrices.data.price_list.prices[0].id,
        channel,
        user: owner.user.id,
      }
    }

    /** B's rows as stored (timestamps, links, the columns the leaks changed). */
    async function snapshotB(): Promise<string> {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const ids = Object.values(B).filter(Boolean)
      const tables: [string, string][] = [
        ["product", "id, title, updated_at, deleted_at"],
        ["product_variant", "id, title, thumbnail, updated_at, deleted_at"],
        ["inventory_item", "id, sku, title, updated_at, deleted_at"],
        ["image", "id, url, updated_at, deleted_at"],
        ["product_option", "id, title, updated_at, deleted_at"],
        ["promotion", "id, code, updated_at, deleted_at"],
        ["order", "id, email, status, updated_at, deleted_at"],
        ["promotion_rule", "id, attribute, operator, updated_at, deleted_at"],
        ["price_list", "id, title, updated_at, deleted_at"],
        ["price", "id, amount, price_list_id, updated_at, deleted_at"],
        ["payment", "id, captured_at, canceled_at, updated_at, deleted_at"],
      ]
      const rows: Record<string, unknown> = {}
      for (const [table, cols] of tables) {
        rows[table] = (await pg.raw(`select ${cols} from "${table}" where id = any(?) order by id`, [ids])).rows
      }
      rows.variant_items = (await pg.raw(`select variant_id, inventory_item_id, deleted_at from product_variant_inventory_item where inventory_item_id = any(?) or variant_id = any(?) order by variant_id`, [ids, ids])).rows
      rows.variant_images = (await pg.raw(`select variant_id, image_id from product_variant_product_image where image_id = any(?) or variant_id = any(?) order by variant_id, image_id`, [ids, ids])).rows
      rows.captures = (await pg.raw(`select id, amount from capture where payment_id = any(?) order by id`, [ids])).rows
      rows.refunds = (await pg.raw(`select id, amount from refund where payment_id = any(?) order by id`, [ids])).rows
      rows.rule_values = (await pg.raw(`select promotion_rule_id, value, deleted_at from promotion_rule_value where promotion_rule_id = any(?) order by id`, [ids])).rows
      return JSON.stringify(rows)
    }

    beforeAll(async () => {
      fx = await createTwoOrgFixture(getContainer(), api as Api, { prefix: "bodyids" })
      A = await buildSide(fx.a.staff.owner, "A", fx.a.org.sales_channel_id)
      B = await buildSide(fx.b.staff.owner, "B", fx.b.org.sales_channel_id)
      // An order in each org's channel (a converted draft order), for the order rows.
      const region = await call(fx.platform, "post", "/admin/regions", { name: "Body ids US", currency_code: "usd" })
      expectStatus(region, 200, "region")
      for (const [side, ctx] of [[fx.a, A], [fx.b, B]] as const) {
        const draft = await call(fx.platform, "post", "/admin/draft-orders", {
          email: side.customer.customer.email, customer_id: side.customer.customer.id, region_id: region.data.region.id,
          sales_channel_id: side.org.sales_channel_id, items: [{ variant_id: ctx.variant2, quantity: 1 }],
        })
        expectStatus(draft, 200, "draft order")
        const order = await call(fx.platform, "post", `/admin/draft-orders/${draft.data.draft_order.id}/convert-to-order`)
        expectStatus(order, 200, "convert")
        ctx.order = order.data.order.id
      }
      // A storefront order with an authorized payment in each org, for the payment rows.
      const paying = await createRegion(getContainer(), "usd")
      for (const [side, ctx] of [[fx.a, A], [fx.b, B]] as const) {
        const orderId = await placeOrder(api as Api, side.customer, paying, [ctx.variant2])
        const read = await call(fx.platform, "get", `/admin/orders/${orderId}?fields=id,payment_collections.payments.id`)
        expectStatus(read, 200, "paid order")
        ctx.payment = read.data.order.payment_collections[0].payments[0].id
      }
      const location = await call(fx.platform, "post", "/admin/stock-locations", { name: "Shared warehouse" })
      expectStatus(location, 200, "stock location")
      A.location = location.data.stock_location.id
    })

    describe("the leaks of issue 19, closed", () => {
      it("POST /admin/products and /admin/products/:id/variants cannot link another org's inventory item", async () => {
        const before = await snapshotB()
        const asProduct = await call(fx.a.staff.owner, "post", "/admin/products", {
          title: "Thief", options: [{ title: "Size", values: ["S"] }],
          variants: [{ title: "S", options: { Size: "S" }, inventory_items: [{ inventory_item_id: B.iitem, required_quantity: 1 }], prices: [{ currency_code: "usd", amount: 1 }] }],
        })
        expectStatus(asProduct, 404, "create product with B's item")
        expect(asProduct.data.message).toBe(`Inventory item with id: ${B.iitem} was not found`)
        const asVariant = await call(fx.a.staff.owner, "post", `/admin/products/${A.product}/variants`, {
          title: "Stolen", options: { Tier: "Stolen" }, inventory_items: [{ inventory_item_id: B.iitem, required_quantity: 1 }], prices: [{ currency_code: "usd", amount: 1 }],
        })
        expectStatus(asVariant, 404, "add variant with B's item")
        // The item stays out of A's reach: not readable, not editable.
        expectStatus(await call(fx.a.staff.owner, "get", `/admin/inventory-items/${B.iitem}`), 404, "read B's item")
        expectStatus(await call(fx.a.staff.owner, "post", `/admin/inventory-items/${B.iitem}`, { sku: "HACKED" }), 404, "edit B's item")
        expect(await snapshotB()).toBe(before)
        // A's own item still links (the guard is not a blanket refusal).
        const own = await call(fx.a.staff.owner, "post", "/admin/products", {
          title: "Bundle", options: [{ title: "Size", values: ["S"] }],
          variants: [{ title: "S", options: { Size: "S" }, inventory_items: [{ inventory_item_id: A.iitem, required_quantity: 1 }], prices: [{ currency_code: "usd", amount: 1 }] }],
        })
        expectStatus(own, 200, "create product with A's own item")
      })

      it("promotion rules/batch and target-rules/batch cannot update another org's rule", async () => {
        const before = await snapshotB()
        const rules = await call(fx.a.staff.owner, "post", `/admin/promotions/${A.promo}/rules/batch`, {
          update: [{ id: B.rule, attribute: "currency_code", operator: "in", values: ["eur"] }],
        })
        expectStatus(rules, 404, "update B's rule")
        expect(rules.data.message).toBe(`Promotion rule with id: ${B.rule} was not found`)
        const targets = await call(fx.a.staff.owner, "post", `/admin/promotions/${A.promo}/target-rules/batch`, {
          update: [{ id: B.targetRule, attribute: "items.product.id", operator: "in", values: [A.product] }],
        })
        expectStatus(targets, 404, "update B's target rule")
        expect(await snapshotB()).toBe(before)
        // A's own rule is still editable through its own promotion, not through another.
        const own = await call(fx.a.staff.owner, "post", `/admin/promotions/${A.promo}/rules/batch`, {
          update: [{ id: A.rule, attribute: "currency_code", operator: "in", values: ["usd", "eur"] }],
        })
        expectStatus(own, 200, "update A's own rule")
      })

      it("image variants batch cannot remove another org's variant", async () => {
        const before = await snapshotB()
        const res = await call(fx.a.staff.owner, "post", `/admin/products/${A.product}/images/${A.img}/variants/batch`, { remove: [B.variant] })
        expectStatus(res, 404, "remove B's variant")
        expect(res.data.message).toBe(`Variant with id: ${B.variant} was not found`)
        // Nor through B's image in the path.
        expectStatus(await call(fx.a.staff.owner, "post", `/admin/products/${A.product}/images/${B.img}/variants/batch`, { add: [A.variant] }), 404, "B's image in path")
        expect(await snapshotB()).toBe(before)
      })
    })

    it("generated: every write row refuses B's id in every id-shaped field, and B is unchanged", async () => {
      const pool = new Map<string, string>()
      for (const v of Object.values(B)) {
        const m = typeof v === "string" ? ID.exec(v) : null
        if (m && !pool.has(m[1])) pool.set(m[1], v)
      }
      const writes = ALLOWLIST.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)
      expect(writes.filter((w) => !TEMPLATES[w])).toEqual([])
      const before = await snapshotB()
      let rows = 0
      let attempts = 0
      let pathAttempts = 0
      const noIdRows: string[] = []
      const wrong: string[] = []
      for (const key of writes) {
        const template = TEMPLATES[key]
        if (template === "multipart") {
          noIdRows.push(key)
          continue
        }
        rows++
        const { url, method = "post", body } = template(A)
        let any = false
        for (const { at, body: mutated } of swaps(body ?? {}, pool)) {
          any = true
          attempts++
          const res = await call(fx.a.staff.owner, method, url, mutated)
          if (res.status !== 404 && res.status !== 400) wrong.push(`${key} ${at}: ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`)
        }
        if (!any) noIdRows.push(key)
        // The same row with B's id in each id-shaped path segment instead.
        const segments = url.split("/")
        for (let i = 0; i < segments.length; i++) {
          const m = ID.exec(segments[i])
          const foreign = m && pool.get(m[1])
          if (!foreign) continue
          pathAttempts++
          const swapped = [...segments.slice(0, i), foreign, ...segments.slice(i + 1)].join("/")
          const res = await call(fx.a.staff.owner, method, swapped, body)
          // Another user's id is a 403 (own profile only), every other foreign id a 404.
          if (res.status !== (m[1] === "user" ? 403 : 404)) wrong.push(`${key} path ${i}: ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`)
        }
      }
      process.stdout.write(`admin-body-ids: ${writes.length} write rows, ${rows} with JSON bodies, ${attempts} bodies with one B id, ${noIdRows.length} rows without id fields in the body (${noIdRows.join("; ")}), ${pathAttempts} paths with one B id\n`)
      expect(wrong).toEqual([])
      expect(attempts).toBeGreaterThan(20)
      expect(pathAttempts).toBeGreaterThan(20)
      expect(await snapshotB()).toBe(before)

      // The guard refuses nothing of A's own: each valid body (deletes last, they remove
      // fixtures) gets no "was not found" from it.
      const refusedOwn: string[] = []
      const missingRoutes: string[] = []
      // Product update replaces the variant list and deletes run children first: both last.
      const productUpdate = "POST /admin/products/:id"
      const variantDelete = "DELETE /admin/products/:id/variants/:variant_id"
      const order = [
        ...writes.filter((w) => !w.startsWith("DELETE") && w !== productUpdate),
        variantDelete,
        productUpdate,
        ...writes.filter((w) => w.startsWith("DELETE") && w !== variantDelete).reverse(),
      ]
      for (const key of order) {
        const template = TEMPLATES[key]
        if (template === "multipart" || !template) continue
        const { url, method = "post", body } = template(A)
        if (url.includes("order_none")) continue
        const res = await call(fx.a.staff.owner, method, url, body)
        // Express's own "Cannot POST" page: core has no such route (reported, not the guard).
        if (typeof res.data === "string" && res.data.includes(`Cannot ${method.toUpperCase()}`)) {
          missingRoutes.push(key)
          continue
        }
        if (res.status === 404 || res.status >= 500) refusedOwn.push(`${key}: ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`)
      }
      if (missingRoutes.length) process.stdout.write(`admin-body-ids: allowlisted but not a core route: ${missingRoutes.join("; ")}\n`)
      expect(refusedOwn).toEqual([])
    })
  },
})
