import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createCustomer, CustomerActor } from "../../helpers/actors"
import { createRegion, TestRegion } from "../../helpers/commerce"
import { createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { createTestOrg, TestOrg } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

jest.setTimeout(240_000)

const wf = require("@volmify/orgs/workflows")
const backfill = require("@volmify/orgs/migration-scripts/backfill-org-digital-delivery").default

// A stock Medusa Next.js starter pointed at an org's publishable key: the store calls it
// makes, in its order, over HTTP. Every org has a free "Digital delivery" option on its own
// channel, so the starter's checkout (which wants a shipping method) completes a course.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let a: TestOrg
    let b: TestOrg
    let usd: TestRegion
    let jpy: TestRegion
    let course: any
    let variantId: string
    let placement: string

    beforeAll(async () => {
      const container = getContainer()
      a = await createTestOrg(container, api, { handle: `ss-a-${Date.now().toString(36)}`, name: "Stock A" })
      b = await createTestOrg(container, api, { handle: `ss-b-${Date.now().toString(36)}`, name: "Stock B" })
      usd = await createRegion(container, "usd", ["us"])
      jpy = await createRegion(container, "jpy", ["jp"])
      const lesson = await createLesson(container, a.org.id, { title: "Locked one", body: "The paid text" })
      ;({ course } = await createCourseWithOutline(container, a.org, {
        handle: `stock-course-${Date.now().toString(36)}`,
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id }] }] }],
      }))
      placement = (await placementsByTitle(container, course.id))["Locked one"]
    })

    const address = (country_code: string) => ({
      first_name: "Ana", last_name: "Buyer", address_1: "1 Main St", city: "Springfield", postal_code: "12345", country_code,
    })

    /** The starter's checkout up to the shipping step: cart, line item, email and addresses. */
    async function cartWithAddress(customer: CustomerActor, region: TestRegion, country: string, variant: string) {
      const h = { headers: customer.headers }
      const { data: created } = await api.post("/store/carts", { region_id: region.id }, h)
      const id = created.cart.id
      await api.post(`/store/carts/${id}/line-items`, { variant_id: variant, quantity: 1 }, h)
      await api.post(`/store/carts/${id}`, { email: customer.customer.email, shipping_address: address(country), billing_address: address(country) }, h)
      return id as string
    }

    it("a stock storefront buys a course: digital delivery listed (not another org's), added, paid, order seen, lesson open", async () => {
      const customer = await createCustomer(api, a.key)
      const h = { headers: customer.headers }

      // Storefront boot: regions and products (the starter's product list query).
      const { data: regions } = await api.get("/store/regions", { headers: a.key.headers })
      expect(regions.regions.map((r: any) => r.id)).toEqual(expect.arrayContaining([usd.id, jpy.id]))
      const { data: products } = await api.get(
        `/store/products?region_id=${usd.id}&fields=*variants.calculated_price,+variants.inventory_quantity,+metadata,+tags`,
        { headers: a.key.headers }
      )
      const product = products.products.find((p: any) => p.id === course.product_id)
      expect(product).toBeTruthy()
      variantId = product.variants.find((v: any) => v.title === "Basic").id
      expect(product.variants.find((v: any) => v.id === variantId).calculated_price.calculated_amount).toBe(99)

      const cartId = await cartWithAddress(customer, usd, "us", variantId)

      // Shipping step: A's digital delivery, free; nothing of B.
      const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, h)
      expect(options.shipping_options.map((o: any) => [o.name, o.amount])).toEqual([["Digital delivery", 0]])
      const [option] = options.shipping_options
      const bCustomer = await createCustomer(api, b.key)
      // B's storefront: its cart lists only B's option.
      const { data: bEmpty } = await api.post("/store/carts", { region_id: usd.id }, { headers: bCustomer.headers })
      await api.post(`/store/carts/${bEmpty.cart.id}`, { shipping_address: address("us") }, { headers: bCustomer.headers })
      const { data: bOptions } = await api.get(`/store/shipping-options?cart_id=${bEmpty.cart.id}`, { headers: bCustomer.headers })
      expect(bOptions.shipping_options).toHaveLength(1)
      expect(bOptions.shipping_options[0].id).not.toBe(option.id)
      // Each org's option on the other's cart is refused; A's cart under B's key is not found.
      const cross = await send(api, "post", `/store/carts/${bEmpty.cart.id}/shipping-methods`, bCustomer.headers, { option_id: option.id })
      expect(cross.status).toBe(400)
      const wall = await send(api, "get", `/store/shipping-options?cart_id=${cartId}`, { ...b.key.headers, authorization: customer.headers.authorization })
      expect(wall.status).toBe(404)

      // Add it, pay (payment collection + session), complete.
      const { data: withMethod } = await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: option.id }, h)
      expect(withMethod.cart.shipping_methods.map((m: any) => [m.shipping_option_id, m.amount])).toEqual([[option.id, 0]])
      expect(withMethod.cart.total).toBe(99)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, h)
      expect(completed.type).toBe("order")
      const orderId = completed.order.id

      // Order page as that customer (the starter reads shipping methods), and the order list.
      const { data: order } = await api.get(`/store/orders/${orderId}?fields=*items,*shipping_methods,+total`, h)
      expect(order.order.shipping_methods.map((m: any) => m.name)).toEqual(["Digital delivery"])
      expect(order.order.total).toBe(99)
      const { data: list } = await api.get("/store/orders", h)
      expect(list.orders.map((o: any) => o.id)).toEqual([orderId])
      expect((await send(api, "get", `/store/orders/${orderId}`, bCustomer.headers)).status).toBe(404)

      // The course is unlocked: the lesson reads for the buyer (after the order's subscribers run).
      let lesson: { status: number; data: any } = { status: 0, data: null }
      for (let i = 0; i < 100 && lesson.status !== 200; i++) {
        lesson = await send(api, "get", `/store/courses/${course.id}/lessons/${placement}`, customer.headers)
        if (lesson.status !== 200) await new Promise((r) => setTimeout(r, 200))
      }
      expect(lesson.status).toBe(200)
      expect(JSON.stringify(lesson.data)).toContain("The paid text")
    })

    it("JPY (zero-decimal): the option is free in yen and the order total is whole yen", async () => {
      const customer = await createCustomer(api, a.key)
      const h = { headers: customer.headers }
      const { data: products } = await api.get(`/store/products?region_id=${jpy.id}&fields=*variants.calculated_price`, { headers: a.key.headers })
      const product = products.products.find((p: any) => p.id === course.product_id)
      const variant = product.variants.find((v: any) => v.title === "Basic")
      const cartId = await cartWithAddress(customer, jpy, "jp", variant.id)
      const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, h)
      expect(options.shipping_options.map((o: any) => [o.name, o.amount])).toEqual([["Digital delivery", 0]])
      const { data } = await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: options.shipping_options[0].id }, h)
      expect(data.cart.currency_code).toBe("jpy")
      expect(data.cart.total).toBe(14800)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, h)
      expect(completed.type).toBe("order")
      expect(completed.order.total).toBe(14800)
    })

    it("backfill: an org made before digital delivery gets one, once; a failed creation leaves nothing", async () => {
      const container = getContainer()
      const { result: [channel] } = await require("@medusajs/medusa/core-flows").createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: "Old org storefront" }] },
      })
      const old = await container.resolve<any>("org").createOrgs({ handle: `old-${Date.now().toString(36)}`, name: "Old", sales_channel_id: channel.id })
      expect(await wf.hasDigitalDelivery(container, channel.id)).toBe(false)
      await backfill({ container })
      await backfill({ container })
      expect(await wf.hasDigitalDelivery(container, channel.id)).toBe(true)
      const label = `Digital delivery (${old.handle})`
      expect(await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: label })).toHaveLength(1)
      // Orgs that had it keep exactly one.
      expect(await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: `Digital delivery (${a.org.handle})` })).toHaveLength(1)

      // Rollback: a failure after the last step removes location, set, profile and option.
      const handle = `rb-${Date.now().toString(36)}`
      const options = () => container.resolve(Modules.FULFILLMENT).listShippingOptions({ name: "Digital delivery" })
      const optionsBefore = (await options()).length
      const { errors } = await runFailingAfter(wf.createDigitalDeliveryWorkflow(container), "create-shipping-options-workflow-as-step", {
        org_id: "org_x", handle, name: "Rb", sales_channel_id: channel.id,
      })
      expect(errors[0].error.message).toMatch(/forced failure/)
      const rb = `Digital delivery (${handle})`
      expect(await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: rb })).toHaveLength(0)
      expect(await container.resolve(Modules.FULFILLMENT).listFulfillmentSets({ name: rb })).toHaveLength(0)
      expect(await container.resolve(Modules.FULFILLMENT).listShippingProfiles({ name: rb })).toHaveLength(0)
      expect(await options()).toHaveLength(optionsBefore)
    })
  },
})
