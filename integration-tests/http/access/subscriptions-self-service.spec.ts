import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCustomer, uniqueEmail, type CustomerActor } from "../../helpers/actors"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useFakeStripe } from "../../helpers/fake-stripe"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"

const { SUBSCRIPTION_CLOCK, runDueSubscriptionRenewals, cancelSubscriptionWorkflow, setAccessPlanWorkflow } = require("@volmify/access/workflows")

jest.setTimeout(300_000)

const WEBHOOK_SECRET = "whsec_volmify_self_service"
const DECLINED = "pm_self_service_declined"
const fake = useFakeStripe(WEBHOOK_SECRET)

const at = (iso: string) => new Date(iso)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let course: TestProduct // org A, monthly tiers: Basic t1 $20/¥1,500, Pro t2 $50/¥4,000, Lite t1 $10/¥1,000, Weekly t2 $30 a week
    let other: TestProduct // org A, another course: $30 a month
    let theirs: TestProduct // org B: $20 a month
    let trial: TestProduct // org A: $15 a month after a 7-day trial (free checkout with TRIAL-SS)
    let clock = new Date()
    const v = (p: TestProduct, title: string) => p.variants.find((x) => x.title === title)!.id

    const access = () => accessService(getContainer())
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const runJob = () => runDueSubscriptionRenewals(getContainer(), clock)
    const reload = async (id: string) => (await access().listSubscriptions({ id }))[0] as any
    const subscriptionOf = async (orderId: string) => (await eventually(() => access().listSubscriptions({ origin_order_id: orderId })))[0] as any
    const grantsOf = (subId: string) =>
      access().listEntitlements({ source_type: "subscription", source_id: { $like: `${subId}:%` }, status: "active" } as any)
    const retire = (id: string) => cancelSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: id, reason: "case over", now: clock } })
    async function order(id: string) {
      const { data: [o] } = await query().graph({
        entity: "order",
        fields: ["id", "total", "currency_code", "customer_id", "metadata", "items.variant_id", "items.unit_price", "payment_collections.payments.provider_id"],
        filters: { id },
      })
      return o as any
    }
    async function ordersOfCustomer(customerId: string) {
      const { data } = await query().graph({ entity: "order", fields: ["id"], filters: { customer_id: customerId } })
      return data.length
    }

    async function checkout(who: CustomerActor, region: TestRegion, variantId: string, promo?: string): Promise<string> {
      const h = { headers: who.headers }
      const { data: c } = await api.post("/store/carts", { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, h)
      if (promo) await api.post(`/store/carts/${c.cart.id}/promotions`, { promo_codes: [promo] }, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data.error ?? data)}`)
      return data.order.id
    }
    const url = (id: string, action: string) => `/store/customers/me/subscriptions/${id}/${action}`
    const quote = (id: string, variantId: string, h: Record<string, string>) => send(api, "get", `${url(id, "switch")}?variant_id=${variantId}`, h)
    const switchTo = (id: string, variantId: string, h: Record<string, string>) => send(api, "post", url(id, "switch"), h, { variant_id: variantId })

    beforeAll(async () => {
      const c = getContainer()
      c.register(SUBSCRIPTION_CLOCK, asValue(() => clock))
      f = await createTwoOrgFixture(c, api, { prefix: "subss" })
      usd = await createRegion(c, "usd", ["us"], ["pp_system_default", "pp_stripe_stripe"])
      jpy = await createRegion(c, "jpy", ["jp"], ["pp_system_default", "pp_stripe_stripe"])
      course = await createTieredProduct(c, f.a.org, {
        handle: "subss-course",
        tiers: [
          { title: "Basic", tier: null, prices: { usd: 20, jpy: 1500 } },
          { title: "Pro", tier: null, prices: { usd: 50, jpy: 4000 } },
          { title: "Lite", tier: null, prices: { usd: 10, jpy: 1000 } },
          { title: "Weekly", tier: null, prices: { usd: 30 } },
        ],
      })
      other = await createTieredProduct(c, f.a.org, { handle: "subss-other", tiers: [{ title: "Member", tier: null, prices: { usd: 30 } }] })
      theirs = await createTieredProduct(c, f.b.org, { handle: "subss-theirs", tiers: [{ title: "Member", tier: null, prices: { usd: 20 } }] })
      const plan = (variant_id: string, tier: number, interval = "month") =>
        setAccessPlanWorkflow(c).run({ input: { variant_id, tier, billing: "subscription", interval } })
      await plan(v(course, "Basic"), 1)
      await plan(v(course, "Pro"), 2)
      await plan(v(course, "Lite"), 1)
      await plan(v(course, "Weekly"), 2, "week")
      await plan(v(other, "Member"), 1)
      await plan(v(theirs, "Member"), 1)
      trial = await createTieredProduct(c, f.a.org, { handle: "subss-trial", tiers: [{ title: "Member", tier: null, prices: { usd: 15 } }] })
      await setAccessPlanWorkflow(c).run({ input: { variant_id: v(trial, "Member"), tier: 1, billing: "subscription", interval: "month", trial_days: 7 } })
      await createPromotionsWorkflow(c).run({
        input: {
          promotionsData: [
            {
              code: "TRIAL-SS",
              type: "standard",
              status: "active",
              is_automatic: false,
              application_method: {
                type: "percentage", target_type: "items", allocation: "each", value: 100, max_quantity: 1,
                target_rules: [{ attribute: "variant_id", operator: "in", values: [v(trial, "Member")] }],
              },
              rules: [{ attribute: "sales_channel_id", operator: "in", values: [f.a.org.sales_channel_id] }],
            } as any,
          ],
          additional_data: { org_id: f.a.org.id },
        },
      })
    })

    describe("switch plan", () => {
      it("upgrade mid-period: quote, then the exact prorated difference as a real order; downgrade at period end", async () => {
        const who = f.a.customer
        clock = at("2027-01-01T00:00:00Z")
        const sub = await subscriptionOf(await checkout(who, usd, v(course, "Basic")))
        expect(sub).toMatchObject({ status: "active", payments_made: 1, tier: 1 })
        expect(new Date(sub.current_period_end).toISOString()).toBe("2027-02-01T00:00:00.000Z")

        // 21 of 31 days left: (50 - 20) * 21 / 31 = $20.3225... -> 2032 cents.
        clock = at("2027-01-11T00:00:00Z")
        const q = await quote(sub.id, v(course, "Pro"), who.headers)
        expect(q.status).toBe(200)
        expect(q.data.quote).toMatchObject({
          kind: "upgrade",
          applies: "now",
          currency_code: "usd",
          amount: 20.32,
          amount_minor: 2032,
          remaining_seconds: 21 * 86400,
          period_seconds: 31 * 86400,
          from: { variant_id: v(course, "Basic"), tier: 1, amount: 20 },
          to: { variant_id: v(course, "Pro"), tier: 2, amount: 50 },
        })
        expect(await reload(sub.id)).toMatchObject({ variant_id: v(course, "Basic"), tier: 1 }) // a quote changes nothing

        const done = await switchTo(sub.id, v(course, "Pro"), who.headers)
        expect(done.status).toBe(200)
        expect(done.data.quote).toMatchObject({ kind: "upgrade", amount_minor: 2032 })
        const o = await order(done.data.order_id)
        expect([Number(o.total), o.currency_code, o.customer_id, o.metadata.subscription_id]).toEqual([20.32, "usd", who.customer.id, sub.id])
        expect(o.items.map((i: any) => [i.variant_id, Number(i.unit_price)])).toEqual([[v(course, "Pro"), 20.32]])
        expect(o.payment_collections[0].payments[0].provider_id).toBe("pp_system_default")
        const postings = await eventually(() => ledger().listLedgerTransactions({ reference_type: "order", reference_id: o.id }))
        expect(postings).not.toHaveLength(0)
        // The proration order starts no subscription and bills no period.
        await new Promise((r) => setTimeout(r, 300))
        expect(await access().listSubscriptions({ origin_order_id: o.id })).toHaveLength(0)
        const now = await reload(sub.id)
        expect(now).toMatchObject({ variant_id: v(course, "Pro"), tier: 2, payments_made: 1, status: "active", pending_variant_id: null })
        expect(new Date(now.next_charge_at).toISOString()).toBe("2027-02-01T00:00:00.000Z")
        expect((await grantsOf(sub.id)).map((e: any) => [e.product_id, e.tier, e.variant_id])).toEqual([[course.id, 2, v(course, "Pro")]])

        // Downgrade: nothing now, stored for the next renewal; choosing Pro again drops it.
        const down = await switchTo(sub.id, v(course, "Lite"), who.headers)
        expect([down.status, down.data.quote.kind, down.data.quote.applies, down.data.order_id]).toEqual([200, "downgrade", "period_end", null])
        expect(await reload(sub.id)).toMatchObject({ variant_id: v(course, "Pro"), tier: 2, pending_variant_id: v(course, "Lite") })
        const keep = await switchTo(sub.id, v(course, "Pro"), who.headers)
        expect([keep.status, keep.data.quote.kind]).toEqual([200, "keep"])
        expect((await reload(sub.id)).pending_variant_id).toBeNull()
        expect((await switchTo(sub.id, v(course, "Pro"), who.headers)).data.message).toContain("already on")
        await switchTo(sub.id, v(course, "Lite"), who.headers)
        const listed = await send(api, "get", "/store/customers/me/subscriptions", who.headers)
        expect(listed.data.subscriptions.find((s: any) => s.id === sub.id)).toMatchObject({ pending_variant_id: v(course, "Lite"), next_charge_amount: 10 })
        expect(listed.data.subscriptions.find((s: any) => s.id === sub.id).switch_options.map((o: any) => [o.variant_id, o.tier, o.amount]).sort()).toEqual(
          [[v(course, "Basic"), 1, 20], [v(course, "Lite"), 1, 10]].sort()
        )

        // The renewal bills the Lite plan ($10) and applies it: tier 1 from period 2.
        clock = at("2027-02-01T00:00:00Z")
        expect(await runJob()).toMatchObject({ renewed: 1, failed: 0 })
        const [renewal] = await access().listSubscriptionRenewals({ subscription_id: sub.id })
        const ro = await order((renewal as any).order_id)
        expect([Number(ro.total), ro.items[0].variant_id]).toEqual([10, v(course, "Lite")])
        expect(await reload(sub.id)).toMatchObject({ variant_id: v(course, "Lite"), tier: 1, pending_variant_id: null, pending_plan_id: null, payments_made: 2 })
        expect((await grantsOf(sub.id)).map((e: any) => [e.tier, e.variant_id])).toEqual([[1, v(course, "Lite")]])
        await retire(sub.id)
      })

      it("JPY: whole yen, rounded down", async () => {
        const who = f.a.customer
        clock = at("2027-03-01T09:00:00Z")
        const sub = await subscriptionOf(await checkout(who, jpy, v(course, "Basic")))
        expect(sub).toMatchObject({ currency_code: "jpy", payments_made: 1 })
        // 10 of 31 days left: (4000 - 1500) * 10 / 31 = 806.45 -> ¥806.
        clock = at("2027-03-22T09:00:00Z")
        const done = await switchTo(sub.id, v(course, "Pro"), who.headers)
        expect(done.status).toBe(200)
        expect(done.data.quote).toMatchObject({ amount: 806, amount_minor: 806, currency_code: "jpy" })
        const o = await order(done.data.order_id)
        expect([Number(o.total), o.currency_code]).toEqual([806, "jpy"])
        expect(await eventually(() => ledger().listLedgerTransactions({ reference_type: "order", reference_id: o.id }))).not.toHaveLength(0)
        await retire(sub.id)
      })

      it("a declined upgrade charge changes nothing (rollback) and answers 422", async () => {
        const who = f.a.customer
        clock = at("2027-05-01T00:00:00Z")
        const sub = await subscriptionOf(await checkout(who, usd, v(course, "Basic")))
        await access().updateSubscriptions({ id: sub.id, payment_provider_id: "pp_stripe_stripe", payment_method_ref: { payment_method: DECLINED } })
        fake.declinedMethods.add(DECLINED)
        const before = await reload(sub.id)
        const grantsBefore = await grantsOf(sub.id)
        const orders = await ordersOfCustomer(who.customer.id)
        clock = at("2027-05-16T12:00:00Z")
        const res = await switchTo(sub.id, v(course, "Pro"), who.headers)
        expect([res.status, res.data.message]).toEqual([422, expect.stringContaining("could not be charged")])
        const after = await reload(sub.id)
        for (const k of ["variant_id", "plan_id", "tier", "pending_variant_id", "payments_made", "status", "next_charge_at"]) {
          expect([k, after[k]]).toEqual([k, before[k]])
        }
        expect((await grantsOf(sub.id)).map((e: any) => [e.id, e.tier, e.variant_id])).toEqual(grantsBefore.map((e: any) => [e.id, e.tier, e.variant_id]))
        expect(await ordersOfCustomer(who.customer.id)).toBe(orders)
        expect(await access().listSubscriptionRenewals({ subscription_id: sub.id })).toHaveLength(0)
        fake.declinedMethods.delete(DECLINED)
        await retire(sub.id)
      })

      it("refuses plans it cannot switch to, with a message naming the problem", async () => {
        const who = f.a.customer
        clock = at("2027-07-01T00:00:00Z")
        const sub = await subscriptionOf(await checkout(who, usd, v(course, "Basic")))
        const cases: [unknown, string][] = [
          [{ variant_id: v(other, "Member") }, "not a subscription plan of this subscription's product"],
          [{ variant_id: v(theirs, "Member") }, "not a subscription plan of this subscription's product"],
          [{ variant_id: "variant_missing" }, "not a subscription plan"],
          [{ variant_id: v(course, "Weekly") }, "same interval"],
          [{ variant_id: v(course, "Basic") }, "already on"],
          [{}, "variant_id"],
          [{ variant_id: v(course, "Pro"), ids: [sub.id] }, "ids"],
          [{ variant_id: 42 }, "variant_id"],
        ]
        for (const [body, message] of cases) {
          const res = await send(api, "post", url(sub.id, "switch"), who.headers, body)
          expect([JSON.stringify(body), res.status, res.data.message]).toEqual([JSON.stringify(body), 400, expect.stringContaining(message)])
        }
        await send(api, "post", url(sub.id, "cancel"), who.headers, {})
        const ending = await switchTo(sub.id, v(course, "Pro"), who.headers)
        expect([ending.status, ending.data.message]).toEqual([400, expect.stringContaining("resume it")])
        expect(await reload(sub.id)).toMatchObject({ variant_id: v(course, "Basic"), tier: 1, pending_variant_id: null })
        await retire(sub.id)
        const ended = await switchTo(sub.id, v(course, "Pro"), who.headers)
        expect([ended.status, ended.data.message]).toEqual([400, expect.stringContaining("is canceled")])
      })
    })

    describe("payment method", () => {
      it("saves a Stripe method through the payment module; a past-due subscription retries at once", async () => {
        const who = f.a.customer
        clock = at("2027-09-01T00:00:00Z")
        const sub = await subscriptionOf(await checkout(who, usd, v(course, "Basic")))
        const pm = (body: unknown, h = who.headers) => send(api, "post", url(sub.id, "payment-method"), h, body)

        const unknown = await pm({ provider_id: "pp_nope" })
        expect([unknown.status, unknown.data.message]).toEqual([400, expect.stringContaining("not a payment provider of this subscription's region")])
        const noMethod = await pm({ provider_id: "pp_stripe_stripe" })
        expect([noMethod.status, noMethod.data.message]).toEqual([400, expect.stringContaining("payment_method is required")])
        expect((await pm({ provider_id: "pp_system_default", extra: 1 })).status).toBe(400)

        const saved = await pm({ provider_id: "pp_stripe_stripe", payment_method: "pm_card_visa" })
        expect(saved.status).toBe(200)
        expect(saved.data.subscription).toMatchObject({ payment_provider_id: "pp_stripe_stripe" })
        const ref = (await reload(sub.id)).payment_method_ref
        expect(ref).toEqual({ payment_method: "pm_card_visa", customer: expect.stringMatching(/^cus_/) })
        expect(fake.requests.filter((r) => r.path === "/v1/setup_intents")).not.toHaveLength(0)
        const { data: [c] } = await query().graph({ entity: "customer", fields: ["account_holders.provider_id", "account_holders.external_id"], filters: { id: who.customer.id } })
        // One Stripe account holder (the checkout's session also made one with the system provider).
        expect((c as any).account_holders.filter((h: any) => h.provider_id === "pp_stripe_stripe")).toEqual([
          expect.objectContaining({ external_id: ref.customer }),
        ])
        // A second update reuses the account holder.
        expect((await pm({ provider_id: "pp_stripe_stripe", payment_method: "pm_card_mastercard" })).status).toBe(200)
        expect((await reload(sub.id)).payment_method_ref).toEqual({ payment_method: "pm_card_mastercard", customer: ref.customer })

        // The saved card is declined at renewal: past_due. A new method retries at once.
        await access().updateSubscriptions({ id: sub.id, payment_method_ref: { payment_method: DECLINED, customer: ref.customer } })
        fake.declinedMethods.add(DECLINED)
        clock = at("2027-10-01T00:00:00Z")
        expect(await runJob()).toMatchObject({ failed: 1 })
        expect(await reload(sub.id)).toMatchObject({ status: "past_due", payments_made: 1 })
        // A new card Stripe refuses: 400 with the reason; the subscription keeps its method and stays past due.
        const refused = await pm({ provider_id: "pp_stripe_stripe", payment_method: DECLINED })
        expect([refused.status, refused.data.message]).toEqual([400, "The card could not be saved: Your card was declined."])
        expect(await reload(sub.id)).toMatchObject({ status: "past_due", payments_made: 1, payment_method_ref: { payment_method: DECLINED, customer: ref.customer } })
        clock = at("2027-10-01T06:00:00Z")
        const fixed = await pm({ provider_id: "pp_stripe_stripe", payment_method: "pm_card_visa" })
        expect([fixed.status, fixed.data.retry]).toEqual([200, { renewed: true, error: null }])
        const now = await reload(sub.id)
        expect(now).toMatchObject({ status: "active", payments_made: 2, failed_attempts: 0, past_due_since: null })
        expect(new Date(now.next_charge_at).toISOString()).toBe("2027-11-01T00:00:00.000Z")
        const [renewal] = (await access().listSubscriptionRenewals({ subscription_id: sub.id })) as any[]
        expect(renewal).toMatchObject({ period_index: 2, status: "paid" })
        const ro = await order(renewal.order_id)
        expect([Number(ro.total), ro.payment_collections[0].payments[0].provider_id]).toEqual([20, "pp_stripe_stripe"])

        // The development provider saves nothing.
        const sys = await pm({ provider_id: "pp_system_default" })
        expect([sys.status, sys.data.subscription.payment_provider_id, sys.data.retry]).toEqual([200, "pp_system_default", null])
        expect((await reload(sub.id)).payment_method_ref).toBeNull()
        const listed = (await send(api, "get", "/store/customers/me/subscriptions", who.headers)).data.subscriptions.find((s: any) => s.id === sub.id)
        expect(listed).toMatchObject({ payment_provider_id: "pp_system_default", payment_method_saved: false })
        fake.declinedMethods.delete(DECLINED)
        await retire(sub.id)
      })
    })

    describe("free trial", () => {
      it("the method saved before a free trial checkout is what the first charge uses", async () => {
        const who = await createCustomer(api, f.a.key, { email: uniqueEmail("subss.trial") })
        const save = (body: unknown, h = who.headers) => send(api, "post", "/store/customers/me/payment-methods", h, body)
        // Actors: only a logged-in customer saves, and only on their own customer record.
        const keyA = f.a.key.headers
        const refusedActors: [string, Record<string, string>][] = [
          ["anonymous", keyA],
          ["staff owner of org A", { ...keyA, ...f.a.staff.owner.headers }],
          ["staff owner of org B", { ...keyA, ...f.b.staff.owner.headers }],
          ["platform admin", { ...keyA, ...f.platform.headers }],
        ]
        for (const [actor, h] of refusedActors) {
          expect([actor, (await save({ provider_id: "pp_stripe_stripe", payment_method: "pm_trial" }, h)).status]).toEqual([actor, 401])
        }
        const other = await createCustomer(api, f.b.key, { email: uniqueEmail("subss.trial.b") })
        const theirs = await save({ provider_id: "pp_stripe_stripe", payment_method: "pm_trial_b" }, other.headers)
        expect(theirs.status).toBe(200)
        const { data: [holderOfB] } = await query().graph({ entity: "customer", fields: ["account_holders.provider_id", "account_holders.external_id"], filters: { id: other.customer.id } })
        expect((holderOfB as any).account_holders.map((h: any) => [h.provider_id, h.external_id])).toEqual([["pp_stripe_stripe", theirs.data.payment_method.customer]])
        const sys = await save({ provider_id: "pp_system_default", payment_method: "pm_trial" })
        expect([sys.status, sys.data.message]).toEqual([400, expect.stringContaining("saves no payment method")])
        const unknown = await save({ provider_id: "pp_nope", payment_method: "pm_trial" })
        expect([unknown.status, unknown.data.message]).toEqual([400, expect.stringContaining("not an enabled payment provider")])
        expect((await save({ provider_id: "pp_stripe_stripe" })).status).toBe(400)
        // A card Stripe refuses when the setup intent confirms: 400 with Stripe's reason, nothing saved.
        fake.declinedMethods.add("pm_trial_refused")
        const refused = await save({ provider_id: "pp_stripe_stripe", payment_method: "pm_trial_refused" })
        expect([refused.status, refused.data.message]).toEqual([400, "The card could not be saved: Your card was declined."])
        fake.declinedMethods.delete("pm_trial_refused")
        const saved = await save({ provider_id: "pp_stripe_stripe", payment_method: "pm_trial" })
        expect(saved.status).toBe(200)
        expect(saved.data.payment_method).toEqual({ provider_id: "pp_stripe_stripe", payment_method: "pm_trial", customer: expect.stringMatching(/^cus_/) })
        // Org B's customer saved on their own Stripe customer, not on this one.
        expect(saved.data.payment_method.customer).not.toBe(theirs.data.payment_method.customer)
        expect(fake.customerMethods.get(saved.data.payment_method.customer)).toEqual(["pm_trial"])

        clock = at("2027-11-03T10:00:00Z")
        const first = await checkout(who, usd, v(trial, "Member"), "TRIAL-SS")
        expect(Number((await order(first)).total)).toBe(0)
        const sub = await subscriptionOf(first)
        expect(sub).toMatchObject({
          status: "trialing",
          payment_provider_id: "pp_stripe_stripe",
          payment_method_ref: { payment_method: "pm_trial", customer: saved.data.payment_method.customer },
        })
        // The account page learns that a card is saved, not the card's reference.
        const mine = (await send(api, "get", "/store/customers/me/subscriptions", who.headers)).data.subscriptions.find((s: any) => s.id === sub.id)
        expect(mine).toMatchObject({ payment_provider_id: "pp_stripe_stripe", payment_method_saved: true })
        expect(mine).not.toHaveProperty("payment_method_ref")
        clock = at("2027-11-10T10:00:00Z")
        expect(await runJob()).toMatchObject({ renewed: 1, failed: 0 })
        const [renewal] = (await access().listSubscriptionRenewals({ subscription_id: sub.id })) as any[]
        const ro = await order(renewal.order_id)
        expect([Number(ro.total), ro.payment_collections[0].payments[0].provider_id]).toEqual([15, "pp_stripe_stripe"])
        expect(await reload(sub.id)).toMatchObject({ status: "active", payments_made: 1 })
        await retire(sub.id)
      })
    })

    describe("actors", () => {
      it("only the subscription's customer, on the org's storefront, reaches switch and payment-method", async () => {
        clock = at("2028-01-01T00:00:00Z")
        const sub = await subscriptionOf(await checkout(f.a.customer, usd, v(course, "Basic")))
        const subB = await subscriptionOf(await checkout(f.b.customer, usd, v(theirs, "Member")))
        const keyA = f.a.key.headers
        const withKeyA = (h: Record<string, string>) => ({ ...h, "x-publishable-api-key": f.a.key.token })
        const actors: [string, Record<string, string>, number][] = [
          ["anonymous", keyA, 401],
          ["customer of org B", f.b.customer.headers, 404],
          ["customer of org A on org B's storefront", { ...f.a.customer.headers, "x-publishable-api-key": f.b.key.token }, 404],
          ["staff owner of org A", withKeyA(f.a.staff.owner.headers), 401],
          ["staff owner of org B", withKeyA(f.b.staff.owner.headers), 401],
          ["platform admin", withKeyA(f.platform.headers), 401],
        ]
        for (const [who, h, status] of actors) {
          expect([who, "quote", (await quote(sub.id, v(course, "Pro"), h)).status]).toEqual([who, "quote", status])
          expect([who, "switch", (await switchTo(sub.id, v(course, "Pro"), h)).status]).toEqual([who, "switch", status])
          const pm = await send(api, "post", url(sub.id, "payment-method"), h, { provider_id: "pp_system_default" })
          expect([who, "payment-method", pm.status]).toEqual([who, "payment-method", status])
        }
        // Org B's subscription id in the path, as org A's customer: not found.
        const me = f.a.customer.headers
        expect((await quote(subB.id, v(theirs, "Member"), me)).status).toBe(404)
        expect((await switchTo(subB.id, v(course, "Pro"), me)).status).toBe(404)
        expect((await send(api, "post", url(subB.id, "payment-method"), me, { provider_id: "pp_system_default" })).status).toBe(404)
        // Org B's variant in the query, fields= probes of any depth: refused.
        const probe = await quote(sub.id, v(theirs, "Member"), me)
        expect([probe.status, probe.data.message]).toEqual([400, expect.stringContaining("not a subscription plan")])
        for (const fields of ["customer.orders.items", "*", "id,org.*"]) {
          const r = await send(api, "get", `${url(sub.id, "switch")}?variant_id=${v(course, "Pro")}&fields=${fields}`, me)
          expect([fields, r.status]).toEqual([fields, 400])
        }
        // Nothing changed by any refused call.
        expect(await reload(sub.id)).toMatchObject({ variant_id: v(course, "Basic"), tier: 1, payment_provider_id: "pp_system_default" })
        expect(await reload(subB.id)).toMatchObject({ variant_id: v(theirs, "Member"), payment_provider_id: "pp_system_default" })
        // The owner's own quote works.
        const mine = await quote(sub.id, v(course, "Pro"), me)
        expect([mine.status, mine.data.quote.amount_minor]).toEqual([200, 3000])
        await retire(sub.id)
        await retire(subB.id)
      })
    })
  },
})
