import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { createCustomer, uniqueEmail, type CustomerActor, type Headers } from "../../helpers/actors"
import { createRegion, createTieredProduct, eventually, liveEntitlements, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { courseService, createLesson } from "../../helpers/courses"
import { useProcessEnv } from "../../helpers/env"
import { runFailingAfter } from "../../helpers/workflows"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, type OrgSide, type TwoOrgFixture } from "../../helpers/orgs"

import * as attribution from "@volmify/attribution/workflows"
import * as affiliatesWf from "@volmify/affiliates/workflows"
import * as courses from "@volmify/courses/workflows"
import { OrgPromotionLink } from "@volmify/orgs/tenancy"
import { applyUpgradeCreditWorkflow } from "@volmify/access/workflows"

jest.setTimeout(300_000)

// Every request names its own client address (trusted from loopback), so the free-enrollment
// limit counts only what a case means it to.
useProcessEnv({ VOLMIFY_TRUSTED_PROXIES: "127.0.0.1,::1,::ffff:127.0.0.1", VOLMIFY_FREE_ENROLLMENTS_PER_MINUTE: "5" })
let ipSeq = 0
const freshIp = () => `198.51.100.${(++ipSeq % 250) + 1}`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let paid: TestProduct // org A: $100 / ¥14,800, creator rule 70 %
    let paidB: TestProduct // org B
    let freeProduct: TestProduct // org A: Basic free (usd 0, jpy 0), Premium $50
    let freeCourse: any // org A, free tier, not a lead magnet
    let magnetProduct: TestProduct
    let magnetCourse: any // org A, lead magnet
    let courseB: any // org B, free
    let creatorEmployee: string
    let staffPromo: any // org A's 20 % code, made by its manager in the admin
    let tiered: TestProduct // org A: Basic $40 / ¥4,000, Premium $100 / ¥10,000, VIP $150

    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const postingsOf = (orderId: string) => ledger().listLedgerTransactions({ reference_type: "order", reference_id: orderId })
    const h = (headers: Headers) => ({ headers: { ...headers, "x-forwarded-for": freshIp() } })
    const storeSend = (method: "get" | "post" | "delete", url: string, headers: Headers, body?: unknown) =>
      send(api, method, url, { ...headers, "x-forwarded-for": freshIp() }, body)

    /** A store call that must succeed (its message in the failure otherwise). */
    async function ok(method: "get" | "post" | "delete", url: string, headers: Headers, body?: unknown) {
      const answer = await storeSend(method, url, headers, body)
      if (answer.status >= 300) throw new Error(`${method.toUpperCase()} ${url} answered ${answer.status}: ${JSON.stringify(answer.data)}`)
      return answer
    }

    async function cartWith(who: CustomerActor, region: TestRegion, variantId: string) {
      const { data } = await api.post(
        "/store/carts",
        { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] },
        h(who.headers)
      )
      return data.cart
    }

    async function pay(who: CustomerActor, cartId: string, referral?: string) {
      if (referral) await api.post(`/store/carts/${cartId}/referral`, { code: referral }, h(who.headers))
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, h(who.headers))
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h(who.headers))
      const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, h(who.headers))
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data)}`)
      return data.order
    }

    /** A promotion of `org` made as its staff would (the admin route links it and adds the channel rule). */
    async function staffCoupon(side: OrgSide, code: string, value = 20) {
      const { data } = await api.post(
        "/admin/promotions",
        {
          code,
          type: "standard",
          status: "active",
          is_automatic: false,
          application_method: { type: "percentage", target_type: "order", allocation: "across", value },
        },
        { headers: side.staff.manager.headers }
      )
      return data.promotion
    }

    /** A promotion linked to `org` through the workflow hook (for campaign dates staff cannot set). */
    async function workflowCoupon(side: OrgSide, code: string, extra: Record<string, unknown> = {}) {
      const { result } = await createPromotionsWorkflow(getContainer()).run({
        input: {
          promotionsData: [
            {
              code,
              type: "standard",
              status: "active",
              is_automatic: false,
              application_method: { type: "percentage", target_type: "order", allocation: "across", value: 20 },
              rules: [{ attribute: "sales_channel_id", operator: "in", values: [side.org.sales_channel_id] }],
              ...extra,
            } as any,
          ],
          additional_data: { org_id: side.org.id },
        },
      })
      return result[0]
    }

    async function publishedCourse(side: OrgSide, product: TestProduct, handle: string, lead_magnet = false) {
      const lesson = await createLesson(getContainer(), side.org.id, { title: `${handle} lesson`, body: "Hello" })
      const { result: course } = await courses.createCourseWorkflow(getContainer()).run({
        input: { product_id: product.id, handle, title: handle, lead_magnet },
      })
      await courses.applyCourseOutlineWorkflow(getContainer()).run({
        input: { course_id: course.id, outline: { modules: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id }] }] }] } },
      })
      await courses.publishCourseWorkflow(getContainer()).run({ input: { id: course.id } })
      return course
    }

    const enroll = (side: OrgSide, courseId: string, headers: Headers, body: Record<string, unknown>) =>
      storeSend("post", `/store/courses/${courseId}/free-enrollment`, { ...side.key.headers, ...headers }, body)

    const enrollmentsOf = (customerId: string, courseId: string) => courseService(getContainer()).listEnrollments({ customer_id: customerId, course_id: courseId })
    const membersOf = (orgId: string, customerId: string) => getContainer().resolve<any>("org").listOrgMembers({ org_id: orgId, customer_id: customerId })

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "fc" })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      paid = await createTieredProduct(container, f.a.org, { handle: `fc-paid-${Date.now()}`, tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }] })
      paidB = await createTieredProduct(container, f.b.org, { handle: `fc-paid-b-${Date.now()}`, tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }] })
      freeProduct = await createTieredProduct(container, f.a.org, {
        handle: `fc-free-${Date.now()}`,
        tiers: [
          { title: "Free", tier: 1, prices: { usd: 0, jpy: 0 } },
          { title: "Premium", tier: 2, prices: { usd: 50, jpy: 7400 } },
        ],
      })
      magnetProduct = await createTieredProduct(container, f.a.org, { handle: `fc-magnet-${Date.now()}`, tiers: [{ title: "Guide", tier: 1, prices: { usd: 0, jpy: 0 } }] })
      tiered = await createTieredProduct(container, f.a.org, {
        handle: `fc-tiered-${Date.now()}`,
        tiers: [
          { title: "Basic", tier: 1, prices: { usd: 40, jpy: 4000 } },
          { title: "Premium", tier: 2, prices: { usd: 100, jpy: 10000 } },
          { title: "VIP", tier: 3, prices: { usd: 150 } },
        ],
      })
      const freeB = await createTieredProduct(container, f.b.org, { handle: `fc-free-b-${Date.now()}`, tiers: [{ title: "Free", tier: 1, prices: { usd: 0 } }] })
      freeCourse = await publishedCourse(f.a, freeProduct, "free-course")
      magnetCourse = await publishedCourse(f.a, magnetProduct, "lead-magnet")
      courseB = await publishedCourse(f.b, freeB, "free-course-b", true)

      const [employee] = await container.resolve<any>("org").listOrgEmployees({ org_id: f.a.org.id, user_id: f.a.staff.creator.user.id })
      creatorEmployee = employee.id
      await attribution.createAttributionRuleWorkflow(container).run({
        input: { product_id: paid.id, employee_id: creatorEmployee, role: "creator", type: "percent", percent_bps: 7000, effective_from: new Date(Date.now() - 86400_000) },
      })
      await affiliatesWf.upsertAffiliateProgramWorkflow(container).run({
        input: { org_id: f.a.org.id, enabled: true, commission_type: "percent", commission_bps: 1000 },
      })
      // As merchants do it, through the admin (the runner restores this state before every case).
      staffPromo = await staffCoupon(f.a, "STAFF-A20")
      await staffCoupon(f.b, "STAFF-B50", 50)
      const marked = await send(api, "post", `/admin/courses/${magnetCourse.id}`, f.a.staff.manager.headers, { lead_magnet: true })
      expect([marked.status, marked.data.course.lead_magnet]).toEqual([200, true])
    })

    describe("coupons at checkout", () => {
      it("staff create a coupon for their org (linked, kept to the org's channel, invisible to another org)", async () => {
        const promo = staffPromo
        expect(promo).toMatchObject({ code: "STAFF-A20", status: "active" })
        const { data: links } = await query().graph({ entity: OrgPromotionLink.entryPoint, fields: ["org_id"], filters: { promotion_id: promo.id } })
        expect(links.map((l: any) => l.org_id)).toEqual([f.a.org.id])
        const { data: rules } = await query().graph({ entity: "promotion", fields: ["rules.attribute", "rules.values.value"], filters: { id: promo.id } })
        expect(rules[0].rules.map((r: any) => [r.attribute, r.values.map((v: any) => v.value)])).toEqual([["sales_channel_id", [f.a.org.sales_channel_id]]])
        expect((await send(api, "get", `/admin/promotions/${promo.id}`, f.b.staff.owner.headers)).status).toBe(404)
        expect((await send(api, "get", `/admin/promotions/${promo.id}`, f.a.staff.staff.headers)).status).toBe(200)
        // Creators and staff do not manage promotions.
        expect((await send(api, "post", "/admin/promotions", f.a.staff.creator.headers, { code: "CREATOR-X", type: "standard", application_method: { type: "percentage", target_type: "order", allocation: "across", value: 5 } })).status).toBe(403)
      })

      it("applies, shows and removes a code; refuses unknown, expired, inactive, used-up and another org's codes with a message, cart unchanged", async () => {
        await workflowCoupon(f.a, "ENDED-A", { campaign: { name: "Ended", campaign_identifier: `ended-${Date.now()}`, starts_at: new Date(Date.now() - 7 * 86400_000), ends_at: new Date(Date.now() - 86400_000) } })
        await workflowCoupon(f.a, "OFF-A", { status: "inactive" })
        const gone = await workflowCoupon(f.a, "GONE-A", { limit: 1 } as any)
        await getContainer().resolve<any>("promotion").updatePromotions({ id: gone.id, used: 1 })
        const cart = await cartWith(f.a.customer, usd, paid.variants[0].id)
        expect(cart.total).toBe(100)

        const applied = await ok("post", `/store/carts/${cart.id}/promotions`, f.a.customer.headers, { promo_codes: ["STAFF-A20"] })
        expect(applied.data.cart.total).toBe(80)
        expect(applied.data.cart.discount_total).toBe(20)
        expect(applied.data.cart.promotions.map((p: any) => p.code)).toEqual(["STAFF-A20"])

        const removed = await api.delete(`/store/carts/${cart.id}/promotions`, { ...h(f.a.customer.headers), data: { promo_codes: ["STAFF-A20"] } })
        expect([removed.data.cart.total, removed.data.cart.promotions]).toEqual([100, []])

        const refusals: Record<string, string> = {
          "NO-SUCH-CODE": 'The promotion code "NO-SUCH-CODE" is not valid in this store',
          "STAFF-B50": 'The promotion code "STAFF-B50" is not valid in this store',
          "ENDED-A": 'The promotion code "ENDED-A" has expired',
          "OFF-A": 'The promotion code "OFF-A" is no longer active',
          "GONE-A": 'The promotion code "GONE-A" has been used up',
        }
        for (const [code, message] of Object.entries(refusals)) {
          const answer = await storeSend("post", `/store/carts/${cart.id}/promotions`, f.a.customer.headers, { promo_codes: [code] })
          expect([code, answer.status, answer.data.message]).toEqual([code, 400, message])
        }
        // Another org's code through the cart update and at cart creation too.
        expect((await storeSend("post", `/store/carts/${cart.id}`, f.a.customer.headers, { promo_codes: ["STAFF-B50"] })).data.message).toBe(refusals["STAFF-B50"])
        const created = await storeSend("post", "/store/carts", f.a.customer.headers, { region_id: usd.id, promo_codes: ["STAFF-B50"] })
        expect([created.status, created.data.message]).toEqual([400, refusals["STAFF-B50"]])
        // Org B's code is good on org B's own cart.
        const cartB = await cartWith(f.b.customer, usd, paidB.variants[0].id)
        expect((await ok("post", `/store/carts/${cartB.id}/promotions`, f.b.customer.headers, { promo_codes: ["STAFF-B50"] })).data.cart.total).toBe(50)

        const after = (await api.get(`/store/carts/${cart.id}`, h(f.a.customer.headers))).data.cart
        expect([after.total, after.promotions]).toEqual([100, []])
        // The cart wall still applies: another customer, another org's key.
        expect((await storeSend("post", `/store/carts/${cart.id}/promotions`, f.b.customer.headers, { promo_codes: ["STAFF-A20"] })).status).toBe(404)
        expect((await storeSend("post", `/store/carts/${cart.id}/promotions`, f.a.key.headers, { promo_codes: ["STAFF-A20"] })).status).toBe(404)
      })

      it("the order carries the discount; attribution and the affiliate commission use the discounted amount", async () => {
        const affiliate = await createCustomer(api, f.a.key)
        await api.post("/store/affiliates", { code: "COUPONAFF" }, h(affiliate.headers))
        const buyer = await createCustomer(api, f.a.key)
        const cart = await cartWith(buyer, usd, paid.variants[0].id)
        await ok("post", `/store/carts/${cart.id}/promotions`, buyer.headers, { promo_codes: ["STAFF-A20"] })
        const order = await pay(buyer, cart.id, "COUPONAFF")
        const { data } = await api.get(`/store/orders/${order.id}?fields=id,total,discount_total,*items,*items.adjustments`, h(buyer.headers))
        expect([data.order.total, data.order.discount_total]).toEqual([80, 20])
        expect(data.order.items[0].adjustments.map((a: any) => [a.code, a.amount])).toEqual([["STAFF-A20", 20]])

        // $80 captured (no tax here): fees 5 % + 3 % = 4 + 2.40, net 73.60, creator 70 % = 51.52, org 22.08.
        await eventually(() => postingsOf(order.id))
        const tx = await ledger().findByReference("order", order.id)
        expect(tx.entries.map((e: any) => [e.direction, String(e.amount)]).sort()).toEqual([
          ["credit", "2.4"],
          ["credit", "22.08"],
          ["credit", "4"],
          ["credit", "51.52"],
          ["debit", "80"],
        ])
        const [commission] = await eventually(() => getContainer().resolve<any>("affiliates").listAffiliateCommissions({ order_id: order.id }))
        expect(MathBN.convert(commission.original_amount).toNumber()).toBe(8) // 10 % of $80, not of $100
        expect(MathBN.convert(commission.base_amount).toNumber()).toBe(80)
      })

      it("JPY: 20 % off ¥14,800 is ¥11,840 and posts whole yen", async () => {
        const buyer = await createCustomer(api, f.a.key)
        const cart = await cartWith(buyer, jpy, paid.variants[0].id)
        const applied = await ok("post", `/store/carts/${cart.id}/promotions`, buyer.headers, { promo_codes: ["STAFF-A20"] })
        expect([applied.data.cart.total, applied.data.cart.discount_total]).toEqual([11840, 2960])
        const order = await pay(buyer, cart.id)
        await eventually(() => postingsOf(order.id))
        const tx = await ledger().findByReference("order", order.id)
        expect(tx.entries.every((e: any) => MathBN.convert(e.amount).isInteger())).toBe(true)
        const debit = tx.entries.filter((e: any) => e.direction === "debit").reduce((s: any, e: any) => MathBN.add(s, e.amount), MathBN.convert(0))
        const credit = tx.entries.filter((e: any) => e.direction === "credit").reduce((s: any, e: any) => MathBN.add(s, e.amount), MathBN.convert(0))
        expect([MathBN.convert(debit).toNumber(), MathBN.convert(credit).toNumber()]).toEqual([11840, 11840])
      })
    })

    describe("upgrade credit (Basic -> Premium pays the difference)", () => {
      const [BASIC, PREMIUM, VIP] = [0, 1, 2]
      const quote = (who: Headers, variantId: string, region: TestRegion) =>
        storeSend("get", `/store/customers/me/upgrade-quote?variant_id=${variantId}&region_id=${region.id}`, who)
      const credit = (who: Headers, cartId: string, variantId: string) => storeSend("post", `/store/carts/${cartId}/upgrade-credit`, who, { variant_id: variantId })

      /** A customer of org A who bought Basic in `region`, optionally with a coupon. */
      async function basicStudent(region: TestRegion, coupon?: string) {
        const student = await createCustomer(api, f.a.key)
        const cart = await cartWith(student, region, tiered.variants[BASIC].id)
        if (coupon) await ok("post", `/store/carts/${cart.id}/promotions`, student.headers, { promo_codes: [coupon] })
        const order = await pay(student, cart.id)
        await eventually(async () => (await liveEntitlements(getContainer(), student.customer.id)).filter((e: any) => e.product_id === tiered.id))
        return { student, order }
      }

      it("USD: credits what Basic cost after its coupon ($40 - 20 % = $32): Premium $100 charges $68, on the order and in the ledger; a replay adds nothing", async () => {
        const { student, order: basicOrder } = await basicStudent(usd, "STAFF-A20")
        expect(basicOrder.total).toBe(32)
        const q = await ok("get", `/store/customers/me/upgrade-quote?variant_id=${tiered.variants[PREMIUM].id}&region_id=${usd.id}`, student.headers)
        expect(q.data.upgrade_quote).toEqual({
          variant_id: tiered.variants[PREMIUM].id,
          tier: 2,
          from_tier: 1,
          currency_code: "usd",
          price: "100.00",
          credit: "32.00",
          amount_due: "68.00",
          price_minor: 10000,
          credit_minor: 3200,
          amount_due_minor: 6800,
        })

        const cart = await cartWith(student, usd, tiered.variants[PREMIUM].id)
        const applied = await ok("post", `/store/carts/${cart.id}/upgrade-credit`, student.headers, { variant_id: tiered.variants[PREMIUM].id })
        expect(applied.data.upgrade_credit).toMatchObject({ currency_code: "usd", credit: "32.00", amount_due: "68.00", from_tier: 1, to_tier: 2 })
        expect([applied.data.cart.total, applied.data.cart.discount_total]).toEqual([68, 32])
        const code = applied.data.upgrade_credit.code
        expect(code).toMatch(/^UPGRADE-[0-9A-F]{12}$/)
        // Replayed: the same credit, no second promotion.
        const again = await ok("post", `/store/carts/${cart.id}/upgrade-credit`, student.headers, { variant_id: tiered.variants[PREMIUM].id })
        expect([again.data.upgrade_credit.code, again.data.cart.total]).toEqual([code, 68])
        const promotions = await getContainer().resolve<any>("promotion").listPromotions({ code }, { relations: ["rules", "rules.values"] })
        expect(promotions).toHaveLength(1)
        // The org owns it (visible to its staff, not to org B's).
        expect((await send(api, "get", `/admin/promotions/${promotions[0].id}`, f.a.staff.manager.headers)).status).toBe(200)
        expect((await send(api, "get", `/admin/promotions/${promotions[0].id}`, f.b.staff.owner.headers)).status).toBe(404)
        // Survives a cart refresh (an update of the cart) as Medusa recomputes its promotions.
        const refreshed = await ok("post", `/store/carts/${cart.id}`, student.headers, { metadata: { note: "refresh" } })
        expect(refreshed.data.cart.total).toBe(68)

        const order = await pay(student, cart.id)
        const { data } = await api.get(`/store/orders/${order.id}?fields=id,total,discount_total,*items,*items.adjustments`, h(student.headers))
        expect([data.order.total, data.order.discount_total]).toEqual([68, 32])
        expect(data.order.items[0].adjustments.map((a: any) => [a.code, a.amount])).toEqual([[code, 32]])
        const tiers = await eventually(async () => (await liveEntitlements(getContainer(), student.customer.id)).filter((e: any) => e.tier === 2))
        expect(tiers.map((e: any) => e.order_id)).toEqual([order.id])
        // The ledger posts what was charged: $68.
        await eventually(() => postingsOf(order.id))
        const tx = await ledger().findByReference("order", order.id)
        const debit = tx.entries.filter((e: any) => e.direction === "debit").map((e: any) => String(e.amount))
        expect(debit).toEqual(["68"])
        // Used once: the promotion is spent.
        const [spent] = await getContainer().resolve<any>("promotion").listPromotions({ code })
        expect([spent.limit, spent.used]).toEqual([1, 1])

        // VIP later credits both purchases: $32 + $68 = $100 of $150.
        const vip = await ok("get", `/store/customers/me/upgrade-quote?variant_id=${tiered.variants[VIP].id}&region_id=${usd.id}`, student.headers)
        expect([vip.data.upgrade_quote.credit, vip.data.upgrade_quote.amount_due, vip.data.upgrade_quote.from_tier]).toEqual(["100.00", "50.00", 2])
      })

      it("JPY: ¥10,000 Premium after a ¥4,000 Basic charges ¥6,000, whole yen everywhere", async () => {
        const { student } = await basicStudent(jpy)
        const q = await ok("get", `/store/customers/me/upgrade-quote?variant_id=${tiered.variants[PREMIUM].id}&region_id=${jpy.id}`, student.headers)
        expect(q.data.upgrade_quote).toMatchObject({ currency_code: "jpy", price: "10000", credit: "4000", amount_due: "6000", credit_minor: 4000 })
        const cart = await cartWith(student, jpy, tiered.variants[PREMIUM].id)
        const applied = await ok("post", `/store/carts/${cart.id}/upgrade-credit`, student.headers, { variant_id: tiered.variants[PREMIUM].id })
        expect([applied.data.upgrade_credit.credit, applied.data.cart.total]).toEqual(["4000", 6000])
        const order = await pay(student, cart.id)
        expect(order.total).toBe(6000)
        await eventually(() => postingsOf(order.id))
        const tx = await ledger().findByReference("order", order.id)
        expect(tx.entries.every((e: any) => MathBN.convert(e.amount).isInteger())).toBe(true)
        expect(tx.entries.filter((e: any) => e.direction === "debit").map((e: any) => String(e.amount))).toEqual(["6000"])
        // A Basic paid in yen is no credit on a dollar cart.
        const usdQuote = await ok("get", `/store/customers/me/upgrade-quote?variant_id=${tiered.variants[VIP].id}&region_id=${usd.id}`, student.headers)
        expect([usdQuote.data.upgrade_quote.credit, usdQuote.data.upgrade_quote.amount_due]).toEqual(["0.00", "150.00"])
      })

      it("refusals name the problem and change nothing; the credit cannot move to another cart, customer or course", async () => {
        const { student } = await basicStudent(usd)
        const premium = tiered.variants[PREMIUM].id
        const cart = await cartWith(student, usd, premium)
        // Not logged in (anonymous, staff and platform tokens): the quote wants a login (401);
        // the student's cart is walled off from them like a cart that does not exist (404).
        for (const headers of [f.a.key.headers, { ...f.a.key.headers, ...f.a.staff.owner.headers }, { ...f.a.key.headers, ...f.platform.headers }]) {
          expect((await quote(headers, premium, usd)).status).toBe(401)
          expect((await credit(headers, cart.id, premium)).status).toBe(404)
        }
        // Nothing bought: the quote says so (no credit), applying one is a 400.
        const newcomer = await createCustomer(api, f.a.key)
        expect((await ok("get", `/store/customers/me/upgrade-quote?variant_id=${premium}&region_id=${usd.id}`, newcomer.headers)).data.upgrade_quote).toMatchObject({
          credit: "0.00",
          amount_due: "100.00",
          from_tier: null,
        })
        const newcomerCart = await cartWith(newcomer, usd, premium)
        const nothing = await credit(newcomer.headers, newcomerCart.id, premium)
        expect([nothing.status, nothing.data.message]).toEqual([400, "Nothing to credit: you have no paid purchase of a lower tier of this course in USD"])
        // The tier held already (or a lower one asked for): 400 saying so.
        const same = await quote(student.headers, tiered.variants[BASIC].id, usd)
        expect([same.status, same.data.message]).toEqual([400, "You already have this tier of the course (or a higher one)"])
        // A variant not in the cart; bad bodies and queries.
        const missing = await credit(student.headers, cart.id, tiered.variants[VIP].id)
        expect([missing.status, missing.data.message]).toEqual([400, `The cart has no line for the variant "${tiered.variants[VIP].id}": add it first`])
        expect((await storeSend("post", `/store/carts/${cart.id}/upgrade-credit`, student.headers, {})).status).toBe(400)
        expect((await storeSend("post", `/store/carts/${cart.id}/upgrade-credit`, student.headers, { variant_id: premium, amount: 1 })).status).toBe(400)
        expect((await storeSend("get", `/store/customers/me/upgrade-quote?variant_id=${premium}`, student.headers)).status).toBe(400)
        const badRegion = await quote(student.headers, premium, { id: "reg_nope", currency_code: "usd" })
        expect([badRegion.status, badRegion.data.message]).toEqual([400, 'region_id "reg_nope" is not a region of this store'])
        const unknown = await quote(student.headers, "variant_nope", usd)
        expect([unknown.status, unknown.data.message]).toEqual([404, 'No tier of a course has the variant "variant_nope"'])
        // Tenancy: org A's variant through org B's storefront is unknown there; org B's customer
        // on org A's student's cart meets the cart wall.
        const foreign = await quote({ ...student.headers, ...f.b.key.headers }, premium, usd)
        expect([foreign.status, foreign.data.message]).toEqual([404, `No tier of a course has the variant "${premium}"`])
        expect((await credit(f.b.customer.headers, cart.id, premium)).status).toBe(404)
        expect((await credit({ ...f.a.key.headers, authorization: f.b.customer.headers.authorization }, cart.id, premium)).status).toBe(404)
        expect((await storeSend("get", `/store/carts/${cart.id}`, student.headers)).data.cart.total).toBe(100)

        // The credit on the student's cart, then its code tried elsewhere: no discount anywhere else.
        const applied = await ok("post", `/store/carts/${cart.id}/upgrade-credit`, student.headers, { variant_id: premium })
        const code = applied.data.upgrade_credit.code
        const elsewhere = [
          { who: newcomer, cart: await cartWith(newcomer, usd, premium) }, // another customer
          { who: student, cart: await cartWith(student, usd, premium) }, // another cart of the same student
          { who: student, cart: await cartWith(student, usd, paid.variants[0].id) }, // another course
        ]
        for (const { who, cart: other } of elsewhere) {
          const tried = await storeSend("post", `/store/carts/${other.id}/promotions`, who.headers, { promo_codes: [code] })
          expect(tried.status).toBeLessThan(500)
          const after = (await storeSend("get", `/store/carts/${other.id}`, who.headers)).data.cart
          expect([after.discount_total, after.total]).toEqual([0, after.subtotal])
        }
        expect((await storeSend("get", `/store/carts/${cart.id}`, student.headers)).data.cart.total).toBe(60)
      })

      it("rollback: a failure after the credit is applied removes the promotion and leaves the cart at full price", async () => {
        const { student } = await basicStudent(usd)
        const cart = await cartWith(student, usd, tiered.variants[PREMIUM].id)
        const container = getContainer()
        const before = await container.resolve<any>("promotion").listPromotions({}, { select: ["id"] })
        const { errors } = await runFailingAfter(applyUpgradeCreditWorkflow(container), "update-cart-promotions", {
          cart_id: cart.id,
          variant_id: tiered.variants[PREMIUM].id,
          customer_id: student.customer.id,
          org_id: f.a.org.id,
        })
        expect(errors[0].error.message).toMatch(/forced failure/)
        const after = await container.resolve<any>("promotion").listPromotions({}, { select: ["id"] })
        expect(after.map((p: any) => p.id).sort()).toEqual(before.map((p: any) => p.id).sort())
        const { data } = await api.get(`/store/carts/${cart.id}`, h(student.headers))
        expect([data.cart.total, data.cart.promotions]).toEqual([100, []])
        // The lock was released: the real run works right after.
        expect((await ok("post", `/store/carts/${cart.id}/upgrade-credit`, student.headers, { variant_id: tiered.variants[PREMIUM].id })).data.cart.total).toBe(60)
      })
    })

    describe("free courses and lead magnets", () => {
      it("merchants mark a course as a lead magnet in the admin (their own org's only; staff role cannot)", async () => {
        // Set in beforeAll by org A's manager; the store shows it.
        expect((await api.get(`/store/courses/${magnetCourse.id}`, h(f.a.key.headers))).data.course.lead_magnet).toBe(true)
        expect((await api.get(`/store/courses/${freeCourse.id}`, h(f.a.key.headers))).data.course.lead_magnet).toBe(false)
        const other = await send(api, "post", `/admin/courses/${magnetCourse.id}`, f.b.staff.owner.headers, { lead_magnet: false })
        expect(other.status).toBe(404)
        const staffRole = await send(api, "post", `/admin/courses/${magnetCourse.id}`, f.a.staff.staff.headers, { lead_magnet: false })
        expect(staffRole.status).toBe(403)
        const bad = await send(api, "post", `/admin/courses/${magnetCourse.id}`, f.a.staff.manager.headers, { lead_magnet: "yes" })
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringContaining("'lead_magnet'")])
        expect((await api.get(`/store/courses/${magnetCourse.id}`, h(f.a.key.headers))).data.course.lead_magnet).toBe(true)
        const off = await send(api, "post", `/admin/courses/${magnetCourse.id}`, f.a.staff.owner.headers, { lead_magnet: false })
        expect([off.status, off.data.course.lead_magnet]).toEqual([200, false])
        expect((await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email: uniqueEmail("off") })).status).toBe(401)
      })

      it("actor matrix: customers of either org enroll; anonymous, staff and platform tokens must log in; another org's course is 404", async () => {
        const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
        const cases: [string, Headers, number][] = [
          ["anonymous", {}, 401],
          ["staff A", bearer(f.a.staff.owner.token), 401],
          ["staff B", bearer(f.b.staff.owner.token), 401],
          ["platform", bearer(f.platform.token), 401],
          ["customer A", bearer(f.a.customer.token), 201],
          ["customer B", bearer(f.b.customer.token), 201],
        ]
        for (const [who, headers, status] of cases) {
          const answer = await enroll(f.a, freeCourse.id, headers, { region_id: usd.id })
          expect([who, answer.status]).toEqual([who, status])
          // Org B's course through org A's key, and org A's course through org B's key: 404 for everyone.
          expect([who, (await enroll(f.a, courseB.id, headers, { region_id: usd.id, email: uniqueEmail("x") })).status]).toEqual([who, 404])
          expect([who, (await enroll(f.b, freeCourse.id, headers, { region_id: usd.id })).status]).toEqual([who, 404])
        }
        expect((await enroll(f.a, freeCourse.id, {}, { region_id: usd.id })).data.message).toBe("Log in to enroll in this course")
      })

      it("a logged-in customer enrolls for free through a zero-total order: no payment, in orders, entitlement, enrollment, nothing in the ledger", async () => {
        const student = await createCustomer(api, f.a.key)
        const answer = await enroll(f.a, freeCourse.id, student.headers, { region_id: usd.id })
        expect(answer.status).toBe(201)
        const order = answer.data.enrollment.order
        expect([answer.data.enrollment.status, order.total, order.currency_code]).toEqual(["enrolled", 0, "usd"])

        const [ent] = await eventually(() => liveEntitlements(getContainer(), student.customer.id))
        expect([ent.product_id, ent.tier, ent.order_id]).toEqual([freeProduct.id, 1, order.id])
        expect(await eventually(() => enrollmentsOf(student.customer.id, freeCourse.id))).toHaveLength(1)
        const { data: orders } = await query().graph({ entity: "order", fields: ["id", "total", "payment_collections.id", "sales_channel_id"], filters: { id: order.id } })
        expect([MathBN.convert(orders[0].total).toNumber(), orders[0].payment_collections ?? [], orders[0].sales_channel_id]).toEqual([0, [], f.a.org.sales_channel_id])
        // The org's staff see it among their orders, the customer among theirs.
        const staffList = await api.get(`/admin/orders?fields=id,total`, { headers: f.a.staff.manager.headers })
        expect(staffList.data.orders.find((o: any) => o.id === order.id)).toMatchObject({ total: 0 })
        const mine = await api.get("/store/orders?fields=id,total", h(student.headers))
        expect(mine.data.orders.map((o: any) => o.id)).toContain(order.id)
        // The ledger posts only money that moved (it refuses zero-amount postings): nothing for this order.
        const { result } = await attribution.postOrderRevenueWorkflow(getContainer()).run({ input: { order_id: order.id } })
        expect(result.transaction).toBeNull()
        expect(await postingsOf(order.id)).toEqual([])

        // Again: already enrolled, no second order.
        const again = await enroll(f.a, freeCourse.id, student.headers, { region_id: usd.id })
        expect([again.status, again.data.enrollment.status, again.data.enrollment.order]).toEqual([200, "already_enrolled", null])
        // JPY region: free there too; a course with no free tier is refused.
        const jpyStudent = await createCustomer(api, f.a.key)
        const yen = await enroll(f.a, freeCourse.id, jpyStudent.headers, { region_id: jpy.id })
        expect([yen.status, yen.data.enrollment.order.total, yen.data.enrollment.order.currency_code]).toEqual([201, 0, "jpy"])
        expect(await eventually(() => enrollmentsOf(jpyStudent.customer.id, freeCourse.id))).toHaveLength(1)
      })

      it("a course with no free tier, a bad region and bad bodies are 400s naming the problem", async () => {
        const student = await createCustomer(api, f.a.key)
        const paidCourse = await publishedCourse(f.a, paid, "paid-course")
        const notFree = await enroll(f.a, paidCourse.id, student.headers, { region_id: usd.id })
        expect([notFree.status, notFree.data.message]).toEqual([400, "This course has no free tier in your region"])
        const region = await enroll(f.a, freeCourse.id, student.headers, { region_id: "reg_nope" })
        expect([region.status, region.data.message]).toEqual([400, 'region_id "reg_nope" is not a region of this store'])
        expect((await enroll(f.a, freeCourse.id, student.headers, {})).status).toBe(400)
        expect((await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email: "not-an-email" })).data.message).toMatch(/email must be a valid email address/)
        expect((await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email: "a@b.co", admin: true })).status).toBe(400)
        expect((await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id })).data.message).toBe("email is required to enroll")
        expect(await liveEntitlements(getContainer(), student.customer.id)).toEqual([])
      })

      it("lead magnet: a new email becomes a guest customer, joins the org and is enrolled; a known guest is reused; an account must log in", async () => {
        const email = uniqueEmail("lead")
        const first = await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email: email.toUpperCase() })
        expect([first.status, first.data.enrollment.status, first.data.enrollment.order.total]).toEqual([201, "enrolled", 0])
        const guestId = first.data.enrollment.customer_id
        const { data: guests } = await query().graph({ entity: "customer", fields: ["id", "email", "has_account"], filters: { email } })
        expect(guests.map((c: any) => [c.id, c.has_account])).toEqual([[guestId, false]])
        expect(await eventually(() => membersOf(f.a.org.id, guestId))).toHaveLength(1)
        expect(await eventually(() => enrollmentsOf(guestId, magnetCourse.id))).toHaveLength(1)
        // The same email again: the same guest, already enrolled, no new customer or order.
        const again = await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email })
        expect([again.status, again.data.enrollment.status, again.data.enrollment.customer_id]).toEqual([200, "already_enrolled", guestId])

        // A guest known from an earlier guest purchase is reused for a lead magnet.
        const buyerEmail = uniqueEmail("guest.buyer")
        const { data: guestCart } = await api.post("/store/carts", { region_id: usd.id, email: buyerEmail, items: [{ variant_id: paid.variants[0].id, quantity: 1 }] }, h(f.a.key.headers))
        const guestOrder = await (async () => {
          const { data: pc } = await api.post("/store/payment-collections", { cart_id: guestCart.cart.id }, h(f.a.key.headers))
          await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h(f.a.key.headers))
          return (await api.post(`/store/carts/${guestCart.cart.id}/complete`, {}, h(f.a.key.headers))).data.order
        })()
        const reused = await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email: buyerEmail })
        const { data: guestOrders } = await query().graph({ entity: "order", fields: ["customer_id"], filters: { id: guestOrder.id } })
        expect([reused.status, reused.data.enrollment.customer_id]).toEqual([201, guestOrders[0].customer_id])
        const { data: sameEmail } = await query().graph({ entity: "customer", fields: ["id"], filters: { email: buyerEmail } })
        expect(sameEmail).toHaveLength(1)

        // An account holder's email: log in first; nothing created.
        const holder = f.b.customer.customer.email
        const refused = await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email: holder })
        expect([refused.status, refused.data.message]).toEqual([409, "An account exists for this email: log in to enroll"])
        expect(await liveEntitlements(getContainer(), f.b.customer.customer.id)).toEqual(
          expect.not.arrayContaining([expect.objectContaining({ product_id: magnetProduct.id })])
        )
        // A plain free course does not take an email alone.
        expect((await enroll(f.a, freeCourse.id, {}, { region_id: usd.id, email: uniqueEmail("lead2") })).status).toBe(401)
      })

      it("lead magnets are rate-limited per client address (429 with Retry-After)", async () => {
        const ip = "203.0.113.77"
        const statuses: number[] = []
        let retryAfter: string | undefined
        for (let i = 0; i < 7; i++) {
          const answer = await api
            .post(`/store/courses/${magnetCourse.id}/free-enrollment`, { region_id: usd.id, email: uniqueEmail("burst") }, { headers: { ...f.a.key.headers, "x-forwarded-for": ip } })
            .catch((e: any) => e.response)
          statuses.push(answer.status)
          if (answer.status === 429) retryAfter = answer.headers["retry-after"]
        }
        expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429])
        expect(Number(retryAfter)).toBeGreaterThan(0)
        // Another address is not affected.
        expect((await enroll(f.a, magnetCourse.id, {}, { region_id: usd.id, email: uniqueEmail("other") })).status).toBe(201)
      })
    })
  },
})
