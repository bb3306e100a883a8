import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import path from "node:path"
import { capturePaymentWorkflow, completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { createCustomer, type CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { createTestOrg, type TestOrg } from "../../helpers/orgs"

import { runPlacedOrderSweep, setAccessPlanWorkflow, sweepPlacedOrdersWorkflow } from "@volmify/access/workflows"
import * as affiliatesWf from "@volmify/affiliates/workflows"

jest.setTimeout(300_000)

// The attribution plugin's 2-minute revenue net, as its built job file (jobs are not a public export).
const recentRevenueNet: { default: (c: unknown) => Promise<void>; config: unknown } = require(
  path.join(__dirname, "../../../plugins/attribution/.medusa/server/src/jobs/post-recent-missed-revenue.js")
)

// The sweep under order.placed (issue 25): orders whose order.placed never reached a
// subscriber are written here exactly as a checkout writes them (Medusa's completeCartWorkflow)
// with the order's events held back and then dropped, which is what a server losing its
// database or Redis between the order and the emit leaves behind.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let a: TestOrg
    let b: TestOrg
    let usd: TestRegion
    let jpy: TestRegion
    let course: TestProduct // org A: $100 / ¥14,800, tier 1
    let monthly: TestProduct // org A: $20 a month
    let otherCourse: TestProduct // org B: $49
    const REFERRAL = "SWEEP10"

    const container = () => getContainer()
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000)
    const entitlementsOf = (orderId: string) => accessService(getContainer()).listEntitlements({ order_id: orderId })
    const subscriptionsOf = (orderId: string) => accessService(getContainer()).listSubscriptions({ origin_order_id: orderId })
    const postingsOf = (orderId: string) => getContainer().resolve<any>("ledger").listLedgerTransactions({ reference_type: "order", reference_id: orderId })
    const commissionsOf = (orderId: string) => getContainer().resolve<any>("affiliates").listAffiliateCommissions({ order_id: orderId })
    const withAutoCapture = (on: boolean) => {
      const config = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE) as any
      config.plugins.find((p: any) => p.resolve === "@volmify/access").options.autoCaptureDigitalOrders = on
    }

    async function paymentOf(orderId: string) {
      const { data } = await query().graph({
        entity: "order",
        fields: ["payment_collections.status", "payment_collections.payments.captures.id"],
        filters: { id: orderId },
      })
      const pc = data[0].payment_collections[0]
      return { status: pc.status, captures: pc.payments.flatMap((p: any) => p.captures).length }
    }

    /** Everything the order's order.placed work leaves, counted. */
    async function effects(orderId: string) {
      const [ents, subs, posts, coms, pay] = await Promise.all([entitlementsOf(orderId), subscriptionsOf(orderId), postingsOf(orderId), commissionsOf(orderId), paymentOf(orderId)])
      return { entitlements: ents.length, subscriptions: subs.length, postings: posts.length, commissions: coms.length, payment: pay.status, captures: pay.captures }
    }

    /** A storefront checkout up to the payment session (optionally referred). */
    async function startCheckout(who: CustomerActor, key: any, region: TestRegion, variantId: string, referral?: string) {
      const h = { headers: who.headers }
      const { data: c } = await api.post("/store/carts", { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, h)
      if (referral) await api.post(`/store/carts/${c.cart.id}/referral`, { code: referral }, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      return c.cart.id as string
    }

    /** The checkout's completion as the store route runs it, with its events (order.placed) lost. */
    async function completeWithEventsLost(cartId: string): Promise<string> {
      const eventGroupId = `lost-${cartId}`
      const { result } = await completeCartWorkflow(container()).run({ input: { id: cartId }, context: { eventGroupId, preventReleaseEvents: true } })
      await container().resolve<any>(Modules.EVENT_BUS).clearGroupedEvents(eventGroupId)
      return result.id
    }

    async function completeNormally(who: CustomerActor, cartId: string): Promise<string> {
      const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: who.headers })
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data)}`)
      return data.order.id
    }

    beforeAll(async () => {
      const c = getContainer()
      a = await createTestOrg(c, api, { handle: `sweep-a-${Date.now().toString(36)}`, name: "Sweep Academy" })
      b = await createTestOrg(c, api, { handle: `sweep-b-${Date.now().toString(36)}`, name: "Other Academy" })
      usd = await createRegion(c, "usd")
      jpy = await createRegion(c, "jpy")
      course = await createTieredProduct(c, a.org, { handle: "sweep-course", tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }] })
      monthly = await createTieredProduct(c, a.org, { handle: "sweep-monthly", tiers: [{ title: "Monthly", tier: null, prices: { usd: 20, jpy: 1500 } }] })
      await setAccessPlanWorkflow(c).run({ input: { variant_id: monthly.variants[0].id, tier: 1, billing: "subscription", interval: "month" } })
      otherCourse = await createTieredProduct(c, b.org, { handle: "sweep-other", tiers: [{ title: "Basic", tier: 1, prices: { usd: 49, jpy: 7800 } }] })
      await affiliatesWf.upsertAffiliateProgramWorkflow(c).run({ input: { org_id: a.org.id, enabled: true, commission_type: "percent", commission_bps: 1000 } })
      const partner = await createCustomer(api, a.key)
      await api.post("/store/affiliates", { code: REFERRAL }, { headers: partner.headers })
      withAutoCapture(true)
    })

    it("orders whose order.placed was lost get grant, capture, posting, subscription and commission from one sweep (USD and JPY); a second sweep changes nothing; org B's orders keep theirs", async () => {
      const buyerA = await createCustomer(api, a.key)
      const buyerJ = await createCustomer(api, a.key)
      const subscriber = await createCustomer(api, a.key)
      const buyerB = await createCustomer(api, b.key)
      const lostUsd = await completeWithEventsLost(await startCheckout(buyerA, a.key, usd, course.variants[0].id, REFERRAL))
      const lostJpy = await completeWithEventsLost(await startCheckout(buyerJ, a.key, jpy, course.variants[0].id, REFERRAL))
      const lostSub = await completeWithEventsLost(await startCheckout(subscriber, a.key, usd, monthly.variants[0].id))
      const lostB = await completeWithEventsLost(await startCheckout(buyerB, b.key, usd, otherCourse.variants[0].id))
      // Org B's normal order: its subscribers did their work; the sweep must leave it as it is.
      const fineB = await completeNormally(buyerB, await startCheckout(buyerB, b.key, usd, otherCourse.variants[0].id))
      await eventually(() => postingsOf(fineB), { timeoutMs: 30_000 })
      const fineBefore = await effects(fineB)
      expect(fineBefore).toEqual({ entitlements: 1, subscriptions: 0, postings: 1, commissions: 0, payment: "completed", captures: 1 })

      // The lost orders: paid (authorized), nothing else. They stay so: no subscriber will come.
      await new Promise((r) => setTimeout(r, 1500))
      const nothing = { entitlements: 0, subscriptions: 0, postings: 0, commissions: 0, payment: "authorized", captures: 0 }
      for (const id of [lostUsd, lostJpy, lostSub, lostB]) expect(await effects(id)).toEqual(nothing)

      // Younger than a minute: left to their subscribers (a sweep now repairs none of them).
      const young = await sweepPlacedOrdersWorkflow(container()).run({ input: { auto_capture: true } })
      expect(young.result.swept.map((s: any) => s.order_id)).toEqual([])
      for (const id of [lostUsd, lostJpy, lostSub, lostB]) expect(await effects(id)).toEqual(nothing)

      // Two minutes on, in pages of 2 (newest first by display_id): every lost order repaired once.
      const first = await runPlacedOrderSweep(container(), { now: later(2), limit: 2 })
      expect(first).toMatchObject({ swept: 4, failed: 0 })
      expect(first.pages).toBeGreaterThanOrEqual(3)

      const settled = async (id: string, want: Record<string, unknown>) =>
        eventually(async () => {
          const e = await effects(id)
          return Object.entries(want).every(([k, v]) => (e as any)[k] === v) ? e : null
        }, { timeoutMs: 30_000 })
      const captured = { entitlements: 1, subscriptions: 0, postings: 1, payment: "completed", captures: 1 }
      expect(await settled(lostUsd, { ...captured, commissions: 1 })).toEqual({ ...captured, commissions: 1 })
      expect(await settled(lostJpy, { ...captured, commissions: 1 })).toEqual({ ...captured, commissions: 1 })
      expect(await settled(lostSub, { entitlements: 1, subscriptions: 1, postings: 1 })).toEqual({ entitlements: 1, subscriptions: 1, postings: 1, commissions: 0, payment: "completed", captures: 1 })
      expect(await settled(lostB, { ...captured, commissions: 0 })).toEqual({ ...captured, commissions: 0 })

      // Each to its own customer and product; JPY posted in whole yen, commission 10 % of ¥14,800.
      expect(await entitlementsOf(lostB)).toEqual([expect.objectContaining({ customer_id: buyerB.customer.id, product_id: otherCourse.id, status: "active" })])
      expect(await entitlementsOf(lostUsd)).toEqual([expect.objectContaining({ customer_id: buyerA.customer.id, product_id: course.id, status: "active" })])
      const yen = await getContainer().resolve<any>("ledger").findByReference("order", lostJpy)
      expect(yen.currency_code).toBe("jpy")
      expect(yen.entries.every((e: any) => MathBN.convert(e.amount).isInteger())).toBe(true)
      const [commission] = await commissionsOf(lostJpy)
      expect([commission.currency_code, MathBN.convert(commission.amount).toNumber()]).toEqual(["jpy", 1480])

      // Again (as a second worker's sweep or the next slot would): nothing found, nothing added.
      const second = await runPlacedOrderSweep(container(), { now: later(4), limit: 2 })
      expect(second).toMatchObject({ swept: 0, failed: 0 })
      await new Promise((r) => setTimeout(r, 1500))
      expect(await effects(lostUsd)).toEqual({ ...captured, commissions: 1 })
      expect(await effects(lostJpy)).toEqual({ ...captured, commissions: 1 })
      expect(await effects(lostB)).toEqual({ ...captured, commissions: 0 })
      expect(await effects(fineB)).toEqual(fineBefore)
    })

    it("a granted order whose capture died is captured and posted once; with auto capture off it is left uncaptured; orders outside the window are not read", async () => {
      withAutoCapture(false)
      try {
        const buyer = await createCustomer(api, a.key)
        const orderId = await completeNormally(buyer, await startCheckout(buyer, a.key, usd, course.variants[0].id, REFERRAL))
        await eventually(() => commissionsOf(orderId))
        await eventually(() => entitlementsOf(orderId))
        expect(await effects(orderId)).toEqual({ entitlements: 1, subscriptions: 0, postings: 0, commissions: 1, payment: "authorized", captures: 0 })

        // Auto capture off: staff capture by hand; the sweep leaves the payment alone.
        const off = await runPlacedOrderSweep(container(), { now: later(2) })
        expect(off).toMatchObject({ swept: 0, failed: 0 })
        expect((await paymentOf(orderId)).status).toBe("authorized")

        // Auto capture on: the capture its subscriber would have made; one only.
        withAutoCapture(true)
        // A window that ended before the order was placed does not reach it.
        const past = await runPlacedOrderSweep(container(), { now: later(-60 * 24 * 3) })
        expect(past).toMatchObject({ examined: 0, swept: 0 })
        const page = await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(2), auto_capture: true } })
        expect(page.result.swept).toEqual([{ order_id: orderId, repaired: ["capture"] }])
        const done = await eventually(async () => ((await postingsOf(orderId)).length ? effects(orderId) : null), { timeoutMs: 30_000 })
        expect(done).toEqual({ entitlements: 1, subscriptions: 0, postings: 1, commissions: 1, payment: "completed", captures: 1 })
        expect((await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(3), auto_capture: true } })).result.swept).toEqual([])
      } finally {
        withAutoCapture(true)
      }
    })

    // Regression (faults suite, 2026-12-03: one order per fault case kept its entitlement, got no
    // posting, and was "repaired" every 2 minutes): Medusa's capturePayment commits the capture
    // row in its own transaction, then calls the provider, then sets captured_at. A worker killed
    // (or PostgreSQL lost) in between leaves a capture covering the whole amount with the payment
    // still uncaptured: every later capture was refused ("cannot capture more than the authorized
    // amount") and the refusal revoked the buyer's access. The row is written here as
    // capturePayment_ writes it.
    it("an auto capture interrupted after its capture row was written is finished by the sweep once: access kept, payment captured, revenue posted; a young one is left to its owner", async () => {
      withAutoCapture(false)
      const buyer = await createCustomer(api, a.key)
      const orderId = await completeNormally(buyer, await startCheckout(buyer, a.key, usd, course.variants[0].id))
      await eventually(() => entitlementsOf(orderId))
      withAutoCapture(true)
      const { data } = await query().graph({ entity: "order", fields: ["payment_collections.payments.id", "payment_collections.payments.amount"], filters: { id: orderId } })
      const payment = data[0].payment_collections[0].payments[0]
      const payments = getContainer().resolve<any>(Modules.PAYMENT)
      const [orphan] = await payments.createCaptures([{ payment: payment.id, amount: payment.amount, created_by: "volmify-auto-capture" }])
      expect(await effects(orderId)).toEqual({ entitlements: 1, subscriptions: 0, postings: 0, commissions: 0, payment: "authorized", captures: 1 })

      // Seconds old: its capture may still be talking to the provider; the sweep leaves it and says why.
      const early = await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(2), auto_capture: true } })
      expect(early.result.swept).toEqual([])
      expect(early.result.failed).toEqual([expect.objectContaining({ order_id: orderId, need: "capture", message: expect.stringMatching(/capture in progress/) })])
      expect(await effects(orderId)).toEqual({ entitlements: 1, subscriptions: 0, postings: 0, commissions: 0, payment: "authorized", captures: 1 })
      expect((await entitlementsOf(orderId))[0].status).toBe("active")

      // Older than the capture lock's life: its worker is dead; the sweep finishes the capture.
      const knex = getContainer().resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
      await knex("capture").where({ id: orphan.id }).update({ created_at: new Date(Date.now() - 10 * 60_000) })
      const page = await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(2), auto_capture: true } })
      expect(page.result).toMatchObject({ swept: [{ order_id: orderId, repaired: ["capture"] }], failed: [] })
      const done = await eventually(async () => ((await postingsOf(orderId)).length ? effects(orderId) : null), { timeoutMs: 30_000 })
      expect(done).toEqual({ entitlements: 1, subscriptions: 0, postings: 1, commissions: 0, payment: "completed", captures: 1 })
      expect(await entitlementsOf(orderId)).toEqual([expect.objectContaining({ customer_id: buyer.customer.id, status: "active" })])

      // Repaired means repaired: the next slot finds nothing, and nothing is posted twice.
      const again = await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(4), auto_capture: true } })
      expect(again.result).toMatchObject({ swept: [], failed: [] })
      await new Promise((r) => setTimeout(r, 1500))
      expect(await effects(orderId)).toEqual(done)
    })
    // The second and third windows of a capture (issue 25): Medusa's capturePaymentWorkflow
    // sets captured_at in the payment module, then records the order transaction, then emits
    // payment.captured. A process killed after captured_at (collection still "authorized", no
    // transaction) or after the transaction (event never sent) left an order with no revenue
    // posting until the hourly net, or for good: that net reads completed collections only.
    it("a capture that died after captured_at is finished by the sweep (with or without auto capture); one that died before payment.captured is posted by the 2-minute revenue net (JPY)", async () => {
      withAutoCapture(false)
      try {
        const knex = getContainer().resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
        const payments = getContainer().resolve<any>(Modules.PAYMENT)
        const transactionsOf = async (orderId: string) =>
          (await getContainer().resolve<any>(Modules.ORDER).listOrderTransactions({ order_id: orderId })).filter((t: any) => t.reference === "capture")
        const paymentRow = async (orderId: string) => {
          const { data } = await query().graph({ entity: "order", fields: ["payment_collections.payments.id", "payment_collections.payments.amount"], filters: { id: orderId } })
          return data[0].payment_collections[0].payments[0]
        }

        // Window 2, as the payment module leaves it: the capture row and captured_at committed,
        // the collection not settled, no order transaction.
        const buyer = await createCustomer(api, a.key)
        const orderId = await completeNormally(buyer, await startCheckout(buyer, a.key, usd, course.variants[0].id, REFERRAL))
        await eventually(() => entitlementsOf(orderId))
        await eventually(() => commissionsOf(orderId))
        const payment = await paymentRow(orderId)
        await payments.createCaptures([{ payment: payment.id, amount: payment.amount, created_by: "volmify-auto-capture" }])
        await knex("payment").where({ id: payment.id }).update({ captured_at: new Date() })
        expect(await effects(orderId)).toEqual({ entitlements: 1, subscriptions: 0, postings: 0, commissions: 1, payment: "authorized", captures: 1 })
        expect(await transactionsOf(orderId)).toEqual([])

        // Young: left to its owner. Then the sweep finishes it with auto capture off too (staff's captures die the same way).
        expect((await sweepPlacedOrdersWorkflow(container()).run({ input: { auto_capture: false } })).result.swept.map((s: any) => s.order_id)).not.toContain(orderId)
        const page = await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(2), auto_capture: false } })
        expect(page.result).toMatchObject({ swept: [{ order_id: orderId, repaired: ["finish_capture"] }], failed: [] })
        const done = await eventually(async () => ((await postingsOf(orderId)).length ? effects(orderId) : null), { timeoutMs: 30_000 })
        // Nothing captured twice: still one capture, now with its transaction; the collection settled.
        expect(done).toEqual({ entitlements: 1, subscriptions: 0, postings: 1, commissions: 1, payment: "completed", captures: 1 })
        expect(await transactionsOf(orderId)).toEqual([expect.objectContaining({ reference: "capture" })])
        const again = await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(4), auto_capture: true } })
        expect(again.result.swept.map((s: any) => s.order_id)).not.toContain(orderId)
        await new Promise((r) => setTimeout(r, 1500))
        expect(await effects(orderId)).toEqual(done)

        // Window 3 (JPY): the capture workflow ran whole but its payment.captured was lost.
        const buyerJ = await createCustomer(api, a.key)
        const orderJ = await completeNormally(buyerJ, await startCheckout(buyerJ, a.key, jpy, course.variants[0].id))
        await eventually(() => entitlementsOf(orderJ))
        const eventGroupId = `lost-capture-${orderJ}`
        await capturePaymentWorkflow(container()).run({ input: { payment_id: (await paymentRow(orderJ)).id }, context: { eventGroupId, preventReleaseEvents: true } })
        await container().resolve<any>(Modules.EVENT_BUS).clearGroupedEvents(eventGroupId)
        await new Promise((r) => setTimeout(r, 1500))
        const lost = { entitlements: 1, subscriptions: 0, postings: 0, commissions: 0, payment: "completed", captures: 1 }
        expect(await effects(orderJ)).toEqual(lost)
        // Nothing for the sweep (the capture is whole): the revenue net's, every 2 minutes.
        expect((await sweepPlacedOrdersWorkflow(container()).run({ input: { now: later(2), auto_capture: true } })).result.swept.map((s: any) => s.order_id)).not.toContain(orderJ)
        expect(recentRevenueNet.config).toEqual({ name: "post-recent-missed-revenue", schedule: "*/2 * * * *" })
        await recentRevenueNet.default(container())
        const posted = await postingsOf(orderJ)
        expect(posted).toHaveLength(1)
        const yen = await getContainer().resolve<any>("ledger").findByReference("order", orderJ)
        expect(yen.currency_code).toBe("jpy")
        expect(yen.entries.every((e: any) => MathBN.convert(e.amount).isInteger())).toBe(true)
        await recentRevenueNet.default(container())
        expect(await postingsOf(orderJ)).toHaveLength(1)
      } finally {
        withAutoCapture(true)
      }
    })
  },
})
