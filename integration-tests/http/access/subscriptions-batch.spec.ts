import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { WorkflowScheduler } from "@medusajs/framework/orchestration"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createTaxRegionsWorkflow } from "@medusajs/medusa/core-flows"
import type { CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useProcessEnv } from "../../helpers/env"
import { FakeStripe } from "../../helpers/fake-stripe"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"

// The renewal job's bulk path (renewSubscriptionsBatchWorkflow): many due periods billed in
// one batch, each still a real Medusa order, taxed and paid like the per-subscription path's.

const {
  SUBSCRIPTION_CLOCK,
  SUBSCRIPTION_TEST_FAULTS,
  runDueSubscriptionRenewals,
  renewSubscriptionWorkflow,
  renewSubscriptionsBatchWorkflow,
  cancelSubscriptionWorkflow,
  setAccessPlanWorkflow,
} = require("@volmify/access/workflows")

jest.setTimeout(300_000)

const WEBHOOK_SECRET = "whsec_volmify_batch_secret"
const DECLINED = "pm_batch_declined"
const fake = new FakeStripe(WEBHOOK_SECRET)
beforeAll(() => fake.start())
afterAll(() => fake.stop())
useProcessEnv({
  STRIPE_API_KEY: "sk_test_volmify_fake",
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_HOST: "127.0.0.1",
  STRIPE_API_PROTOCOL: "http",
  STRIPE_API_PORT: () => String(fake.port),
})

