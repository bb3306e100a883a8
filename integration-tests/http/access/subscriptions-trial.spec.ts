import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCustomer, uniqueEmail, type CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useFakeStripe } from "../../helpers/fake-stripe"
import { send } from "../../helpers/http"
import { unscheduleJobs } from "../../helpers/workflows"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"

const { SUBSCRIPTION_CLOCK, runDueSubscriptionRenewals, cancelSubscriptionWorkflow, setAccessPlanWorkflow } = require("@volmify/access/workflows")

jest.setTimeout(300_000)

const WEBHOOK_SECRET = "whsec_volmify_subs_trial"
const fake = useFakeStripe(WEBHOOK_SECRET)

const at = (iso: string) => new Date(iso)

/** A trial checkout through POST /store/carts/:id/subscription-trial: nothing charged, the saved method charged at the trial's end. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let trial: TestProduct // org A: $15 / ¥1,500 a month after a 7-day trial
    let plain: TestProduct // org A: $25 a month, no trial
    let theirs: TestProduct // org B: $20 a month after a 7-day trial
    let clock = new Date()

    const access = () => accessService(getContainer())
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const runJob = () => runDueSubscriptionRenewals(getContainer(), clock)
    const reload = async (id: string) => (await access().listSubscriptions({ id }))[0] as any
    const subscriptionOf = async (orderId: string) => (await eventually(() => access().listSubscriptions({ origin_order_id: orderId })))[0] as any
    const retire = (id: string) => cancelSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: id, reason: "case over", now: clock } })
    const trialUrl = (cartId: string) => `/store/carts/${cartId}/subscription-trial`

    async function order(id: string) {
      const { data: [o] } = await query().graph({
        entity: "order",
        fields: [
          "id", "total", "currency_code", "items.variant_id", "items.total",
          "payment_collections.payments.provider_id", "payment_collections.payments.amount", "payment_collections.payments.captures.amount",
        ],
        filters: { id },
      })
      return o as any
    }
    /** What was captured on an order, in the order's currency (sum of capture rows). */
    const captured = (o: any) =>
      (o.payment_collections ?? []).flatMap((pc: any) => pc?.payments ?? []).flatMap((p: any) => p?.captures ?? []).reduce((s: number, c: any) => s + Number(c.amount), 0)

    async function cartWith(who: CustomerActor, region: TestRegion, variantId: string): Promise<string> {
      const { data } = await api.post("/store/carts", { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, { headers: who.headers })
      return data.cart.id
    }
    /** Pays (system provider: the cart's total, 0 on a trial) and completes. */
    async function complete(who: CustomerActor, cartId: string): Promise<string> {
      const h = { headers: who.headers }
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data.error ?? data)}`)
      return data.order.id
    }
    async function newCustomerWithCard(label: string, method: string) {
      const who = await createCustomer(api, f.a.key, { email: uniqueEmail(label) })
      const saved = await send(api, "post", "/store/customers/me/payment-methods", who.headers, { provider_id: "pp_stripe_stripe", payment_method: method })
      expect(saved.status).toBe(200)
      return { who, stripeCustomer: saved.data.payment_method.customer as string }
    }
    const stripeIntentsFor = (method: string) =>
      [...fake.intents.values()].filter((i) => i.payment_method === method)

    beforeAll(async () => {
      const c = getContainer()
      c.register(SUBSCRIPTION_CLOCK, asValue(() => clock))
      await unscheduleJobs("renew-subscriptions")
      f = await createTwoOrgFixture(c, api, { prefix: "subtr" })
      usd = await createRegion(c, "usd", ["us"], ["pp_system_default", "pp_stripe_stripe"])
      jpy = await createRegion(c, "jpy", ["jp"], ["pp_system_default", "pp_stripe_stripe"])
      trial = await createTieredProduct(c, f.a.org, { handle: "subtr-trial", tiers: [{ title: "Member", tier: null, prices: { usd: 15, jpy: 1500 } }] })
      plain = await createTieredProduct(c, f.a.org, { handle: "subtr-plain", tiers: [{ title: "Member", tier: null, prices: { usd: 25 } }] })
      theirs = await createTieredProduct(c, f.b.org, { handle: "subtr-theirs", tiers: [{ title: "Member", tier: null, prices: { usd: 20 } }] })
      const plan = (p: TestProduct, trial_days: number) =>
        setAccessPlanWorkflow(c).run({ input: { variant_id: p.variants[0].id, tier: 1, billing: "subscription", interval: "month", trial_days } })
      await plan(trial, 7)
      await plan(plain, 0)
      await plan(theirs, 7)
    })

    it("a trial checkout captures nothing, keeps the saved method, and the trial's end charges the plan price to it (USD)", async () => {
      const { who, stripeCustomer } = await newCustomerWithCard("subtr.usd", "pm_trial_usd")
      clock = at("2027-02-01T10:00:00Z")
      const cartId = await cartWith(who, usd, trial.variants[0].id)
      const applied = await send(api, "post", trialUrl(cartId), who.headers, {})
      expect(applied.status).toBe(200)
      expect(applied.data.subscription_trial).toMatchObject({
        code: expect.stringMatching(/^TRIAL-/),
        lines: [{ variant_id: trial.variants[0].id, trial_days: 7, eligible: true, reason: null }],
      })
      expect(Number(applied.data.cart.total)).toBe(0)
      // A replay changes nothing (same code, still free).
      const again = await send(api, "post", trialUrl(cartId), who.headers, {})
      expect([again.status, again.data.subscription_trial.code, Number(again.data.cart.total)]).toEqual([200, applied.data.subscription_trial.code, 0])

      const first = await order(await complete(who, cartId))
      expect([Number(first.total), captured(first)]).toEqual([0, 0])
      const sub = await subscriptionOf(first.id)
      expect(sub).toMatchObject({
        status: "trialing",
        payments_made: 0,
        payment_provider_id: "pp_stripe_stripe",
        payment_method_ref: { payment_method: "pm_trial_usd", customer: stripeCustomer },
      })
      expect(new Date(sub.next_charge_at).toISOString()).toBe("2027-02-08T10:00:00.000Z")
      expect(stripeIntentsFor("pm_trial_usd")).toHaveLength(0)

      clock = at("2027-02-07T10:00:00Z")
      expect((await runJob()).renewed).toBe(0)
      clock = at("2027-02-08T10:00:00Z")
      expect(await runJob()).toMatchObject({ renewed: 1, failed: 0 })
      const [renewal] = (await access().listSubscriptionRenewals({ subscription_id: sub.id })) as any[]
      const ro = await order(renewal.order_id)
      expect([Number(ro.total), ro.currency_code, ro.payment_collections[0].payments[0].provider_id]).toEqual([15, "usd", "pp_stripe_stripe"])
      expect(Number(ro.payment_collections[0].payments[0].amount)).toBe(15)
      expect(stripeIntentsFor("pm_trial_usd").map((i) => [i.amount, i.currency])).toEqual([[1500, "usd"]])
      expect(await reload(sub.id)).toMatchObject({ status: "active", payments_made: 1 })
      await retire(sub.id)
    })

    it("JPY: the trial order is ¥0 and the trial's end charges ¥1,500 (zero-decimal: 1500 to Stripe)", async () => {
      const { who } = await newCustomerWithCard("subtr.jpy", "pm_trial_jpy")
      clock = at("2027-03-01T00:00:00Z")
      const cartId = await cartWith(who, jpy, trial.variants[0].id)
      expect(Number((await send(api, "post", trialUrl(cartId), who.headers, {})).data.cart.total)).toBe(0)
      const first = await order(await complete(who, cartId))
      expect([Number(first.total), first.currency_code, captured(first)]).toEqual([0, "jpy", 0])
      const sub = await subscriptionOf(first.id)
      expect(sub).toMatchObject({ status: "trialing", currency_code: "jpy", payment_method_ref: { payment_method: "pm_trial_jpy" } })
      clock = at("2027-03-08T00:00:00Z")
      expect(await runJob()).toMatchObject({ renewed: 1, failed: 0 })
      const [renewal] = (await access().listSubscriptionRenewals({ subscription_id: sub.id })) as any[]
      const ro = await order(renewal.order_id)
      expect([Number(ro.total), ro.currency_code]).toEqual([1500, "jpy"])
      expect(Number(ro.payment_collections[0].payments[0].amount)).toBe(1500)
      expect(stripeIntentsFor("pm_trial_jpy").map((i) => [i.amount, i.currency])).toEqual([[1500, "jpy"]])
      await retire(sub.id)
    })

    it("one trial per customer and course; a paid line starts paid (no trial billed on top); a plan without trial is untouched", async () => {
      const { who } = await newCustomerWithCard("subtr.again", "pm_trial_again")
      clock = at("2027-04-01T00:00:00Z")
      const firstCart = await cartWith(who, usd, trial.variants[0].id)
      await send(api, "post", trialUrl(firstCart), who.headers, {})
      const firstSub = await subscriptionOf(await complete(who, firstCart))
      expect(firstSub.status).toBe("trialing")
      await retire(firstSub.id)

      // A second trial of the same course: refused with the reason, the line keeps its price.
      const cartId = await cartWith(who, usd, trial.variants[0].id)
      const res = await send(api, "post", trialUrl(cartId), who.headers, {})
      expect(res.status).toBe(200)
      expect(res.data.subscription_trial).toMatchObject({
        code: null,
        lines: [{ variant_id: trial.variants[0].id, eligible: false, reason: expect.stringContaining("already had a subscription") }],
      })
      expect(Number(res.data.cart.total)).toBe(15)
      const paid = await order(await complete(who, cartId))
      expect(Number(paid.total)).toBe(15)
      const sub = await subscriptionOf(paid.id)
      // Paid for period 1: active, one payment made, next charge a month later (not at day 7).
      expect(sub).toMatchObject({ status: "active", payments_made: 1, trial_ends_at: null })
      expect(new Date(sub.next_charge_at).toISOString()).toBe("2027-05-01T00:00:00.000Z")
      await retire(sub.id)

      // A plan without a trial: no line on trial, nothing created, the price stays.
      const plainCart = await cartWith(who, usd, plain.variants[0].id)
      const none = await send(api, "post", trialUrl(plainCart), who.headers, {})
      expect([none.status, none.data.subscription_trial, Number(none.data.cart.total)]).toEqual([200, { code: null, lines: [] }, 25])
    })

    it("a trial variant bought without the trial route pays period 1 and is not billed again at day 7", async () => {
      const who = await createCustomer(api, f.a.key, { email: uniqueEmail("subtr.full") })
      clock = at("2027-06-01T00:00:00Z")
      const paid = await order(await complete(who, await cartWith(who, usd, trial.variants[0].id)))
      expect(Number(paid.total)).toBe(15)
      const sub = await subscriptionOf(paid.id)
      expect(sub).toMatchObject({ status: "active", payments_made: 1 })
      clock = at("2027-06-08T00:00:00Z")
      expect((await runJob()).renewed).toBe(0)
      await retire(sub.id)
    })

    it("actors: only the cart's own customer on the cart's org storefront; bad bodies are 400 and change nothing", async () => {
      const who = f.a.customer
      const cartId = await cartWith(who, usd, trial.variants[0].id)
      const cartB = await cartWith(f.b.customer, usd, theirs.variants[0].id)
      const keyA = f.a.key.headers
      const withKeyA = (h: Record<string, string>) => ({ ...h, "x-publishable-api-key": f.a.key.token })
      const other = await createCustomer(api, f.a.key, { email: uniqueEmail("subtr.other") })
      const actors: [string, Record<string, string>, number][] = [
        // The cart wall of @volmify/orgs answers first: a cart that is not the caller's customer's is not found (staff tokens are no customer).
        ["anonymous", keyA, 404],
        ["another customer of org A", other.headers, 404],
        ["customer of org B", f.b.customer.headers, 404],
        ["customer of org A on org B's storefront", { ...who.headers, "x-publishable-api-key": f.b.key.token }, 404],
        ["staff owner of org A", withKeyA(f.a.staff.owner.headers), 404],
        ["staff owner of org B", withKeyA(f.b.staff.owner.headers), 404],
        ["platform admin", withKeyA(f.platform.headers), 404],
      ]
      for (const [label, h, status] of actors) {
        const res = await send(api, "post", trialUrl(cartId), h, {})
        expect([label, res.status]).toEqual([label, status])
      }
      // Org B's cart in the path, as org A's customer: not found.
      expect((await send(api, "post", trialUrl(cartB), who.headers, {})).status).toBe(404)
      for (const body of [{ variant_id: theirs.variants[0].id }, { cart_id: cartB }, { variant_ids: [theirs.variants[0].id] }]) {
        const res = await send(api, "post", trialUrl(cartId), who.headers, body)
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400])
      }
      // Nothing changed by any refused call: both carts keep their price and no promotion.
      const { data: carts } = await query().graph({ entity: "cart", fields: ["id", "total", "promotions.code"], filters: { id: [cartId, cartB] } })
      expect(carts.map((c: any) => [c.id, Number(c.total), (c.promotions ?? []).length]).sort()).toEqual([[cartId, 15, 0], [cartB, 20, 0]].sort())
      // The owner's own call works; a completed cart is refused.
      expect(Number((await send(api, "post", trialUrl(cartId), who.headers, {})).data.cart.total)).toBe(0)
      const sub = await subscriptionOf(await complete(who, cartId))
      const done = await send(api, "post", trialUrl(cartId), who.headers, {})
      expect(done.status).toBeGreaterThanOrEqual(400)
      expect(done.status).toBeLessThan(500)
      await retire(sub.id)
    })
  },
})
