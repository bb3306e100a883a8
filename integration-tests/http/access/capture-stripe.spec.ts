import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createPricePreferencesWorkflow, createTaxRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { createCustomer, createPlatformAdmin, type AdminActor, type CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useFakeStripe } from "../../helpers/fake-stripe"
import { send } from "../../helpers/http"
import { createStaff, createTestOrg, type TestOrg } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

import { CAPTURE_SKIPPED, captureDigitalOrderWorkflow } from "@volmify/access/workflows"
import * as attribution from "@volmify/attribution/workflows"
import * as affiliatesWf from "@volmify/affiliates/workflows"

jest.setTimeout(300_000)

const WEBHOOK_SECRET = "whsec_volmify_test_secret"
const STRIPE = "pp_stripe_stripe"
const fake = useFakeStripe(WEBHOOK_SECRET)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let org: TestOrg
    let platform: AdminActor
    let usd: TestRegion // system provider, tax-inclusive 8 %
    let jpy: TestRegion // system provider
    let stripeUsd: TestRegion
    let stripeJpy: TestRegion
    let course: TestProduct // $100 / ¥14,800, tier 1, creator rule 70 %
    let workbook: TestProduct // no access plan: the "physical" line
    let creatorEmployee: string

    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const entitlementsOf = (orderId: string) => accessService(getContainer()).listEntitlements({ order_id: orderId })
    const postingsOf = (orderId: string) => ledger().listLedgerTransactions({ reference_type: "order", reference_id: orderId })

    async function paymentOf(orderId: string) {
      const { data } = await query().graph({
        entity: "order",
        fields: ["payment_collections.status", "payment_collections.payments.*", "payment_collections.payments.captures.*"],
        filters: { id: orderId },
      })
      return { status: data[0].payment_collections[0].status, payment: data[0].payment_collections[0].payments[0] }
    }

    /** The posting's entries as { "<code>[:owner]": signed amount } (numbers only for readable expectations). */
    async function split(tx: any) {
      const accounts = await ledger().listLedgerAccounts({ id: tx.entries.map((e: any) => e.account_id) })
      const byId = new Map(accounts.map((a: any) => [a.id, a]))
      const sums: Record<string, any> = {}
      for (const e of tx.entries) {
        const a: any = byId.get(e.account_id)
        const key = a.owner_id ? `${a.code}:${a.owner_id}` : a.code
        sums[key] = MathBN.add(sums[key] ?? 0, e.direction === "debit" ? MathBN.convert(e.amount) : MathBN.mult(e.amount, -1))
      }
      return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, MathBN.convert(v).toNumber()]))
    }

    /** A storefront checkout up to the payment session; the cart is not completed. */
    async function startCheckout(who: CustomerActor, region: TestRegion, variantIds: string[], provider: string, referral?: string) {
      const h = { headers: who.headers }
      const { data: c } = await api.post(
        "/store/carts",
        {
          region_id: region.id,
          email: who.customer.email,
          shipping_address: { country_code: region.currency_code === "jpy" ? "jp" : "us" },
          items: variantIds.map((variant_id) => ({ variant_id, quantity: 1 })),
        },
        h
      )
      if (referral) await api.post(`/store/carts/${c.cart.id}/referral`, { code: referral }, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      const { data: ps } = await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: provider }, h)
      const session = ps.payment_collection.payment_sessions.find((s: any) => s.provider_id === provider)
      return { cartId: c.cart.id as string, intentId: session.data?.id as string | undefined, total: c.cart.total }
    }

    async function complete(who: CustomerActor, cartId: string) {
      const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: who.headers })
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data)}`)
      return data.order.id as string
    }

    async function ordersOfCart(cartId: string): Promise<string[]> {
      const { data } = await query().graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
      return data.map((r: any) => r.order_id)
    }

    const deliver = (payload: string, signature: string) =>
      send(api, "post", `/hooks/payment/stripe_stripe`, { "content-type": "application/json", "stripe-signature": signature }, payload)

    /** The customer's payment only reaches Medusa by webhook: no `/complete` from the browser. */
    async function payByWebhookOnly(intentId: string, copies = 1) {
      fake.confirm(intentId)
      const { payload, signature } = fake.signedEvent("payment_intent.amount_capturable_updated", intentId)
      return Promise.all(Array.from({ length: copies }, () => deliver(payload, signature)))
    }

    const withAutoCapture = (on: boolean) => {
      const config = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE) as any
      config.plugins.find((p: any) => p.resolve === "@volmify/access").options.autoCaptureDigitalOrders = on
    }

    beforeAll(async () => {
      const container = getContainer()
      platform = await createPlatformAdmin(container, api)
      org = await createTestOrg(container, api, { handle: `capture-${Date.now().toString(36)}`, name: "Capture Academy" })
      const creator = await createStaff(container, api, org.org.id, "creator", "capture.creator")
      const [employee] = await container.resolve<any>("org").listOrgEmployees({ org_id: org.org.id, user_id: creator.user.id })
      creatorEmployee = employee.id
      await createTaxRegionsWorkflow(container).run({
        input: [{ country_code: "us", provider_id: "tp_system", default_tax_rate: { rate: 8, code: "us-8", name: "US 8 %" } }],
      })
      await createPricePreferencesWorkflow(container).run({
        input: [{ attribute: "currency_code", value: "usd", is_tax_inclusive: true }],
      })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      stripeUsd = await createRegion(container, "usd", ["ca"], [STRIPE])
      stripeJpy = await createRegion(container, "jpy", ["kr"], [STRIPE])
      course = await createTieredProduct(container, org.org, {
        handle: "capture-course",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }],
      })
      workbook = await createTieredProduct(container, org.org, {
        handle: "capture-workbook",
        tiers: [{ title: "Book", tier: null, prices: { usd: 19.99, jpy: 2800 } }],
      })
      await attribution.createAttributionRuleWorkflow(container).run({
        input: {
          product_id: course.id,
          employee_id: creatorEmployee,
          role: "creator",
          type: "percent",
          percent_bps: 7000,
          effective_from: new Date(Date.now() - 86400_000),
        },
      })
      await affiliatesWf.upsertAffiliateProgramWorkflow(container).run({
        input: { org_id: org.org.id, enabled: true, commission_type: "percent", commission_bps: 1000 },
      })
    })

    describe("system provider: all-digital orders capture themselves", () => {
      it("captures the $100 tax-inclusive sale without an admin call and posts the worked example exactly", async () => {
        const buyer = await createCustomer(api, org.key)
        const { cartId } = await startCheckout(buyer, usd, [course.variants[0].id], "pp_system_default")
        const orderId = await complete(buyer, cartId)
        const posted = await eventually(() => postingsOf(orderId))
        expect(posted).toHaveLength(1)
        const { status, payment } = await paymentOf(orderId)
        expect([status, !!payment.captured_at, payment.captures.length, payment.captures[0].created_by]).toEqual([
          "completed",
          true,
          1,
          "volmify-auto-capture",
        ])
        // $100 incl. $7.41 tax; 5 % + 3 % on the gross; net 84.59; creator 70 % = 59.21; org 25.38.
        const tx = await ledger().findByReference("order", orderId)
        const course$ = tx.entries.filter((e: any) => e.product_id === course.id)
        expect(course$.map((e: any) => [e.direction, String(e.amount)]).sort()).toEqual([
          ["credit", "25.38"],
          ["credit", "3"],
          ["credit", "5"],
          ["credit", "59.21"],
          ["credit", "7.41"],
          ["debit", "100"],
        ])
        expect(await split(tx)).toMatchObject({ cash: 100, platform_fees: -5, processing_fees: -3, [`payable:${creatorEmployee}`]: -59.21 })
        expect(await entitlementsOf(orderId)).toEqual([expect.objectContaining({ status: "active", tier: 1 })])

        // A replayed order.placed captures nothing more.
        const { result } = await captureDigitalOrderWorkflow(getContainer()).run({ input: { order_id: orderId } })
        expect(result).toEqual({ captured: [], failed: [], skipped: CAPTURE_SKIPPED.NOTHING_LEFT })
        expect((await paymentOf(orderId)).payment.captures).toHaveLength(1)
        expect(await postingsOf(orderId)).toHaveLength(1)
      })

      it("JPY: captures at once and posts whole yen", async () => {
        const buyer = await createCustomer(api, org.key)
        const { cartId } = await startCheckout(buyer, jpy, [course.variants[0].id], "pp_system_default")
        const orderId = await complete(buyer, cartId)
        const [tx] = await eventually(() => postingsOf(orderId))
        expect((await paymentOf(orderId)).status).toBe("completed")
        const full = await ledger().findByReference("order", orderId)
        expect(full.entries.every((e: any) => MathBN.convert(e.amount).isInteger())).toBe(true)
        // ¥14,800 (no JP tax here): fees 740 + 444, net 13,616; 70 % = 9,531.2 -> 9,531; org 4,085.
        expect(await split(full)).toMatchObject({ cash: 14800, platform_fees: -740, processing_fees: -444, [`payable:${creatorEmployee}`]: -9531, revenue: -4085 })
        expect(tx.currency_code).toBe("jpy")
      })

      it("leaves an order with a line that is not digital access on manual capture", async () => {
        const buyer = await createCustomer(api, org.key)
        const { cartId } = await startCheckout(buyer, usd, [course.variants[0].id, workbook.variants[0].id], "pp_system_default")
        const orderId = await complete(buyer, cartId)
        // The grant (same event) has run; the capture decision is read-only and says why.
        await eventually(() => entitlementsOf(orderId))
        const { result } = await captureDigitalOrderWorkflow(getContainer()).run({ input: { order_id: orderId } })
        expect(result).toEqual({ captured: [], failed: [], skipped: CAPTURE_SKIPPED.NOT_DIGITAL })
        const { status, payment } = await paymentOf(orderId)
        expect([status, payment.captured_at, payment.captures]).toEqual(["authorized", null, []])
        expect(await postingsOf(orderId)).toEqual([])
      })
    })

    describe("Stripe against the local fake", () => {
      it("a payment delivered only by webhook, 50 times at once, becomes one order, one entitlement, one posting, one commission", async () => {
        const affiliate = await createCustomer(api, org.key)
        await api.post("/store/affiliates", { code: "WEBHOOK50" }, { headers: affiliate.headers })
        const buyer = await createCustomer(api, org.key)
        const { cartId, intentId } = await startCheckout(buyer, stripeUsd, [course.variants[0].id], STRIPE, "WEBHOOK50")
        expect(fake.intents.get(intentId!)).toMatchObject({ amount: 10000, currency: "usd", capture_method: "manual" })

        const answers = await payByWebhookOnly(intentId!, 50)
        expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200))
        const [orderId] = await eventually(() => ordersOfCart(cartId), { timeoutMs: 60_000 })
        await eventually(() => postingsOf(orderId), { timeoutMs: 60_000 })
        await eventually(() => getContainer().resolve<any>("affiliates").listAffiliateCommissions({ order_id: orderId }))

        expect(await ordersOfCart(cartId)).toHaveLength(1)
        expect(await entitlementsOf(orderId)).toEqual([expect.objectContaining({ status: "active", customer_id: buyer.customer.id })])
        expect(await postingsOf(orderId)).toHaveLength(1)
        expect(await getContainer().resolve<any>("affiliates").listAffiliateCommissions({ order_id: orderId })).toHaveLength(1)
        const { payment } = await paymentOf(orderId)
        expect(payment.captures).toHaveLength(1)
        expect(fake.intents.get(intentId!)).toMatchObject({ status: "succeeded", amount_received: 10000 })
        expect(fake.requests.filter((r) => r.path === `/v1/payment_intents/${intentId}/capture`)).toHaveLength(1)

        // Stripe then reports the capture (payment_intent.succeeded), also 50 times: nothing more
        // happens. A sentinel purchase delivered afterwards shows the replays were processed.
        const succeeded = fake.signedEvent("payment_intent.succeeded", intentId!)
        await Promise.all(Array.from({ length: 50 }, () => deliver(succeeded.payload, succeeded.signature)))
        const sentinel = await startCheckout(buyer, stripeUsd, [course.variants[0].id], STRIPE)
        await payByWebhookOnly(sentinel.intentId!)
        await eventually(() => ordersOfCart(sentinel.cartId), { timeoutMs: 60_000 })
        expect((await paymentOf(orderId)).payment.captures).toHaveLength(1)
        expect(await postingsOf(orderId)).toHaveLength(1)
        expect(await entitlementsOf(orderId)).toHaveLength(1)
        expect(await getContainer().resolve<any>("affiliates").listAffiliateCommissions({ order_id: orderId })).toHaveLength(1)
      })

      it("a bad signature is a 400 and changes nothing", async () => {
        const buyer = await createCustomer(api, org.key)
        const forged = await startCheckout(buyer, stripeUsd, [course.variants[0].id], STRIPE)
        fake.confirm(forged.intentId!)
        const wrongSecret = fake.signedEvent("payment_intent.amount_capturable_updated", forged.intentId!, "whsec_not_the_secret")
        const tampered = fake.signedEvent("payment_intent.amount_capturable_updated", forged.intentId!)
        const answers = [
          await deliver(wrongSecret.payload, wrongSecret.signature),
          await deliver(tampered.payload.replace('"livemode":false', '"livemode":true'), tampered.signature),
          await deliver(tampered.payload, ""),
        ]
        expect(answers.map((a) => [a.status, a.data.message])).toEqual(
          Array(3).fill([400, expect.stringMatching(/^Stripe webhook signature: /)])
        )
        // A genuine event sent after them is processed; by then the forged ones would have been too.
        const other = await createCustomer(api, org.key)
        const genuine = await startCheckout(other, stripeUsd, [course.variants[0].id], STRIPE)
        await payByWebhookOnly(genuine.intentId!)
        await eventually(() => ordersOfCart(genuine.cartId), { timeoutMs: 60_000 })
        expect(await ordersOfCart(forged.cartId)).toEqual([])
        expect(fake.intents.get(forged.intentId!)!.status).toBe("requires_capture")
      })

      it("JPY: whole yen at Stripe, captured after placement, posted in whole yen", async () => {
        const buyer = await createCustomer(api, org.key)
        const { cartId, intentId } = await startCheckout(buyer, stripeJpy, [course.variants[0].id], STRIPE)
        expect(fake.intents.get(intentId!)).toMatchObject({ amount: 14800, currency: "jpy" })
        await payByWebhookOnly(intentId!)
        const [orderId] = await eventually(() => ordersOfCart(cartId), { timeoutMs: 60_000 })
        await eventually(() => postingsOf(orderId), { timeoutMs: 60_000 })
        expect(fake.intents.get(intentId!)).toMatchObject({ status: "succeeded", amount_received: 14800 })
        const tx = await ledger().findByReference("order", orderId)
        expect(await split(tx)).toMatchObject({ cash: 14800, platform_fees: -740, processing_fees: -444, [`payable:${creatorEmployee}`]: -9531, revenue: -4085 })
      })

      it("a failed capture revokes the access it granted, with the provider's reason visible to staff", async () => {
        const buyer = await createCustomer(api, org.key)
        const { cartId, intentId } = await startCheckout(buyer, stripeUsd, [course.variants[0].id], STRIPE)
        fake.confirm(intentId!)
        fake.failCaptures("This PaymentIntent could not be captured because it has a status of canceled.")
        try {
          const orderId = await complete(buyer, cartId)
          const revoked = await eventually(async () =>
            (await entitlementsOf(orderId)).filter((e: any) => e.status === "revoked")
          , { timeoutMs: 30_000 })
          expect(revoked).toEqual([
            expect.objectContaining({
              revoke_reason: expect.stringMatching(/^payment capture failed: .*status of canceled/),
            }),
          ])
          const { data } = await api.get(`/admin/customers/${buyer.customer.id}/entitlements`, { headers: platform.headers })
          expect(data.entitlements).toEqual([
            expect.objectContaining({ order_id: orderId, status: "revoked", revoke_reason: revoked[0].revoke_reason }),
          ])
          const { status, payment } = await paymentOf(orderId)
          expect([status, payment.captured_at, payment.captures]).toEqual(["authorized", null, []])
          expect(await postingsOf(orderId)).toEqual([])
        } finally {
          fake.failCaptures(null)
        }
      })

      it("the capture workflow rolls back: a failure after the revoke restores the access; the lock is released", async () => {
        withAutoCapture(false)
        const buyer = await createCustomer(api, org.key)
        let orderId: string
        try {
          const { cartId, intentId } = await startCheckout(buyer, stripeUsd, [course.variants[0].id], STRIPE)
          fake.confirm(intentId!)
          orderId = await complete(buyer, cartId)
          await eventually(() => entitlementsOf(orderId))
        } finally {
          withAutoCapture(true)
        }
        expect((await paymentOf(orderId)).status).toBe("authorized") // auto-capture was off
        fake.failCaptures("Your card's authorization expired.")
        try {
          const failed = await runFailingAfter(captureDigitalOrderWorkflow(getContainer()), "revoke-entitlements-for-order", { order_id: orderId })
          expect(failed.errors.map((e) => e.error.message)).toEqual(["forced failure after revoke-entitlements-for-order"])
          expect(await entitlementsOf(orderId)).toEqual([expect.objectContaining({ status: "active", revoke_reason: null })])
          // Not blocked by a leftover lock: the next run takes the access back for good.
          const { result } = await captureDigitalOrderWorkflow(getContainer()).run({ input: { order_id: orderId } })
          expect(result.failed).toEqual([{ payment_id: expect.any(String), message: expect.stringMatching(/authorization expired/) }])
          expect(await entitlementsOf(orderId)).toEqual([
            expect.objectContaining({ status: "revoked", revoke_reason: expect.stringMatching(/^payment capture failed: .*authorization expired/) }),
          ])
        } finally {
          fake.failCaptures(null)
        }
      })
    })
  },
})
