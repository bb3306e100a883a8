import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { failure, send } from "../../helpers/http"
import { attributeStaff, collectIds, createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"
import {
  accessService,
  createRegion,
  createTieredProduct,
  eventually,
  liveEntitlements,
  placeOrder,
  TestProduct,
  TestRegion,
} from "../../helpers/commerce"
import { runFailingAfter } from "../../helpers/workflows"
import { useProcessEnv } from "../../helpers/env"

import * as wf from "@volmify/access/workflows"

jest.setTimeout(180_000)

// These cases capture payments themselves (by hand, or through the payment module without
// events); the capture of all-digital orders at placement is proven in capture-stripe.spec.ts.
useProcessEnv({ VOLMIFY_AUTO_CAPTURE: "false" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let course: TestProduct // org A: Basic 1, Premium 2, VIP 3, plus an Add-on without plan
    let otherCourse: TestProduct // org B

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "acc" })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      course = await createTieredProduct(container, f.a.org, {
        handle: "ts-course",
        tiers: [
          { title: "Basic", tier: 1, prices: { usd: 99.99, jpy: 14800 } },
          { title: "Premium", tier: 2, prices: { usd: 199, jpy: 29800 } },
          { title: "VIP", tier: 3, prices: { usd: 499, jpy: 74800 }, duration_days: 365 },
          { title: "Workbook", tier: null, prices: { usd: 19, jpy: 2800 } },
        ],
      })
      otherCourse = await createTieredProduct(container, f.b.org, {
        handle: "yoga-course",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 49, jpy: 7800 } }],
      })
      // Creators change only the products they are attributed on (role matrix).
      await attributeStaff(container, f.a.org.id, f.a.staff.creator, [course.id])
    })

    const byTitle = (p: TestProduct, title: string) => p.variants.find((v) => v.title === title)!.id

    const call = (method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) =>
      send(api, method, url, headers, body)

    const actors = () => [
      { name: "anonymous", headers: {}, want: 401 },
      { name: "customer of A", headers: { authorization: f.a.customer.headers.authorization }, want: 401 },
      { name: "customer of B", headers: { authorization: f.b.customer.headers.authorization }, want: 401 },
      ...ROLES.map((r) => ({ name: `${r} of A`, headers: f.a.staff[r].headers, role: r })),
      { name: "owner of B", headers: f.b.staff.owner.headers, want: 404 },
      { name: "admin user of no org", headers: f.outsider.headers, want: 403 },
      { name: "platform operator", headers: f.platform.headers, want: 200 },
    ]

    async function matrix(
      method: "get" | "post" | "delete",
      url: string,
      allowed: string[],
      body?: () => unknown
    ) {
      const wrong: string[] = []
      for (const a of actors()) {
        const want = "role" in a && a.role ? (allowed.includes(a.role) ? 200 : 403) : a.want
        const res = await call(method, url, a.headers, body?.())
        const ok = want === 200 ? res.status >= 200 && res.status < 300 : res.status === want
        if (!ok) wrong.push(`${a.name}: ${res.status} (expected ${want}) ${JSON.stringify(res.data)}`)
        if (res.status < 300 && a.name !== "platform operator") {
          const ids = collectIds(res.data)
          expect([otherCourse.id, f.b.org.id, f.b.customer.customer.id].filter((id) => ids.has(id))).toEqual([])
        }
      }
      expect(wrong).toEqual([])
    }

    describe("access plans", () => {
      it("lists a product's plans for every role of its org; 404 for B; bad tiers 400 naming tier", async () => {
        await matrix("get", `/admin/products/${course.id}/access-plans`, ROLES)
        const { data } = await api.get(`/admin/products/${course.id}/access-plans`, { headers: f.a.staff.staff.headers })
        expect(data.access_plans.map((p: any) => [p.tier, p.duration_days])).toEqual([
          [1, null],
          [2, null],
          [3, 365],
        ])
        const url = `/admin/products/${course.id}/variants/${byTitle(course, "Workbook")}/access-plan`
        for (const tier of [0, -1, 1.5, "2"]) {
          const res = await failure(api.post(url, { tier }, { headers: f.a.staff.owner.headers }))
          expect([tier, res.status, res.data.message]).toEqual([tier, 400, expect.stringMatching(/tier/)])
        }
        const sub = await failure(api.post(url, { tier: 1, billing: "subscription" }, { headers: f.a.staff.owner.headers }))
        expect(sub.status).toBe(400)
        expect((await accessService(getContainer()).listAccessPlans({ variant_id: byTitle(course, "Workbook") })).length).toBe(0)
      })

      it("sets and removes a variant's plan for catalog roles only; another product's variant is 404", async () => {
        const url = `/admin/products/${course.id}/variants/${byTitle(course, "Workbook")}/access-plan`
        await matrix("post", url, ["owner", "admin", "manager", "creator"], () => ({ tier: 1, duration_days: 30 }))
        const [plan] = await accessService(getContainer()).listAccessPlans({ variant_id: byTitle(course, "Workbook") })
        expect(plan).toMatchObject({ tier: 1, duration_days: 30, product_id: course.id, billing: "one_time" })
        const crossed = await failure(
          api.post(`/admin/products/${course.id}/variants/${byTitle(otherCourse, "Basic")}/access-plan`, { tier: 1 }, { headers: f.platform.headers })
        )
        expect(crossed.status).toBe(404)
        const del = await call("delete", url, f.a.staff.staff.headers)
        expect(del.status).toBe(403)
        expect((await call("delete", url, f.a.staff.creator.headers)).status).toBe(200)
        expect((await call("delete", url, f.a.staff.creator.headers)).data.message).toMatch(/has no access plan/)
      })

      it("plan workflows roll back", async () => {
        const container = getContainer()
        const variant = byTitle(course, "Premium")
        const failed = await runFailingAfter(wf.setAccessPlanWorkflow(container), "emit-event-step", { variant_id: variant, tier: 5 })
        expect(failed.errors).toHaveLength(1)
        expect((await accessService(container).listAccessPlans({ variant_id: variant }))[0].tier).toBe(2)
        const newOne = byTitle(course, "Workbook")
        await runFailingAfter(wf.setAccessPlanWorkflow(container), "emit-event-step", { variant_id: newOne, tier: 1 })
        expect(await accessService(container).listAccessPlans({ variant_id: newOne })).toHaveLength(0)
        const removed = await runFailingAfter(wf.removeAccessPlanWorkflow(container), "emit-event-step", { variant_id: variant })
        expect(removed.errors).toHaveLength(1)
        expect(await accessService(container).listAccessPlans({ variant_id: variant })).toHaveLength(1)
      })
    })

    describe("entitlements from orders", () => {
      it("a paid order grants one entitlement per planned line (JPY), once under 20 concurrent deliveries", async () => {
        const container = getContainer()
        const orderId = await placeOrder(api, f.a.customer, jpy, [byTitle(course, "Premium"), byTitle(course, "Workbook")])
        const granted = await eventually(async () => (await liveEntitlements(container, f.a.customer.customer.id)).length === 1)
        expect(granted).toBe(true)
        await Promise.all(
          Array.from({ length: 20 }, () => wf.grantEntitlementsForOrderWorkflow(container).run({ input: { order_id: orderId } }))
        )
        const live = await liveEntitlements(container, f.a.customer.customer.id)
        expect(live).toEqual([
          expect.objectContaining({ product_id: course.id, tier: 2, source_type: "order_line_item", order_id: orderId, expires_at: null }),
        ])
        expect(await accessService(container).getCustomerTier(f.a.customer.customer.id, course.id)).toBe(2)
        expect(await accessService(container).getCustomerTier(f.b.customer.customer.id, course.id)).toBe(0)
      })

      it("VIP for a year expires; the expiry job and the tier follow the clock", async () => {
        const container = getContainer()
        await placeOrder(api, f.a.customer, usd, [byTitle(course, "VIP")])
        const [vip] = await eventually(async () => (await liveEntitlements(container, f.a.customer.customer.id)).filter((e: any) => e.tier === 3))
        expect(new Date(vip.expires_at).getTime()).toBeGreaterThan(Date.now() + 364 * 86400_000)
        const later = new Date(Date.now() + 366 * 86400_000)
        expect(await accessService(container).getCustomerTier(f.a.customer.customer.id, course.id, later)).toBe(0)
        const failed = await runFailingAfter(wf.expireEntitlementsWorkflow(container), "update-entitlements", { now: later })
        expect(failed.errors).toHaveLength(1)
        expect((await liveEntitlements(container, f.a.customer.customer.id)).length).toBe(1)
        const { result } = await wf.expireEntitlementsWorkflow(container).run({ input: { now: later } })
        expect(result).toBe(1)
        expect(await liveEntitlements(container, f.a.customer.customer.id)).toEqual([])
      })

      it("canceling the order revokes what it granted; a failed revocation changes nothing", async () => {
        const container = getContainer()
        const orderId = await placeOrder(api, f.a.customer, usd, [byTitle(course, "Basic")])
        await eventually(async () => (await liveEntitlements(container, f.a.customer.customer.id)).length === 1)
        const failed = await runFailingAfter(wf.revokeEntitlementsForOrderWorkflow(container), "update-entitlements", {
          order_id: orderId,
          reason: "test",
        })
        expect(failed.errors).toHaveLength(1)
        expect((await liveEntitlements(container, f.a.customer.customer.id)).length).toBe(1)
        await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: f.platform.headers })
        const gone = await eventually(async () => (await liveEntitlements(container, f.a.customer.customer.id)).length === 0)
        expect(gone).toBe(true)
        const [revoked] = await accessService(container).listEntitlements({ order_id: orderId })
        expect(revoked).toMatchObject({ status: "revoked", revoke_reason: "order canceled" })
      })

      it("GET /admin/orders/:id/entitlements: what the order granted (tier name, until when, revoked), digital or not; every role of A, 404 for B", async () => {
        const container = getContainer()
        const digital = await placeOrder(api, f.a.customer, usd, [byTitle(course, "Premium"), byTitle(course, "VIP")])
        await eventually(async () => (await accessService(container).listEntitlements({ order_id: digital })).length === 2)
        await matrix("get", `/admin/orders/${digital}/entitlements`, [...ROLES])
        const { data } = await api.get(`/admin/orders/${digital}/entitlements`, { headers: f.a.staff.staff.headers })
        expect(data.digital_only).toBe(true)
        expect(data.entitlements.map((e: any) => [e.product.title, e.variant_title, e.tier, e.status, e.expires_at === null])).toEqual([
          ["ts-course", "Premium", 2, "active", true],
          ["ts-course", "VIP", 3, "active", false],
        ])
        // Cancelled: the same rows, revoked, with the reason.
        await api.post(`/admin/orders/${digital}/cancel`, {}, { headers: f.platform.headers })
        await eventually(async () => (await accessService(container).listEntitlements({ order_id: digital, status: "revoked" })).length === 2)
        const after = await api.get(`/admin/orders/${digital}/entitlements`, { headers: f.a.staff.manager.headers })
        expect(after.data.entitlements.map((e: any) => [e.status, e.revoke_reason])).toEqual([
          ["revoked", "order canceled"],
          ["revoked", "order canceled"],
        ])
        // A line without a plan (the workbook) is not digital access: something to hand over.
        const mixed = await placeOrder(api, f.a.customer, usd, [byTitle(course, "Basic"), byTitle(course, "Workbook")])
        expect((await api.get(`/admin/orders/${mixed}/entitlements`, { headers: f.a.staff.owner.headers })).data.digital_only).toBe(false)
        // Org B's order: 404 for A's staff, like an order that does not exist; B's own staff see it.
        const orderB = await placeOrder(api, f.b.customer, usd, [otherCourse.variants[0].id])
        for (const headers of [f.a.staff.owner.headers, f.a.staff.staff.headers]) {
          const res = await call("get", `/admin/orders/${orderB}/entitlements`, headers)
          expect([res.status, res.data.message]).toEqual([404, `Order with id: ${orderB} was not found`])
        }
        expect((await call("get", `/admin/orders/order_does_not_exist/entitlements`, f.platform.headers)).status).toBe(404)
        const own = await eventually(async () => (await call("get", `/admin/orders/${orderB}/entitlements`, f.b.staff.owner.headers)).data.entitlements)
        expect(own.map((e: any) => e.product_id)).toEqual([otherCourse.id])
      })

      it("a partial refund keeps access; refunding the rest revokes it (JPY, exact amounts)", async () => {
        const container = getContainer()
        const orderId = await placeOrder(api, f.a.customer, jpy, [byTitle(course, "Basic")])
        await eventually(async () => (await liveEntitlements(container, f.a.customer.customer.id)).length === 1)
        const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*payment_collections.payments`, { headers: f.platform.headers })
        const payment = data.order.payment_collections[0].payments[0]
        await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: f.platform.headers })
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 4800 }, { headers: f.platform.headers })
        await new Promise((r) => setTimeout(r, 500))
        expect((await liveEntitlements(container, f.a.customer.customer.id)).length).toBe(1)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10000 }, { headers: f.platform.headers })
        const gone = await eventually(async () => (await liveEntitlements(container, f.a.customer.customer.id)).length === 0)
        expect(gone).toBe(true)
        const [revoked] = await accessService(container).listEntitlements({ order_id: orderId })
        expect(revoked).toMatchObject({ status: "revoked", revoke_reason: "order fully refunded" })
      })

      it("grant for an order rolls back its entitlements", async () => {
        const container = getContainer()
        const orderId = await placeOrder(api, f.b.customer, usd, [byTitle(otherCourse, "Basic")])
        await eventually(async () => (await liveEntitlements(container, f.b.customer.customer.id)).length === 1)
        await accessService(container).deleteEntitlements((await liveEntitlements(container, f.b.customer.customer.id)).map((e: any) => e.id))
        const failed = await runFailingAfter(wf.grantEntitlementsForOrderWorkflow(container), "create-entitlements", { order_id: orderId })
        expect(failed.errors).toHaveLength(1)
        expect(await liveEntitlements(container, f.b.customer.customer.id)).toEqual([])
      })
    })

    describe("manual grants and revocations", () => {
      it("commerce roles of the product's org grant to their members with a reason; others refused", async () => {
        const url = `/admin/customers/${f.a.customer.customer.id}/entitlements`
        await matrix("post", url, ["owner", "admin", "manager"], () => ({ product_id: course.id, tier: 3, reason: "conference speaker" }))
        const cross = await failure(
          api.post(`/admin/customers/${f.b.customer.customer.id}/entitlements`, { product_id: course.id, tier: 1, reason: "nope" }, { headers: f.a.staff.owner.headers })
        )
        expect(cross.status).toBe(404)
        const otherProduct = await failure(api.post(url, { product_id: otherCourse.id, tier: 1, reason: "nope" }, { headers: f.a.staff.owner.headers }))
        expect(otherProduct.status).toBe(404)
        const noReason = await failure(api.post(url, { product_id: course.id, tier: 1 }, { headers: f.a.staff.owner.headers }))
        expect(noReason.status).toBe(400)
        expect(noReason.data.message).toMatch(/reason/)
        await matrix("get", url, ROLES)
        const { data } = await api.get(url, { headers: f.a.staff.staff.headers })
        expect(data.entitlements.every((e: any) => e.product_id === course.id && e.reason === "conference speaker")).toBe(true)
      })

      it("revokes by hand with a reason; a revoked one cannot be revoked again; rollbacks hold", async () => {
        const container = getContainer()
        const { data } = await api.post(
          `/admin/customers/${f.a.customer.customer.id}/entitlements`,
          { product_id: course.id, tier: 2, reason: "support case 42" },
          { headers: f.a.staff.admin.headers }
        )
        const id = data.entitlement.id
        const failed = await runFailingAfter(wf.revokeEntitlementWorkflow(container), "emit-event-step", { id, reason: "x", revoked_by: "u" })
        expect(failed.errors).toHaveLength(1)
        expect((await accessService(container).retrieveEntitlement(id)).status).toBe("active")
        expect((await failure(api.post(`/admin/entitlements/${id}/revoke`, { reason: "refund" }, { headers: f.b.staff.owner.headers }))).status).toBe(404)
        expect((await failure(api.post(`/admin/entitlements/${id}/revoke`, { reason: "refund" }, { headers: f.a.staff.creator.headers }))).status).toBe(403)
        const ok = await api.post(`/admin/entitlements/${id}/revoke`, { reason: "refund issued" }, { headers: f.a.staff.manager.headers })
        expect(ok.data.entitlement).toMatchObject({ status: "revoked", revoke_reason: "refund issued", revoked_by: f.a.staff.manager.user.id })
        const again = await failure(api.post(`/admin/entitlements/${id}/revoke`, { reason: "refund issued" }, { headers: f.a.staff.manager.headers }))
        expect(again).toMatchObject({ status: 400, data: { message: expect.stringMatching(/already revoked/) } })
        const failedGrant = await runFailingAfter(wf.grantEntitlementWorkflow(container), "emit-event-step", {
          customer_id: f.a.customer.customer.id,
          product_id: course.id,
          tier: 1,
          reason: "rollback",
          granted_by: "u",
        })
        expect(failedGrant.errors).toHaveLength(1)
        expect(await accessService(container).listEntitlements({ reason: "rollback" })).toHaveLength(0)
      })

      it("GET /store/customers/me/entitlements: the customer's live ones on this storefront only", async () => {
        await api.post(
          `/admin/customers/${f.a.customer.customer.id}/entitlements`,
          { product_id: course.id, tier: 1, reason: "welcome gift", source_type: "gift" },
          { headers: f.a.staff.owner.headers }
        )
        expect((await failure(api.get("/store/customers/me/entitlements", { headers: f.a.key.headers }))).status).toBe(401)
        const mine = await api.get("/store/customers/me/entitlements", { headers: f.a.customer.headers })
        expect(mine.data.entitlements.map((e: any) => [e.product_id, e.tier, e.source_type])).toEqual([[course.id, 1, "gift"]])
        const elsewhere = await api.get("/store/customers/me/entitlements", {
          headers: { ...f.b.key.headers, authorization: f.a.customer.headers.authorization },
        })
        expect(elsewhere.data.entitlements).toEqual([])
      })
    })
  },
})
