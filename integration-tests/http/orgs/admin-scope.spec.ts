import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminActor, Api } from "../../helpers/actors"
import { collectIds, createStaff, createTestOrg, createTwoOrgFixture, OrgSide, ROLES, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(180_000)

// Org-scoped Medusa admin (plugins/orgs/src/api/admin-scope): deny by default, lists and
// ids narrowed to the staff's org, creations owned by the org, platform operators unfiltered.

type Res = { status: number; data: any }
type Side = {
  product: any
  variantId: string
  order: any
  draft: any
  promotion: any
  priceList: any
  customerId: string
  channelId: string
  orgId: string
  ids: Set<string>
}

const ok = { validateStatus: () => true }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fx: TwoOrgFixture
    let A: Side
    let B: Side
    let regionId: string

    const call = (actor: AdminActor | { headers: Record<string, string> } | null, method: "get" | "post" | "delete", url: string, body?: unknown): Promise<Res> => {
      const config = { ...ok, headers: actor?.headers ?? {} }
      return method === "post" ? (api as Api).post(url, body ?? {}, config) : (api as any)[method](url, config)
    }
    const get = (actor: AdminActor | null, url: string) => call(actor, "get", url)
    const post = (actor: AdminActor | null, url: string, body?: unknown) => call(actor, "post", url, body)

    /** Fails with the answer when the status differs, so a broken route shows why. */
    const expectStatus = (res: Res, status: number, label: string) => {
      if (res.status !== status) {
        throw new Error(`${label}: expected ${status}, got ${res.status} ${JSON.stringify(res.data).slice(0, 400)}`)
      }
    }

    async function buildSide(side: OrgSide, letter: string): Promise<Side> {
      const owner = side.staff.owner
      const profiles = await get(owner, "/admin/shipping-profiles")
      expectStatus(profiles, 200, "shipping profiles")
      const created = await post(owner, "/admin/products", {
        title: `Course ${letter}`,
        status: "published",
        ...(profiles.data.shipping_profiles[0] ? { shipping_profile_id: profiles.data.shipping_profiles[0].id } : {}),
        options: [{ title: "Tier", values: ["Basic"] }],
        variants: [{ title: "Basic", sku: `SKU-${letter}-${Date.now()}`, manage_inventory: false, options: { Tier: "Basic" }, prices: [{ currency_code: "usd", amount: 100 }] }],
      })
      expectStatus(created, 200, `create product ${letter}`)
      const product = created.data.product
      const variantId = product.variants[0].id

      const draftBody = { email: side.customer.customer.email, customer_id: side.customer.customer.id, region_id: regionId, sales_channel_id: side.org.sales_channel_id, items: [{ variant_id: variantId, quantity: 1 }] }
      const toConvert = await post(fx.platform, "/admin/draft-orders", draftBody)
      expectStatus(toConvert, 200, `draft order ${letter}`)
      const converted = await post(fx.platform, `/admin/draft-orders/${toConvert.data.draft_order.id}/convert-to-order`)
      expectStatus(converted, 200, `convert ${letter}`)
      const draft = await post(fx.platform, "/admin/draft-orders", draftBody)
      expectStatus(draft, 200, `second draft ${letter}`)

      const promotion = await post(owner, "/admin/promotions", {
        code: `PROMO-${letter}`,
        type: "standard",
        status: "active",
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10, currency_code: "usd" },
      })
      expectStatus(promotion, 200, `promotion ${letter}`)
      const priceList = await post(owner, "/admin/price-lists", {
        title: `Sale ${letter}`,
        description: "test",
        type: "sale",
        status: "active",
        prices: [{ variant_id: variantId, currency_code: "usd", amount: 50 }],
      })
      expectStatus(priceList, 200, `price list ${letter}`)

      const s: Side = {
        product,
        variantId,
        order: converted.data.order,
        draft: draft.data.draft_order,
        promotion: promotion.data.promotion,
        priceList: priceList.data.price_list,
        customerId: side.customer.customer.id,
        channelId: side.org.sales_channel_id,
        orgId: side.org.id,
        ids: new Set(),
      }
      s.ids = new Set([s.product.id, variantId, s.order.id, s.draft.id, s.promotion.id, s.priceList.id, s.customerId, s.channelId, s.orgId])
      return s
    }

    beforeAll(async () => {
      const container = getContainer()
      fx = await createTwoOrgFixture(container, api as Api, { prefix: "scope" })
      // Registration through an org's storefront makes the customer a member (Orgs issue);
      // until that lands here, the rows are made for the test.
      const orgs = container.resolve<any>("org")
      for (const side of [fx.a, fx.b]) {
        const [row] = await orgs.listOrgMembers({ org_id: side.org.id, customer_id: side.customer.customer.id })
        if (!row) {
          await orgs.createOrgMembers({ org_id: side.org.id, customer_id: side.customer.customer.id, type: "learner", joined_at: new Date() })
        }
      }
      const region = await post(fx.platform, "/admin/regions", { name: "Scope US", currency_code: "usd" })
      expectStatus(region, 200, "region")
      regionId = region.data.region.id
      A = await buildSide(fx.a, "A")
      B = await buildSide(fx.b, "B")
    })

    const noIdsOf = (side: Side, res: Res, label: string) => {
      const leaked = [...collectIds(res.data)].filter((id) => side.ids.has(id))
      if (leaked.length) throw new Error(`${label} leaked ${leaked.join(", ")}`)
    }

    /** Every list an org's staff see, with the ids it must hold exactly. */
    const lists = (s: Side): [string, string, string[]][] => [
      ["/admin/products", "products", [s.product.id]],
      ["/admin/product-variants", "variants", [s.variantId]],
      ["/admin/orders", "orders", [s.order.id]],
      ["/admin/draft-orders", "draft_orders", [s.draft.id]],
      ["/admin/customers", "customers", [s.customerId]],
      ["/admin/promotions", "promotions", [s.promotion.id]],
      ["/admin/price-lists", "price_lists", [s.priceList.id]],
      ["/admin/sales-channels", "sales_channels", [s.channelId]],
    ]

    /** Routes taking an id of `s`, for the 200 (own) / 404 (other org) matrix. */
    const idRoutes = (s: Side, own: Side = s): string[] => [
      `/admin/products/${s.product.id}`,
      `/admin/products/${s.product.id}/variants`,
      `/admin/products/${s.product.id}/options`,
      `/admin/products/${s.product.id}/variants/${s.variantId}`,
      `/admin/products/${own.product.id}/variants/${s.variantId}`,
      `/admin/orders/${s.order.id}`,
      `/admin/orders/${s.order.id}/preview`,
      `/admin/orders/${s.order.id}/changes`,
      `/admin/draft-orders/${s.draft.id}`,
      `/admin/customers/${s.customerId}`,
      `/admin/customers/${s.customerId}/addresses`,
      `/admin/promotions/${s.promotion.id}`,
      `/admin/promotions/${s.promotion.id}/rules`,
      `/admin/price-lists/${s.priceList.id}`,
      `/admin/price-lists/${s.priceList.id}/prices`,
      `/admin/sales-channels/${s.channelId}`,
    ]

    it("answers 401 to anonymous callers and customers on core admin routes", async () => {
      for (const actor of [null, fx.a.customer, fx.b.customer]) {
        for (const url of ["/admin/products", "/admin/orders", `/admin/products/${A.product.id}`, "/admin/users/me"]) {
          expectStatus(await get(actor as any, url), 401, `${url} as ${actor ? "customer" : "anonymous"}`)
        }
        expectStatus(await post(actor as any, "/admin/products", { title: "x" }), 401, "POST /admin/products")
      }
    })

    it("lets an admin user with no role call GET /admin/users/me only", async () => {
      expectStatus(await get(fx.outsider, "/admin/users/me"), 200, "users/me")
      for (const [url] of lists(A)) {
        const res = await get(fx.outsider, url)
        expectStatus(res, 403, `outsider ${url}`)
        expect(res.data.message).toContain(`GET ${url}`)
      }
      for (const url of [...idRoutes(A), "/admin/stores", "/admin/regions"]) {
        expectStatus(await get(fx.outsider, url), 403, `outsider ${url}`)
      }
      expectStatus(await post(fx.outsider, "/admin/products", { title: "x" }), 403, "outsider create")
    })

    it("narrows every list to the staff's org, for every role, and leaks no id of the other org", async () => {
      for (const [side, other, staff] of [[A, B, fx.a.staff], [B, A, fx.b.staff]] as const) {
        for (const role of ROLES) {
          for (const [url, key, expected] of lists(side)) {
            const res = await get(staff[role], url)
            expectStatus(res, 200, `${role} ${url}`)
            expect(res.data[key].map((r: { id: string }) => r.id).sort()).toEqual([...expected].sort())
            noIdsOf(other, res, `${role} ${url}`)
          }
        }
      }
      // The same lists, filtered by the other org's ids on purpose, stay empty.
      const res = await get(fx.a.staff.owner, `/admin/products?id[]=${B.product.id}`)
      expect(res.data.products).toEqual([])
      const orders = await get(fx.a.staff.owner, `/admin/orders?sales_channel_id[]=${B.channelId}`)
      expect(orders.data.orders).toEqual([])
    })

    it("answers own ids and 404 for the other org's ids on every id route", async () => {
      for (const role of ROLES) {
        for (const url of idRoutes(A)) {
          const res = await get(fx.a.staff[role], url)
          expectStatus(res, 200, `${role} ${url}`)
          noIdsOf(B, res, `${role} ${url}`)
        }
        for (const url of idRoutes(B, A)) {
          expectStatus(await get(fx.a.staff[role], url), 404, `${role} ${url}`)
        }
      }
      for (const url of idRoutes(A, B)) {
        expectStatus(await get(fx.b.staff.staff, url), 404, `B staff ${url}`)
      }
      // Order children: only by one of the org's orders.
      expectStatus(await get(fx.a.staff.owner, `/admin/returns?order_id=${A.order.id}`), 200, "own returns")
      const stray = await get(fx.a.staff.owner, `/admin/returns?order_id=${B.order.id}`)
      expect(stray.data.returns).toEqual([])
      expectStatus(await get(fx.a.staff.owner, "/admin/returns"), 403, "returns without order")
    })

    it("refuses writes on the other org's ids with 404, including core routes that skip the parent check", async () => {
      const owner = fx.a.staff.owner
      const cases: [string, string, unknown?][] = [
        ["post", `/admin/products/${B.product.id}`, { title: "hijack" }],
        ["delete", `/admin/products/${B.product.id}`],
        // Core deletes a variant by its id alone: A's product id in the path must not help.
        ["delete", `/admin/products/${A.product.id}/variants/${B.variantId}`],
        ["post", `/admin/products/${A.product.id}/variants/batch`, { delete: [B.variantId] }],
        ["post", `/admin/orders/${B.order.id}/cancel`],
        ["post", `/admin/promotions/${B.promotion.id}`, { code: "HIJACK" }],
        ["delete", `/admin/price-lists/${B.priceList.id}`],
        ["post", `/admin/price-lists/${A.priceList.id}/products`, { remove: [B.product.id] }],
      ]
      for (const [method, url, body] of cases) {
        expectStatus(await call(owner, method as any, url, body), 404, `${method} ${url}`)
      }
      const check = await get(fx.b.staff.owner, `/admin/products/${B.product.id}?fields=title,variants.id`)
      expect(check.data.product.title).toBe("Course B")
      expect(check.data.product.variants.map((v: { id: string }) => v.id)).toEqual([B.variantId])
    })

    it("allows shared platform reads read-only and no way from them into tenant data", async () => {
      const staff = fx.a.staff.staff
      for (const url of ["/admin/stores", "/admin/regions", "/admin/currencies", "/admin/product-types", "/admin/product-tags", "/admin/product-categories", "/admin/collections", "/admin/stock-locations", "/admin/shipping-profiles", "/admin/price-preferences", "/admin/customer-groups", "/admin/feature-flags", "/admin/notifications", "/admin/plugins"]) {
        expectStatus(await get(staff, url), 200, url)
      }
      // Relations into tenant data are not among the rows' paths: 400 naming the relation.
      for (const url of ["/admin/product-categories?fields=*products", "/admin/collections?fields=products.id", `/admin/customers/${A.customerId}?fields=*orders`]) {
        expectStatus(await get(staff, url), 400, url)
      }
      // A group's customers only filtered by the org's members.
      expectStatus(await get(staff, "/admin/customer-groups?fields=*customers"), 403, "customer-groups")
    })

    it("answers 403 naming the route on every route not reviewed, and platform operators pass", async () => {
      const store = (await get(fx.platform, "/admin/stores")).data.stores[0]
      const cases: [string, string, unknown?][] = [
        ["get", "/admin/api-keys"],
        ["get", "/admin/tax-regions"],
        ["post", "/admin/regions", { name: "Nope", currency_code: "usd" }],
        ["post", `/admin/stores/${store.id}`, { name: "Taken over" }],
        ["get", "/admin/users"],
        ["get", `/admin/users/${fx.b.staff.owner.user.id}`],
        ["post", "/admin/sales-channels", { name: "mine" }],
        ["post", `/admin/sales-channels/${A.channelId}`, { name: "renamed" }],
        ["get", "/admin/workflows-executions"],
        ["get", "/admin/invites"],
        ["get", "/admin/campaigns"],
        ["post", "/admin/customers", { email: "x@test.local" }],
        ["post", "/admin/products/batch", { delete: [B.product.id] }],
        ["get", "/admin/promotions/rule-value-options/rules/currency_code"],
        ["get", "/admin/payments/payment-providers"],
        ["post", "/admin/refund-reasons", { label: "Mine", code: "mine" }],
        ["get", "/admin/fulfillments"],
        ["get", "/admin/products/export"],
        ["post", `/admin/inventory-items/${A.product.id}/location-levels/batch`, {}],
      ]
      for (const [method, url, body] of cases) {
        const res = await call(fx.a.staff.owner, method as any, url, body)
        expectStatus(res, 403, `${method} ${url}`)
        if (!url.startsWith("/admin/users/")) {
          expect(res.data.message).toContain(`${method.toUpperCase()} ${url}`)
        }
      }
      for (const url of ["/admin/api-keys", "/admin/tax-regions", "/admin/users", "/admin/workflows-executions", "/admin/invites", "/admin/campaigns"]) {
        expectStatus(await get(fx.platform, url), 200, `platform ${url}`)
      }
    })

    it("lets staff reach a plugin's admin route only where the plugin attached requireOrgScope, with its roles", async () => {
      // Claimed per route and method: an admin path a plugin did not claim (here one that no
      // plugin serves, next to claimed ones) stays 403 for staff, not a prefix hand-over.
      for (const url of ["/admin/courses/nope/unclaimed", "/admin/affiliates-unclaimed", `/admin/products/${A.product.id}/unclaimed`]) {
        const res = await get(fx.a.staff.owner, url)
        expectStatus(res, 403, `staff ${url}`)
        expect(res.data.message).toContain(`GET ${url} is not available to org staff`)
        expectStatus(await get(fx.platform, url), 404, `platform ${url}`)
      }
      // Claimed: the roles the plugin named apply, before the route's own validation.
      expectStatus(await get(fx.a.staff.staff, "/admin/courses"), 200, "staff lists courses")
      const staffCreates = await post(fx.a.staff.staff, "/admin/courses", {})
      expectStatus(staffCreates, 403, "staff creates a course")
      expect(staffCreates.data.message).toMatch(/needs one of the roles owner, admin, manager, creator in .*; you are staff$/)
      expectStatus(await post(fx.a.staff.creator, "/admin/courses", {}), 400, "creator reaches validation")
      const creatorReads = await get(fx.a.staff.creator, "/admin/affiliate-program")
      expectStatus(creatorReads, 403, "creator reads the affiliate program")
      expect(creatorReads.data.message).toMatch(/needs one of the roles owner, admin, manager in /)
      const managerWrites = await post(fx.a.staff.manager, "/admin/affiliate-program", {})
      expectStatus(managerWrites, 403, "manager changes the affiliate program")
      expect(managerWrites.data.message).toMatch(/needs one of the roles owner, admin in .*; you are manager$/)
      expectStatus(await get(fx.a.staff.manager, "/admin/affiliate-program"), 200, "manager reads the affiliate program")
      // A user of no org gets nothing from a claimed route either.
      const nobody = await get(fx.outsider, "/admin/courses")
      expectStatus(nobody, 403, "no-role user")
    })

    it("gives platform operators every org's records", async () => {
      for (const [url, key] of lists(A)) {
        const res = await get(fx.platform, url)
        expectStatus(res, 200, url)
        const ids = res.data[key].map((r: { id: string }) => r.id)
        const expected = [...lists(A), ...lists(B)].filter(([u]) => u === url).flatMap(([, , e]) => e)
        expect(ids).toEqual(expect.arrayContaining(expected))
      }
      for (const url of [...idRoutes(A), ...idRoutes(B)]) {
        if (!url.includes(`${A.product.id}/variants/${B.variantId}`) && !url.includes(`${B.product.id}/variants/${A.variantId}`)) {
          expectStatus(await get(fx.platform, url), 200, `platform ${url}`)
        }
      }
    })

    it("lets roles write by tier: staff read-only, creators catalog, managers and up commerce", async () => {
      const product = { title: "Role course", options: [{ title: "T", values: ["x"] }], variants: [{ title: "x", options: { T: "x" }, prices: [] }] }
      const promo = (code: string) => ({ code, type: "standard", status: "draft", application_method: { type: "fixed", target_type: "order", allocation: "across", value: 1, currency_code: "usd" } })
      expectStatus(await post(fx.a.staff.staff, "/admin/products", product), 403, "staff creates product")
      expectStatus(await post(fx.a.staff.staff, `/admin/products/${A.product.id}`, { subtitle: "x" }), 403, "staff edits")
      expectStatus(await post(fx.a.staff.creator, "/admin/products", product), 200, "creator creates product")
      expectStatus(await post(fx.a.staff.creator, "/admin/promotions", promo("CREATOR")), 403, "creator creates promotion")
      expectStatus(await post(fx.a.staff.manager, "/admin/promotions", promo("MANAGER")), 200, "manager creates promotion")
      expectStatus(await post(fx.a.staff.staff, `/admin/orders/${A.order.id}/archive`), 403, "staff archives order")
    })

    it("puts a product created by staff in the org's channel and links it to the org; another org's channel or org id is a 404", async () => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const smuggled = { title: "Smuggled", options: [{ title: "T", values: ["x"] }], variants: [{ title: "x", options: { T: "x" }, prices: [] }] }
      // Ids of another org in the body are refused like a foreign path id (body-id guard).
      expectStatus(await post(fx.a.staff.creator, "/admin/products", { ...smuggled, sales_channels: [{ id: B.channelId }] }), 404, "B's channel")
      expectStatus(await post(fx.a.staff.creator, "/admin/products", { ...smuggled, additional_data: { org_id: B.orgId } }), 404, "B's org")
      const res = await post(fx.a.staff.creator, "/admin/products", { ...smuggled, additional_data: { org_id: A.orgId } })
      expectStatus(res, 200, "create")
      const { data } = await query.graph({ entity: "product", fields: ["id", "sales_channels.id"], filters: { id: res.data.product.id } })
      expect(data[0].sales_channels.map((c: any) => c.id)).toEqual([A.channelId])
      const { data: orgs } = await query.graph({ entity: "org", fields: ["id", "products.id"], filters: { id: [A.orgId, B.orgId] } })
      const owner = orgs.filter((o: any) => o.products.some((p: any) => p.id === res.data.product.id))
      expect(owner.map((o: any) => o.id)).toEqual([A.orgId])
      expectStatus(await get(fx.b.staff.owner, `/admin/products/${res.data.product.id}`), 404, "B reads it")
      expectStatus(await post(fx.a.staff.creator, `/admin/products/${res.data.product.id}`, { sales_channels: [{ id: B.channelId }] }), 403, "move to B")
      // Platform operators choose the owner themselves.
      const byPlatform = await post(fx.platform, "/admin/products", { title: "For B", options: [{ title: "T", values: ["x"] }], variants: [{ title: "x", options: { T: "x" }, prices: [] }], additional_data: { org_id: B.orgId } })
      expectStatus(byPlatform, 200, "platform create")
      expectStatus(await get(fx.b.staff.staff, `/admin/products/${byPlatform.data.product.id}`), 200, "B reads platform's product")
      expectStatus(await post(fx.platform, "/admin/products", { title: "Nowhere", options: [{ title: "T", values: ["x"] }], variants: [{ title: "x", options: { T: "x" }, prices: [] }], additional_data: { org_id: "org_missing" } }), 404, "unknown org")
    })

    it("keeps staff promotions to the org's channel and out of shared campaigns", async () => {
      const rule = A.promotion.rules.find((r: any) => r.attribute === "sales_channel_id")
      expect(rule.values.map((v: any) => v.value)).toEqual([A.channelId])
      const owner = fx.a.staff.owner
      expectStatus(await post(owner, `/admin/promotions/${A.promotion.id}/rules/batch`, { delete: [rule.id] }), 403, "drop channel rule")
      expectStatus(await post(owner, `/admin/promotions/${A.promotion.id}/rules/batch`, { create: [{ attribute: "sales_channel_id", operator: "in", values: [A.channelId] }] }), 403, "add channel rule")
      expectStatus(await post(owner, `/admin/promotions/${A.promotion.id}/rules/batch`, { create: [{ attribute: "sales_channel_id", operator: "in", values: [B.channelId] }] }), 404, "add B's channel")
      expectStatus(await post(owner, "/admin/promotions", { code: "CAMP", type: "standard", campaign: { name: "c", campaign_identifier: "c" }, application_method: { type: "fixed", target_type: "order", allocation: "across", value: 1, currency_code: "usd" } }), 403, "campaign")
      const bRule = B.promotion.rules.find((r: any) => r.attribute === "sales_channel_id")
      expect(bRule.values.map((v: any) => v.value)).toEqual([B.channelId])
    })

    it("creates price lists owned by the org, with prices for the org's variants only", async () => {
      const owner = fx.a.staff.owner
      const before = (await get(fx.platform, "/admin/price-lists")).data.count
      const stray = await post(owner, "/admin/price-lists", { title: "Stray", description: "x", prices: [{ variant_id: B.variantId, currency_code: "usd", amount: 1 }] })
      expectStatus(stray, 404, "price for B's variant")
      expect((await get(fx.platform, "/admin/price-lists")).data.count).toBe(before)
      expectStatus(await post(owner, `/admin/price-lists/${A.priceList.id}/prices/batch`, { create: [{ variant_id: B.variantId, currency_code: "usd", amount: 1 }] }), 404, "batch B's variant")
      const bPrices = (await get(fx.b.staff.owner, `/admin/price-lists/${B.priceList.id}/prices`)).data.prices
      expectStatus(await post(owner, `/admin/price-lists/${A.priceList.id}/prices/batch`, { delete: [bPrices[0].id] }), 404, "delete B's price")
      const prices = (await get(owner, `/admin/price-lists/${A.priceList.id}/prices`)).data.prices
      expect(prices.map((p: any) => p.amount)).toEqual([50])
      const edited = await post(owner, `/admin/price-lists/${A.priceList.id}/prices/batch`, { update: [{ id: prices[0].id, variant_id: A.variantId, amount: 40 }] })
      expectStatus(edited, 200, "edit own price")
    })

    it("keeps staff of a suspended org read-only", async () => {
      const container = getContainer()
      const c = await createTestOrg(container, api as Api, { handle: `scope-sleepy-${Date.now().toString(36)}` })
      await container.resolve<any>("org").updateOrgs({ id: c.org.id, status: "suspended" })
      expectStatus(await get(c.owner, "/admin/products"), 200, "read")
      const res = await post(c.owner, "/admin/products", { title: "x" })
      expectStatus(res, 403, "write")
      expect(res.data.message).toMatch(/suspended/)
    })

    it("lets a user on two orgs' staff pick the org with x-volmify-org", async () => {
      const both = await createStaff(getContainer(), api as Api, fx.a.org.id, "manager", "both")
      await getContainer().resolve<any>("org").createOrgEmployees({ org_id: fx.b.org.id, user_id: both.user.id, role: "staff" })
      const asB = await get({ headers: { ...both.headers, "x-volmify-org": fx.b.org.id } } as AdminActor, "/admin/products")
      expect(asB.data.products.map((p: any) => p.id)).toContain(B.product.id)
      noIdsOf(A, asB, "as B")
      const asA = await get(both, "/admin/products")
      expect(asA.data.products.map((p: any) => p.id)).toContain(A.product.id)
      noIdsOf(B, asA, "as A")
      // Staff (not manager) in B: no commerce writes there.
      expectStatus(await call({ headers: { ...both.headers, "x-volmify-org": fx.b.org.id } }, "delete", `/admin/promotions/${B.promotion.id}`), 403, "staff role in B")
    })
  },
})
