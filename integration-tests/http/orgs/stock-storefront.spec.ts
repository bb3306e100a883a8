import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createSalesChannelsWorkflow } from "@medusajs/medusa/core-flows"
import { createCustomer } from "../../helpers/actors"
import { createRegion, createTieredProduct, eventually, TestRegion } from "../../helpers/commerce"
import { createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { createTestOrg, createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

import { DIGITAL_DELIVERY_NAME, DIGITAL_DELIVERY_SET_NAME, ensureDigitalDeliveryWorkflow } from "@volmify/orgs/workflows"

jest.setTimeout(600_000)

type H = Record<string, string>

/** The shared digital delivery rows as the database holds them. */
async function digitalRows(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const { data: sets } = await query.graph({
    entity: "fulfillment_set",
    fields: ["id", "service_zones.id", "service_zones.geo_zones.country_code", "location.id", "location.sales_channels.id"],
    filters: { name: DIGITAL_DELIVERY_SET_NAME },
  })
  const profiles = await fulfillment.listShippingProfiles({ name: DIGITAL_DELIVERY_NAME })
  const options = await fulfillment.listShippingOptions({ name: DIGITAL_DELIVERY_NAME })
  const locations = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: DIGITAL_DELIVERY_NAME })
  const set = sets[0] as any
  return {
    sets: sets.length,
    profiles: profiles.length,
    options: options.length,
    locations: locations.length,
    channels: ((set?.location?.sales_channels ?? []) as { id: string }[]).map((c) => c.id).sort(),
    countries: (set?.service_zones?.[0]?.geo_zones ?? []).length as number,
    location_id: (set?.location?.id ?? null) as string | null,
    profile_id: (profiles[0]?.id ?? null) as string | null,
    option_id: (options[0]?.id ?? null) as string | null,
  }
}

const address = (country_code: string) => ({
  first_name: "Ada",
  last_name: "Lovelace",
  address_1: "1 Main Street",
  city: country_code === "jp" ? "Tokyo" : "Springfield",
  postal_code: country_code === "jp" ? "100-0001" : "12345",
  country_code,
  phone: "+10000000000",
})