const at = (iso: string) => new Date(iso)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let eur: TestRegion // Germany, 19 % tax (exclusive), system + Stripe
    let plan: TestProduct // org A: €10 a month
    let clock = new Date()

    const access = () => accessService(getContainer())
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const ledger = () => getContainer().resolve<any>("ledger")
    const setClock = (d: Date) => (clock = d)

    async function checkout(who: CustomerActor, region: TestRegion, variantId: string): Promise<string> {
      const h = { headers: who.headers }
      const { data: c } = await api.post("/store/carts", { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data.error ?? data)}`)
      return data.order.id
    }
    const subscriptionOf = async (orderId: string) =>
      (await eventually(() => access().listSubscriptions({ origin_order_id: orderId })))[0] as any
    const reload = async (id: string) => (await access().listSubscriptions({ id }))[0] as any
    const renewals = (id: string) => access().listSubscriptionRenewals({ subscription_id: id }, { order: { period_index: "ASC" } })
    const renewalOrders = async (subId: string) =>
      (await pg().raw(`select id from "order" where deleted_at is null and metadata->>'subscription_id' = ?`, [subId])).rows.map((r: any) => r.id)
    async function orderFacts(id: string) {
      const { data: [o] } = await query().graph({
        entity: "order",
        fields: [
          "id", "total", "tax_total", "currency_code", "customer_id", "region_id", "sales_channel_id", "metadata",
          "items.variant_id", "items.unit_price", "items.tax_lines.rate", "items.tax_lines.code",
          "payment_collections.amount", "payment_collections.payments.provider_id", "payment_collections.payments.captured_at",
        ],
        filters: { id },
      })
      return o as any
    }
    /** Subscriptions started through real checkouts, then their period 2 is due at `due`. */
    async function subscribe(count: number, start: string) {
      setClock(at(start))
      const subs: any[] = []
      for (let i = 0; i < count; i++) subs.push(await subscriptionOf(await checkout(f.a.customer, eur, plan.variants[0].id)))
      return subs
    }
    const retire = async (ids: string[]) => {
      for (const id of ids) await cancelSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: id, reason: "case over", now: clock } })
    }

    beforeAll(async () => {
      const c = getContainer()
      c.register(SUBSCRIPTION_CLOCK, asValue(() => clock))
      await new WorkflowScheduler().clearWorkflow({ id: "job-renew-subscriptions" })
      f = await createTwoOrgFixture(c, api, { prefix: "subsbatch" })
      await createTaxRegionsWorkflow(c).run({
        input: [{ country_code: "de", provider_id: "tp_system", default_tax_rate: { rate: 19, code: "de-19", name: "DE 19 %" } }],
      })
      eur = await createRegion(c, "eur", ["de"], ["pp_system_default", "pp_stripe_stripe"])
      plan = await createTieredProduct(c, f.a.org, { handle: "subsbatch-monthly", tiers: [{ title: "Member", tier: null, prices: { eur: 10 } }] })
      await setAccessPlanWorkflow(c).run({ input: { variant_id: plan.variants[0].id, tier: 1, billing: "subscription", interval: "month" } })
    })

    it("bills a batch of due periods as real orders taxed, paid and posted like the per-subscription path's; a declined card goes to dunning", async () => {
      const subs = await subscribe(5, "2027-01-15T10:00:00Z")
      // Reference: one renewal through the per-subscription workflow (the cart path).
      const [reference, declined, ...batch] = subs
      setClock(at("2027-02-15T10:00:00Z"))
      const { result: one } = await renewSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: reference.id, now: clock } })
      expect(one.action).toBe("charge")
      await access().updateSubscriptions({ id: declined.id, payment_provider_id: "pp_stripe_stripe", payment_method_ref: { payment_method: DECLINED } })
      fake.declinedMethods.add(DECLINED)

      const { result } = await renewSubscriptionsBatchWorkflow(getContainer()).run({ input: { now: clock, limit: 100 } })
      expect(result.claimed).toBe(4)
      expect(result.renewed.map((r: any) => r.subscription_id).sort()).toEqual(batch.map((s) => s.id).sort())
      expect(result.declined.map((d: any) => d.subscription_id)).toEqual([declined.id])
      expect(result.handed_back).toEqual([])
      fake.declinedMethods.delete(DECLINED)

      const ref = await orderFacts(one.order_id)
      expect([Number(ref.total), Number(ref.tax_total), ref.items[0].tax_lines.map((t: any) => [Number(t.rate), t.code])]).toEqual([11.9, 1.9, [[19, "de-19"]]])
      for (const s of batch) {
        const [orderId] = await renewalOrders(s.id)
        const o = await orderFacts(orderId)
        // The same order the cart path makes: customer, region, channel, line, tax, total, metadata.
        expect([o.customer_id, o.region_id, o.sales_channel_id, o.currency_code]).toEqual([ref.customer_id, ref.region_id, ref.sales_channel_id, "eur"])
        expect([o.items[0].variant_id, Number(o.items[0].unit_price)]).toEqual([plan.variants[0].id, 10])
        expect([Number(o.total), Number(o.tax_total), o.items[0].tax_lines.map((t: any) => [Number(t.rate), t.code])]).toEqual([11.9, 1.9, [[19, "de-19"]]])
        expect(o.metadata).toEqual({ subscription_id: s.id, subscription_period: 2 })
        expect(Number(o.payment_collections[0].amount)).toBe(11.9)
        expect(o.payment_collections[0].payments[0].provider_id).toBe("pp_system_default")
        // order.placed reached the capture subscriber and the ledger, as for any order.
        await eventually(async () => ((await orderFacts(orderId)).payment_collections[0].payments[0].captured_at ? [1] : []))
        expect(await eventually(() => ledger().listLedgerTransactions({ reference_type: "order", reference_id: orderId }))).not.toHaveLength(0)
        expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status, r.attempts, r.order_id])).toEqual([[2, "paid", 1, orderId]])
        const now = await reload(s.id)
        expect(now).toMatchObject({ status: "active", payments_made: 2, failed_attempts: 0 })
        expect(new Date(now.next_charge_at).toISOString()).toBe("2027-03-15T10:00:00.000Z")
      }
      // The declined one: no order, a failed record of period 2, past due, access kept.
      expect(await renewalOrders(declined.id)).toEqual([])
      expect(await reload(declined.id)).toMatchObject({ payments_made: 1 })
      // The batch workflow only reports the decline (the job runs dunning, next case) and leaves
      // the period unclaimed: with a working method the next run bills it once.
      await access().updateSubscriptions({ id: declined.id, payment_provider_id: "pp_system_default", payment_method_ref: null })
      expect(await runDueSubscriptionRenewals(getContainer(), clock, { bulk: true })).toMatchObject({ renewed: 1, failed: 0 })
      expect(await renewalOrders(declined.id)).toHaveLength(1)
      // Nothing is left due: a second pass bills nothing.
      expect(await runDueSubscriptionRenewals(getContainer(), clock, { bulk: true })).toMatchObject({ renewed: 0, failed: 0, errored: 0 })
      await retire(subs.map((s) => s.id))
    })

    it("a declined card in a batch run by the job: past due with one failed attempt, the others renewed", async () => {
      const subs = await subscribe(3, "2027-04-10T10:00:00Z")
      await access().updateSubscriptions({ id: subs[0].id, payment_provider_id: "pp_stripe_stripe", payment_method_ref: { payment_method: DECLINED } })
      fake.declinedMethods.add(DECLINED)
      setClock(at("2027-05-10T10:00:00Z"))
      expect(await runDueSubscriptionRenewals(getContainer(), clock, { bulk: true })).toMatchObject({ renewed: 2, failed: 1, errored: 0 })
      fake.declinedMethods.delete(DECLINED)
      expect(await reload(subs[0].id)).toMatchObject({ status: "past_due", failed_attempts: 1, payments_made: 1 })
      expect((await renewals(subs[0].id)).map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([[2, "failed", 1]])
      expect(await renewalOrders(subs[0].id)).toEqual([])
      for (const s of subs.slice(1)) expect(await renewalOrders(s.id)).toHaveLength(1)
      await retire(subs.map((s) => s.id))
    })

    it("batch runs and per-subscription runs at once bill each period once", async () => {
      const subs = await subscribe(6, "2027-06-03T10:00:00Z")
      setClock(at("2027-07-03T10:00:00Z"))
      const [a, b, c, ...single] = await Promise.all([
        runDueSubscriptionRenewals(getContainer(), clock, { batchSize: 2, bulk: true }),
        runDueSubscriptionRenewals(getContainer(), clock, { batchSize: 3, bulk: true }),
        runDueSubscriptionRenewals(getContainer(), clock, { bulk: false }),
        ...subs.map((s) => renewSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: s.id, now: clock }, throwOnError: false })),
      ])
      const singles = single.filter((r: any) => !r.errors?.length && r.result.action === "charge").length
      expect(a.renewed + b.renewed + c.renewed + singles).toBe(6)
      for (const s of subs) {
        expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status])).toEqual([[2, "paid"]])
        expect(await renewalOrders(s.id)).toHaveLength(1)
        expect(await reload(s.id)).toMatchObject({ payments_made: 2 })
      }
      await retire(subs.map((s) => s.id))
    })

    it("rollback: a batch failing after its orders and payments exist leaves no order, no live payment, no claim; the next run bills once", async () => {
      const subs = await subscribe(3, "2027-08-20T10:00:00Z")
      setClock(at("2027-09-20T10:00:00Z"))
      const startedAt = new Date()
      const faults = new Set<string>(["complete-subscription-renewal-batch"])
      getContainer().register(SUBSCRIPTION_TEST_FAULTS, asValue(faults))
      const { errors } = await renewSubscriptionsBatchWorkflow(getContainer()).run({ input: { now: clock, limit: 100 }, throwOnError: false })
      expect([errors[0].action, errors[0].error.message]).toEqual([
        "complete-subscription-renewal-batch",
        "test fault: complete-subscription-renewal-batch failed",
      ])
      expect(errors.filter((e: any) => e.handlerType === "compensate")).toEqual([])
      for (const s of subs) {
        expect(await reload(s.id)).toMatchObject({ status: "active", payments_made: 1 })
        expect(new Date((await reload(s.id)).next_charge_at).toISOString()).toBe("2027-09-20T10:00:00.000Z")
        expect(await renewals(s.id)).toHaveLength(0)
        expect(await renewalOrders(s.id)).toEqual([])
      }
      const { rows: payments } = await pg().raw(`select id, canceled_at, captured_at from payment where created_at >= ?`, [startedAt])
      expect(payments.length).toBe(3)
      expect(payments.filter((p: any) => !p.canceled_at || p.captured_at)).toEqual([])
      const { rows: live } = await pg().raw(`select id from payment_collection where deleted_at is null and created_at >= ?`, [startedAt])
      expect(live).toEqual([])

      faults.clear()
      expect(await runDueSubscriptionRenewals(getContainer(), clock, { bulk: true })).toMatchObject({ renewed: 3, failed: 0, errored: 0 })
      for (const s of subs) {
        expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([[2, "paid", 1]])
        expect(await renewalOrders(s.id)).toHaveLength(1)
      }
      await retire(subs.map((s) => s.id))
    })
  },
})