/**
 * A stock Medusa storefront (Medusa's Next.js starter) needs a shipping method before it
 * completes a cart. Every org's channel reaches ONE shared, zero-cost "Digital delivery"
 * option (platform rows, ARCHITECTURE.md "Digital delivery"). This replays over HTTP, with
 * an org's publishable key, the calls the starter makes from region to order, then checks
 * the course is open; and checks the shared rows neither leak tenant data to staff nor
 * can be changed by them.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture

    // Medusa's runner restores the database to its state after beforeAll before each case.
    beforeAll(async () => {
      f = await createTwoOrgFixture(getContainer(), api, { prefix: "stock" })
    })

    it("creates the shared rows once however often it runs, and a failed run leaves nothing behind", async () => {
      const container = getContainer()
      // createOrgWorkflow made them once for both orgs of the fixture.
      const made = await digitalRows(container)
      expect(made).toMatchObject({ sets: 1, profiles: 1, options: 1, locations: 1 })
      expect(made.channels).toEqual([f.a.org.sales_channel_id, f.b.org.sales_channel_id].sort())
      // From here on as on an install that has none (the next case gets the database back).
      const fulfillment = container.resolve(Modules.FULFILLMENT)
      await fulfillment.deleteShippingOptions([made.option_id!])
      await fulfillment.deleteShippingProfiles([made.profile_id!])
      await fulfillment.deleteFulfillmentSets((await fulfillment.listFulfillmentSets({ name: DIGITAL_DELIVERY_SET_NAME })).map((s) => s.id))
      await container.resolve(Modules.STOCK_LOCATION).deleteStockLocations([made.location_id!])
      expect(await digitalRows(container)).toMatchObject({ sets: 0, profiles: 0, options: 0, locations: 0 })
      const { result: channels } = await createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: "dd-1" }, { name: "dd-2" }, { name: "dd-3" }] },
      })
      const [c1, c2, c3] = channels.map((c) => c.id)

      // Rollback: a failure after the last step undoes the rows and links it made.
      const failed = await runFailingAfter(ensureDigitalDeliveryWorkflow(container), "release-lock-step", { sales_channel_ids: [c1] })
      expect(failed.errors[0].error.message).toMatch(/forced failure/)
      expect(await digitalRows(container)).toMatchObject({ sets: 0, profiles: 0, options: 0, locations: 0, channels: [] })

      // Two concurrent runs (two orgs created at once): one set of rows, both channels linked.
      await Promise.all([
        ensureDigitalDeliveryWorkflow(container).run({ input: { sales_channel_ids: [c1] } }),
        ensureDigitalDeliveryWorkflow(container).run({ input: { sales_channel_ids: [c2] } }),
      ])
      const rows = await digitalRows(container)
      expect(rows).toMatchObject({ sets: 1, profiles: 1, options: 1, locations: 1, channels: [c1, c2].sort() })
      expect(rows.countries).toBeGreaterThan(200)
      // Again, with a linked and a new channel: nothing new but the one link.
      const { result } = await ensureDigitalDeliveryWorkflow(container).run({ input: { sales_channel_ids: [c1, c3] } })
      expect(result).toMatchObject({ stock_location_id: rows.location_id, shipping_option_id: rows.option_id, linked_channel_ids: [c3] })
      expect(await digitalRows(container)).toMatchObject({ sets: 1, profiles: 1, options: 1, locations: 1, channels: [c1, c2, c3].sort() })

      // A failed run over existing rows undoes only its link, never the shared rows.
      const { result: [c4] } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "dd-4" }] } })
      const failedLink = await runFailingAfter(ensureDigitalDeliveryWorkflow(container), "release-lock-step", { sales_channel_ids: [c4.id] })
      expect(failedLink.errors[0].error.message).toMatch(/forced failure/)
      expect(await digitalRows(container)).toMatchObject({ sets: 1, profiles: 1, options: 1, channels: [c1, c2, c3].sort() })

      // A new org through createOrgWorkflow is linked to the same rows.
      const third = await createTestOrg(container, api, { handle: `stock-c-${Date.now().toString(36)}` })
      const after = await digitalRows(container)
      expect(after).toMatchObject({ sets: 1, profiles: 1, options: 1, locations: 1, option_id: rows.option_id })
      expect(after.channels).toEqual([c1, c2, c3, third.org.sales_channel_id].sort())
    })

    it("sells a course through the calls of Medusa's Next.js starter (USD customer, JPY guest), and the course opens", async () => {
      const container = getContainer()
      const usd = await createRegion(container, "usd")
      const jpy = await createRegion(container, "jpy")
      const lesson = await createLesson(container, f.a.org.id, { title: "Paid lesson", body: "Inside" })
      const { course, product } = await createCourseWithOutline(container, f.a.org, {
        handle: "stock-course",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id }] }] }],
      })
      const placement = (await placementsByTitle(container, course.id))["Paid lesson"]
      const basic = product.variants.find((v) => v.tier === 1)!
      const other = await createTieredProduct(container, f.b.org, { handle: `stock-b-${Date.now()}`, tiers: [{ title: "B", tier: 1, prices: { usd: 10 } }] })
      const rows = await digitalRows(container)
      const key = f.a.key.headers

      /** The starter's checkout, step by step; `buyer` is the customer's headers or null for a guest. */
      async function starterCheckout(region: TestRegion, buyer: { headers: H; email: string } | null) {
        const regions = await send(api, "get", "/store/regions", key)
        expect(regions.status).toBe(200)
        expect(regions.data.regions.map((r: any) => r.id)).toContain(region.id)
        const country = region.currency_code === "jpy" ? "jp" : "us"
        const products = await send(api, "get", `/store/products?limit=12&region_id=${region.id}&fields=*variants.calculated_price,+variants.inventory_quantity,+metadata,+tags`, key)
        expect(products.status).toBe(200)
        const ids = products.data.products.map((p: any) => p.id)
        expect(ids).toContain(product.id)
        expect(ids).not.toContain(other.id)
        const listed = products.data.products.find((p: any) => p.id === product.id)
        const price = listed.variants.find((v: any) => v.id === basic.id).calculated_price.calculated_amount
        expect(price).toBe(region.currency_code === "jpy" ? 14800 : 99)

        // The starter makes the cart before login, then hands it to the customer who logs in.
        const created = await send(api, "post", "/store/carts", key, { region_id: region.id })
        expect(created.status).toBe(200)
        const cartId = created.data.cart.id
        const item = await send(api, "post", `/store/carts/${cartId}/line-items`, key, { variant_id: basic.id, quantity: 1 })
        expect(item.status).toBe(200)
        expect(item.data.cart.items[0].requires_shipping).toBe(false)
        const h = buyer ? buyer.headers : key
        if (buyer) expect((await send(api, "post", `/store/carts/${cartId}/customer`, h, {})).status).toBe(200)
        const email = buyer ? buyer.email : `guest.${Date.now()}@test.volmify.local`
        const updated = await send(api, "post", `/store/carts/${cartId}`, h, { email, shipping_address: address(country), billing_address: address(country) })
        expect(updated.status).toBe(200)

        const options = await send(api, "get", `/store/shipping-options?cart_id=${cartId}`, h)
        expect(options.status).toBe(200)
        expect(options.data.shipping_options).toHaveLength(1)
        expect(options.data.shipping_options[0]).toMatchObject({ id: rows.option_id, name: DIGITAL_DELIVERY_NAME, price_type: "flat", amount: 0, insufficient_inventory: false })
        const method = await send(api, "post", `/store/carts/${cartId}/shipping-methods`, h, { option_id: rows.option_id })
        expect(method.status).toBe(200)
        expect(method.data.cart.shipping_methods).toHaveLength(1)
        expect(Number(method.data.cart.shipping_total)).toBe(0)
        expect(Number(method.data.cart.total)).toBe(price)

        const providers = await send(api, "get", `/store/payment-providers?region_id=${region.id}`, key)
        expect(providers.data.payment_providers.map((p: any) => p.id)).toContain("pp_system_default")
        const collection = await send(api, "post", "/store/payment-collections", h, { cart_id: cartId })
        expect(collection.status).toBe(200)
        const session = await send(api, "post", `/store/payment-collections/${collection.data.payment_collection.id}/payment-sessions`, h, { provider_id: "pp_system_default" })
        expect(session.status).toBe(200)
        const completed = await send(api, "post", `/store/carts/${cartId}/complete`, h, {})
        expect(completed.status).toBe(200)
        expect(completed.data.type).toBe("order")
        const order = completed.data.order
        expect(Number(order.total)).toBe(price)
        expect(order.shipping_methods).toEqual([expect.objectContaining({ name: DIGITAL_DELIVERY_NAME, shipping_option_id: rows.option_id })])
        expect(Number(order.shipping_methods[0].amount)).toBe(0)

        // The confirmation page: the customer's login, or the guest's order token.
        const reader = buyer ? h : { ...key, "x-order-token": completed.headers["x-order-token"] }
        const fields = "*payment_collections.payments,*items,*items.metadata,*items.variant,*items.product"
        const retrieved = await send(api, "get", `/store/orders/${order.id}?fields=${encodeURIComponent(fields)}`, reader)
        expect(retrieved.status).toBe(200)
        expect(retrieved.data.order).toMatchObject({ id: order.id, currency_code: region.currency_code, email })
        expect((await send(api, "get", `/store/orders/${order.id}`, key)).status).toBe(404)
        return order.id as string
      }

      // A logged-in customer of org A, USD: before, the lesson is closed; after, open.
      const gate = `/store/courses/${course.handle}/lessons/${placement}`
      expect((await send(api, "get", gate, f.a.customer.headers)).status).toBe(403)
      const orderId = await starterCheckout(usd, { headers: f.a.customer.headers, email: f.a.customer.customer.email })
      const mine = await send(api, "get", "/store/orders?fields=id,display_id,total", f.a.customer.headers)
      expect(mine.status).toBe(200)
      expect(mine.data.orders.map((o: any) => o.id)).toEqual([orderId])
      const opened = await eventually(async () => {
        const res = await send(api, "get", gate, f.a.customer.headers)
        return res.status === 200 ? res : null
      }, { timeoutMs: 30_000 })
      expect(opened?.data.lesson).toMatchObject({ title: "Paid lesson" })
      // Org B's key: not org A's orders.
      const otherKey = { ...f.b.key.headers, authorization: f.a.customer.headers.authorization }
      expect((await send(api, "get", "/store/orders", otherKey)).data.orders ?? []).toEqual([])

      // A guest, JPY (no minor units): total 14,800 yen, shipping 0.
      await starterCheckout(jpy, null)

      // A cart with nothing that ships still completes without a shipping method (our storefront).
      const { data: plain } = await api.post("/store/carts", { region_id: usd.id, email: `plain.${Date.now()}@test.volmify.local`, items: [{ variant_id: basic.id, quantity: 1 }] }, { headers: key })
      const pc = await send(api, "post", "/store/payment-collections", key, { cart_id: plain.cart.id })
      await send(api, "post", `/store/payment-collections/${pc.data.payment_collection.id}/payment-sessions`, key, { provider_id: "pp_system_default" })
      const done = await send(api, "post", `/store/carts/${plain.cart.id}/complete`, key, {})
      expect(done.data.type).toBe("order")
      expect(done.data.order.shipping_methods).toEqual([])
    })

    it("lists the same shared option for org B's carts, and org A's cart under org B's key not at all", async () => {
      const container = getContainer()
      const region = await createRegion(container, "eur")
      const rows = await digitalRows(container)
      const cartOf = async (headers: H) => (await send(api, "post", "/store/carts", headers, { region_id: region.id })).data.cart.id as string
      const cartA = await cartOf(f.a.key.headers)
      const cartB = await cartOf(f.b.key.headers)
      const listB = await send(api, "get", `/store/shipping-options?cart_id=${cartB}`, f.b.key.headers)
      expect(listB.status).toBe(200)
      expect(listB.data.shipping_options.map((o: any) => o.id)).toEqual([rows.option_id])
      expect((await send(api, "get", `/store/shipping-options?cart_id=${cartA}`, f.b.key.headers)).status).toBe(404)
      expect((await send(api, "post", `/store/carts/${cartA}/shipping-methods`, f.b.key.headers, { option_id: rows.option_id })).status).toBe(404)
      // A channel with no org (not linked) lists nothing: the option reaches orgs' channels only.
      expect(rows.channels).toEqual(expect.arrayContaining([f.a.org.sales_channel_id, f.b.org.sales_channel_id]))
    })

    it("shows staff the shared rows read-only, with no way from them to another org's channel", async () => {
      const container = getContainer()
      const before = await digitalRows(container)
      const { location_id: loc, profile_id: profile, option_id: option } = before
      const [set] = (await container.resolve(Modules.FULFILLMENT).listFulfillmentSets({ name: DIGITAL_DELIVERY_SET_NAME }))

      // Anonymous and customer tokens: 401 on admin routes.
      for (const headers of [{}, f.a.customer.headers, f.b.customer.headers]) {
        expect((await send(api, "get", "/admin/stock-locations", headers)).status).toBe(401)
        expect((await send(api, "post", `/admin/stock-locations/${loc}`, headers, { name: "Mine" })).status).toBe(401)
      }
      for (const side of [f.a, f.b]) {
        for (const actor of [side.staff.owner, side.staff.staff]) {
          const locations = await send(api, "get", "/admin/stock-locations", actor.headers)
          expect(locations.status).toBe(200)
          expect(locations.data.stock_locations.map((l: any) => l.id)).toEqual([loc])
          const profiles = await send(api, "get", "/admin/shipping-profiles", actor.headers)
          expect(profiles.data.shipping_profiles.map((p: any) => p.id)).toContain(profile)
          // The link to every org's channel is not a relation staff may follow.
          for (const url of [`/admin/stock-locations?fields=sales_channels.id`, `/admin/stock-locations/${loc}?fields=*sales_channels`, `/admin/stock-locations/${loc}?fields=fulfillment_sets.service_zones.shipping_options.id`, `/admin/sales-channels/${side.org.sales_channel_id}?fields=stock_locations.sales_channels.id`]) {
            const res = await send(api, "get", url, actor.headers)
            expect({ url, status: res.status }).toEqual({ url, status: 400 })
            expect(res.data.message).toMatch(/org staff cannot ask for the relation/)
          }
          // Writes on the shared rows: 403 naming the route, for the owner as for staff.
          const writes: [("post" | "delete"), string, unknown?][] = [
            ["post", `/admin/stock-locations/${loc}`, { name: "Mine" }],
            ["delete", `/admin/stock-locations/${loc}`],
            ["post", `/admin/stock-locations/${loc}/sales-channels`, { remove: [f.a.org.sales_channel_id, f.b.org.sales_channel_id] }],
            ["post", `/admin/stock-locations/${loc}/fulfillment-providers`, { remove: ["manual_manual"] }],
            ["post", `/admin/shipping-profiles/${profile}`, { name: "Mine" }],
            ["delete", `/admin/shipping-profiles/${profile}`],
            ["post", `/admin/shipping-options/${option}`, { name: "Mine" }],
            ["delete", `/admin/shipping-options/${option}`],
            ["post", "/admin/shipping-options", { name: "Own", service_zone_id: set.id }],
            ["delete", `/admin/fulfillment-sets/${set.id}`],
          ]
          for (const [method, url, body] of writes) {
            const res = await send(api, method, url, actor.headers, body)
            expect({ url, status: res.status }).toEqual({ url, status: 403 })
            expect(res.data.message).toContain(`${method.toUpperCase()} ${url}`)
          }
          for (const url of ["/admin/shipping-options", `/admin/shipping-options/${option}`, `/admin/fulfillment-sets/${set.id}`]) {
            expect({ url, status: (await send(api, "get", url, actor.headers)).status }).toEqual({ url, status: 403 })
          }
        }
      }
      // Platform operators manage them (read here; nothing is changed by this spec).
      const all = await send(api, "get", "/admin/shipping-options?fields=id,name,shipping_profile_id", f.platform.headers)
      expect(all.status).toBe(200)
      expect(all.data.shipping_options).toEqual([expect.objectContaining({ id: option, name: DIGITAL_DELIVERY_NAME, shipping_profile_id: profile })])
      expect(await digitalRows(container)).toEqual(before)
    })
  },
})
