import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import type { CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useFakeStripe } from "../../helpers/fake-stripe"
import { send } from "../../helpers/http"
import { unscheduleJobs } from "../../helpers/workflows"
import { createTwoOrgFixture, type OrgSide, type TwoOrgFixture } from "../../helpers/orgs"

const {
  SUBSCRIPTION_CLOCK,
  runDueSubscriptionRenewals,
  renewSubscriptionWorkflow,
  cancelSubscriptionWorkflow,
  setAccessPlanWorkflow,
} = require("@volmify/access/workflows")

jest.setTimeout(300_000)

const WEBHOOK_SECRET = "whsec_volmify_subs_secret"
const DECLINED = "pm_subs_declined"
const fake = useFakeStripe(WEBHOOK_SECRET)

const at = (iso: string) => new Date(iso)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion // system + Stripe
    let jpy: TestRegion // system + Stripe
    let monthly: TestProduct // org A: $20 / ¥1,500 a month, 7-day trial
    let plain: TestProduct // org A: $25 a month, no trial
    let installments: TestProduct // org A: 3 x $120, monthly
    let membership: TestProduct // org A: org-wide membership, $50 a month
    let jpyPlan: TestProduct // org B: ¥1,500 a month
    let clock = new Date()

    const container = () => getContainer()
    const access = () => accessService(getContainer())
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const setClock = (d: Date) => (clock = d)
    const runJob = () => runDueSubscriptionRenewals(getContainer(), clock)

    async function subscriptionPlan(product: TestProduct, plan: Record<string, unknown>) {
      await setAccessPlanWorkflow(getContainer()).run({
        input: { variant_id: product.variants[0].id, tier: 1, billing: "subscription", interval: "month", ...plan },
      })
    }

    /** A storefront checkout of one variant with the system provider (optionally a promotion code). */
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

    const subscriptionOf = async (orderId: string) =>
      (await eventually(() => access().listSubscriptions({ origin_order_id: orderId })))[0] as any
    const reload = async (id: string) => (await access().listSubscriptions({ id }))[0] as any
    const renewals = (id: string) => access().listSubscriptionRenewals({ subscription_id: id }, { order: { period_index: "ASC" } })
    async function ordersOf(subId: string) {
      const rows = await renewals(subId)
      const ids = rows.filter((r: any) => r.order_id).map((r: any) => r.order_id)
      if (!ids.length) return []
      const { data } = await query().graph({
        entity: "order",
        fields: ["id", "total", "currency_code", "customer_id", "metadata", "payment_collections.status", "payment_collections.payments.provider_id"],
        filters: { id: ids },
      })
      return ids.map((id: string) => data.find((o: any) => o.id === id))
    }
    const liveOn = async (customerId: string, productId: string) =>
      access().listEntitlements({ customer_id: customerId, product_id: productId, status: "active" })
    const postingsOf = (orderId: string) => eventually(() => ledger().listLedgerTransactions({ reference_type: "order", reference_id: orderId }))

    /** Ends a case's subscription (staff cancel) so later cases' job runs do not bill it. */
    const retire = (id: string) =>
      cancelSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: id, reason: "case over", now: clock } })

    /** The customer's saved method becomes a Stripe card that is declined (or accepted) off-session. */
    async function saveStripeMethod(subId: string, method: string) {
      await access().updateSubscriptions({ id: subId, payment_provider_id: "pp_stripe_stripe", payment_method_ref: { payment_method: method } })
    }

    async function orgPromotion(side: OrgSide, code: string, variantId: string) {
      await createPromotionsWorkflow(getContainer()).run({
        input: {
          promotionsData: [
            {
              code,
              type: "standard",
              status: "active",
              is_automatic: false,
              application_method: {
                type: "percentage",
                target_type: "items",
                allocation: "each",
                value: 100,
                max_quantity: 1,
                target_rules: [{ attribute: "variant_id", operator: "in", values: [variantId] }],
              },
              rules: [{ attribute: "sales_channel_id", operator: "in", values: [side.org.sales_channel_id] }],
            } as any,
          ],
          additional_data: { org_id: side.org.id },
        },
      })
    }

    beforeAll(async () => {
      const c = getContainer()
      c.register(SUBSCRIPTION_CLOCK, asValue(() => clock))
      // The app's own renew-subscriptions job (every 10 minutes of wall time) would read this
      // clock and bill between a case's steps: unscheduled, so every pass is the case's own.
      await unscheduleJobs("renew-subscriptions")
      f = await createTwoOrgFixture(c, api, { prefix: "subs" })
      usd = await createRegion(c, "usd", ["us"], ["pp_system_default", "pp_stripe_stripe"])
      jpy = await createRegion(c, "jpy", ["jp"], ["pp_system_default", "pp_stripe_stripe"])
      const product = (side: OrgSide, handle: string, prices: Record<string, number>) =>
        createTieredProduct(c, side.org, { handle, tiers: [{ title: "Member", tier: null, prices }] })
      monthly = await product(f.a, "subs-monthly", { usd: 20, jpy: 1500 })
      plain = await product(f.a, "subs-plain", { usd: 25 })
      installments = await product(f.a, "subs-installments", { usd: 120 })
      membership = await product(f.a, "subs-membership", { usd: 50 })
      jpyPlan = await product(f.b, "subs-jpy", { jpy: 1500 })
      await subscriptionPlan(monthly, { trial_days: 7 })
      await subscriptionPlan(plain, {})
      await subscriptionPlan(installments, { max_payments: 3 })
      await subscriptionPlan(membership, { scope: "org", tier: 2 })
      await subscriptionPlan(jpyPlan, {})
      await orgPromotion(f.a, "TRIAL-A", monthly.variants[0].id)
      await c.resolve<any>("org").updateOrgs({ id: f.b.org.id, settings: { subscription_grace_days: 4 } })
    })

    describe("plan settings", () => {
      const url = () => `/admin/products/${plain.id}/variants/${plain.variants[0].id}/access-plan`
      it("refuses incomplete or contradictory subscription terms with a message naming the field", async () => {
        const owner = f.a.staff.owner.headers
        const cases: [Record<string, unknown>, string][] = [
          [{ tier: 1, billing: "subscription" }, "needs an interval"],
          [{ tier: 1, billing: "subscription", interval: "day" }, "'interval'"],
          [{ tier: 1, interval: "month" }, 'interval applies only to billing "subscription"'],
          [{ tier: 1, billing: "subscription", interval: "month", trial_days: -1 }, "'trial_days'"],
          [{ tier: 1, billing: "subscription", interval: "month", max_payments: 0 }, "'max_payments'"],
          [{ tier: 1, billing: "subscription", interval: "month", duration_days: 30 }, "duration_days must be empty"],
          [{ tier: 1, billing: "subscription", interval: "month", scope: "world" }, "'scope'"],
        ]
        for (const [body, message] of cases) {
          const res = await send(api, "post", url(), owner, body)
          expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(message)])
        }
        const [plan] = await access().listAccessPlans({ variant_id: plain.variants[0].id })
        expect(plan).toMatchObject({ billing: "subscription", interval: "month", interval_count: 1, trial_days: 0, max_payments: null })
        const ok = await send(api, "post", url(), owner, { tier: 1, billing: "subscription", interval: "month", interval_count: 1 })
        expect(ok.status).toBe(200)
        expect(ok.data.access_plan).toMatchObject({ billing: "subscription", interval: "month", scope: "course" })
      })
    })

    describe("monthly plan with a 7-day trial", () => {
      it("trial -> first charge -> 3 renewals -> failed renewal -> 2 retries -> recovery", async () => {
        const who = f.a.customer
        setClock(at("2027-01-10T12:00:00Z"))
        const first = await checkout(who, usd, monthly.variants[0].id, "TRIAL-A")
        const sub = await subscriptionOf(first)
        expect(sub).toMatchObject({
          status: "trialing",
          customer_id: who.customer.id,
          org_id: f.a.org.id,
          payments_made: 0,
          currency_code: "usd",
        })
        // A free trial checkout has no payment, so no saved method yet (saving one through a
        // Stripe setup intent is not built): the customer's method is the development provider.
        await access().updateSubscriptions({ id: sub.id, payment_provider_id: "pp_system_default", payment_method_ref: null })
        expect(new Date(sub.next_charge_at).toISOString()).toBe("2027-01-17T12:00:00.000Z")
        expect(await liveOn(who.customer.id, monthly.id)).toHaveLength(1)
        const { data: [firstOrder] } = await query().graph({ entity: "order", fields: ["total"], filters: { id: first } })
        expect(Number(firstOrder.total)).toBe(0)

        setClock(at("2027-01-16T12:00:00Z"))
        expect((await runJob()).renewed).toBe(0)

        const expectedEnds = ["2027-02-17", "2027-03-17", "2027-04-17", "2027-05-17"]
        for (const [i, day] of ["2027-01-17", "2027-02-17", "2027-03-17", "2027-04-17"].entries()) {
          setClock(at(`${day}T12:00:00Z`))
          expect(await runJob()).toMatchObject({ renewed: 1, failed: 0 })
          const now = await reload(sub.id)
          expect(now).toMatchObject({ status: "active", payments_made: i + 1, failed_attempts: 0 })
          expect(new Date(now.next_charge_at).toISOString()).toBe(`${expectedEnds[i]}T12:00:00.000Z`)
        }
        let orders = await ordersOf(sub.id)
        expect(orders.map((o: any) => [Number(o.total), o.currency_code, o.customer_id, o.metadata.subscription_id])).toEqual(
          Array(4).fill([20, "usd", who.customer.id, sub.id])
        )
        for (const o of orders) {
          expect((o.payment_collections[0].payments[0] ?? {}).provider_id).toBe("pp_system_default")
          expect(await postingsOf(o.id)).not.toHaveLength(0)
        }
        // Renewal orders start no subscription of their own.
        expect(await access().listSubscriptions({ origin_order_id: orders.map((o: any) => o.id) })).toHaveLength(0)

        // The saved card starts failing: past_due, retries after 1 then 3 days, access kept.
        await saveStripeMethod(sub.id, DECLINED)
        fake.declinedMethods.add(DECLINED)
        setClock(at("2027-05-17T12:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 0, failed: 1 })
        let now = await reload(sub.id)
        expect(now).toMatchObject({ status: "past_due", failed_attempts: 1, payments_made: 4 })
        expect(new Date(now.next_charge_at).toISOString()).toBe("2027-05-18T12:00:00.000Z")
        expect(await liveOn(who.customer.id, monthly.id)).toHaveLength(1)

        setClock(at("2027-05-18T12:00:00Z"))
        expect(await runJob()).toMatchObject({ failed: 1 })
        now = await reload(sub.id)
        expect(now).toMatchObject({ status: "past_due", failed_attempts: 2 })
        expect(new Date(now.next_charge_at).toISOString()).toBe("2027-05-20T12:00:00.000Z")

        // The customer fixes the card; the second retry charges it off-session through Stripe.
        fake.declinedMethods.delete(DECLINED)
        setClock(at("2027-05-20T12:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1, failed: 0 })
        now = await reload(sub.id)
        expect(now).toMatchObject({ status: "active", payments_made: 5, failed_attempts: 0, past_due_since: null })
        // The recovered period keeps its calendar: May 17 -> June 17.
        expect(new Date(now.current_period_start).toISOString()).toBe("2027-05-17T12:00:00.000Z")
        expect(new Date(now.next_charge_at).toISOString()).toBe("2027-06-17T12:00:00.000Z")
        const rows = await renewals(sub.id)
        expect(rows.map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([
          [1, "paid", 1], [2, "paid", 1], [3, "paid", 1], [4, "paid", 1], [5, "paid", 3],
        ])
        orders = await ordersOf(sub.id)
        expect(orders).toHaveLength(5)
        expect(orders[4].payment_collections[0].payments[0].provider_id).toBe("pp_stripe_stripe")
        expect(Number(orders[4].total)).toBe(20)
        expect(await liveOn(who.customer.id, monthly.id)).toHaveLength(1)
        await retire(sub.id)
      })
    })

    describe("dunning to the end (JPY, org grace of 4 days)", () => {
      it("failure -> retries within grace -> canceled, access revoked, no further charge", async () => {
        const who = f.b.customer
        setClock(at("2027-03-01T09:00:00Z"))
        const first = await checkout(who, jpy, jpyPlan.variants[0].id)
        const sub = await subscriptionOf(first)
        expect(sub).toMatchObject({ status: "active", payments_made: 1, currency_code: "jpy", org_id: f.b.org.id })
        const { data: [o1] } = await query().graph({ entity: "order", fields: ["total"], filters: { id: first } })
        expect(Number(o1.total)).toBe(1500)

        setClock(at("2027-04-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1 })
        const [renewal] = await ordersOf(sub.id)
        expect([Number(renewal.total), renewal.currency_code]).toEqual([1500, "jpy"])

        await saveStripeMethod(sub.id, DECLINED)
        fake.declinedMethods.add(DECLINED)
        const steps: [string, string | null, string][] = [
          ["2027-05-01T09:00:00Z", "2027-05-02T09:00:00.000Z", "past_due"],
          ["2027-05-02T09:00:00Z", "2027-05-04T09:00:00.000Z", "past_due"],
          // The third retry would be on day 5, after the 4-day grace: it moves to the grace's end.
          ["2027-05-04T09:00:00Z", "2027-05-05T09:00:00.000Z", "past_due"],
          ["2027-05-05T09:00:00Z", null, "canceled"],
        ]
        for (const [when, next, status] of steps) {
          setClock(at(when))
          expect(await runJob()).toMatchObject({ failed: 1 })
          const now = await reload(sub.id)
          expect([now.status, now.next_charge_at && new Date(now.next_charge_at).toISOString()]).toEqual([status, next])
          expect(await liveOn(who.customer.id, jpyPlan.id)).toHaveLength(status === "canceled" ? 0 : 1)
        }
        const [revoked] = await access().listEntitlements({ customer_id: who.customer.id, product_id: jpyPlan.id })
        expect(revoked).toMatchObject({ status: "revoked", revoke_reason: "subscription payment failed" })
        setClock(at("2027-07-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 0, failed: 0 })
        expect(await ordersOf(sub.id)).toHaveLength(1)
        fake.declinedMethods.delete(DECLINED)
      })
    })

    describe("installments", () => {
      it("3 payments end with lifetime access and no 4th charge", async () => {
        const who = f.a.customer
        setClock(at("2027-01-31T08:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, usd, installments.variants[0].id))
        expect(sub).toMatchObject({ status: "active", payments_made: 1, max_payments: 3 })
        setClock(at("2027-02-28T08:00:00Z")) // Jan 31 + 1 month, clamped
        expect(await runJob()).toMatchObject({ renewed: 1 })
        setClock(at("2027-03-31T08:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1 })
        const done = await reload(sub.id)
        expect(done).toMatchObject({ status: "completed", payments_made: 3, next_charge_at: null })
        setClock(at("2027-06-30T08:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 0 })
        expect((await ordersOf(sub.id)).map((o: any) => Number(o.total))).toEqual([120, 120])
        const [grant] = await liveOn(who.customer.id, installments.id)
        expect(grant).toMatchObject({ status: "active", expires_at: null })
      })
    })

    describe("concurrency", () => {
      it("two renewal runs at once bill each due period once", async () => {
        setClock(at("2028-01-05T10:00:00Z"))
        const subs: any[] = []
        for (let i = 0; i < 4; i++) subs.push(await subscriptionOf(await checkout(f.a.customer, usd, plain.variants[0].id)))
        setClock(at("2028-02-05T10:00:00Z"))
        const [a, b] = await Promise.all([runJob(), runJob()])
        expect(a.renewed + b.renewed).toBe(4)
        for (const s of subs) {
          expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status])).toEqual([[2, "paid"]])
          expect(await ordersOf(s.id)).toHaveLength(1)
          expect(await reload(s.id)).toMatchObject({ payments_made: 2 })
          await retire(s.id)
        }
      })
    })

    describe("rollback", () => {
      it("a renewal whose off-session charge is declined rolls back: period unclaimed, subscription untouched", async () => {
        setClock(at("2028-03-01T10:00:00Z"))
        const sub = await subscriptionOf(await checkout(f.a.customer, usd, plain.variants[0].id))
        setClock(at("2028-04-01T10:00:00Z"))
        const before = await reload(sub.id)
        await saveStripeMethod(sub.id, DECLINED)
        fake.declinedMethods.add(DECLINED)
        const { errors } = await renewSubscriptionWorkflow(getContainer()).run({
          input: { subscription_id: sub.id, now: clock },
          throwOnError: false,
        })
        expect(errors.length).toBeGreaterThan(0)
        const after = await reload(sub.id)
        expect([after.payments_made, after.status, after.next_charge_at]).toEqual([before.payments_made, before.status, before.next_charge_at])
        expect(await renewals(sub.id)).toHaveLength(0)
        // The card works again: the job then bills the period once.
        fake.declinedMethods.delete(DECLINED)
        expect(await runJob()).toMatchObject({ renewed: 1 })
        expect((await renewals(sub.id)).map((r: any) => r.status)).toEqual(["paid"])
        await retire(sub.id)
      })
    })

    describe("org-wide membership", () => {
      it("unlocks every course of the org, including one created after subscribing", async () => {
        const who = f.a.customer
        setClock(at("2028-05-01T10:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, usd, membership.variants[0].id))
        expect(sub).toMatchObject({ scope: "org", tier: 2 })
        expect(await liveOn(who.customer.id, monthly.id)).toEqual(expect.arrayContaining([expect.objectContaining({ tier: 2, source_type: "subscription" })]))
        const later = await createTieredProduct(getContainer(), f.a.org, {
          handle: "subs-later-course",
          tiers: [{ title: "Basic", tier: 1, prices: { usd: 10 } }],
        })
        const grants = await eventually(() => liveOn(who.customer.id, later.id))
        expect(grants).toEqual([expect.objectContaining({ tier: 2, source_id: `${sub.id}:${later.id}` })])
        const other = await createTieredProduct(getContainer(), f.b.org, { handle: "subs-b-course", tiers: [{ title: "Basic", tier: 1, prices: { usd: 10 } }] })
        await new Promise((r) => setTimeout(r, 500))
        expect(await liveOn(who.customer.id, other.id)).toHaveLength(0)
        const { data } = await api.get("/store/customers/me/entitlements", { headers: who.headers })
        expect(data.entitlements.map((e: any) => e.product_id)).toContain(later.id)
        await retire(sub.id)
        expect(await liveOn(who.customer.id, later.id)).toHaveLength(0)
      })
    })

    describe("routes and actors", () => {
      it("customers list, cancel at period end and resume only their own, in the key's org", async () => {
        const who = f.a.customer
        setClock(at("2028-07-01T10:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, usd, plain.variants[0].id))
        const list = (h: Record<string, string>) => send(api, "get", "/store/customers/me/subscriptions", h)

        expect((await list(f.a.key.headers)).status).toBe(401)
        const mine = await list(who.headers)
        expect(mine.status).toBe(200)
        const row = mine.data.subscriptions.find((s: any) => s.id === sub.id)
        expect(row).toMatchObject({ status: "active", next_charge_amount: 25, cancel_at_period_end: false })
        expect(new Date(row.next_charge_at).toISOString()).toBe("2028-08-01T10:00:00.000Z")
        expect(mine.data.subscriptions.every((s: any) => s.customer_id === who.customer.id && s.org_id === f.a.org.id)).toBe(true)
        const theirs = await list(f.b.customer.headers)
        expect(theirs.data.subscriptions.map((s: any) => s.id)).not.toContain(sub.id)
        // Org A's customer on org B's storefront sees nothing of org A.
        const crossKey = await list({ ...who.headers, "x-publishable-api-key": f.b.key.token })
        expect(crossKey.data.subscriptions ?? []).toHaveLength(0)

        const act = (action: string, h: Record<string, string>, body: unknown = {}) =>
          send(api, "post", `/store/customers/me/subscriptions/${sub.id}/${action}`, h, body)
        expect((await act("cancel", f.a.key.headers)).status).toBe(401)
        expect((await act("cancel", f.b.customer.headers)).status).toBe(404)
        expect((await act("cancel", { ...who.headers, "x-publishable-api-key": f.b.key.token })).status).toBe(404)
        const extra = await act("cancel", who.headers, { ids: [sub.id] })
        expect(extra.status).toBe(400)
        expect((await reload(sub.id)).cancel_at_period_end).toBe(false)

        expect((await act("cancel", who.headers)).data.subscription).toMatchObject({ cancel_at_period_end: true })
        expect((await act("resume", who.headers)).data.subscription).toMatchObject({ cancel_at_period_end: false })
        expect((await act("cancel", who.headers)).status).toBe(200)

        // At period end the job ends it: no charge, access revoked; resume is then refused.
        setClock(at("2028-08-01T10:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 0, ended: 1 })
        expect(await reload(sub.id)).toMatchObject({ status: "canceled", cancel_reason: "canceled at period end" })
        expect(await ordersOf(sub.id)).toHaveLength(0)
        const resumed = await act("resume", who.headers)
        expect([resumed.status, resumed.data.message]).toEqual([400, expect.stringContaining("is canceled")])
      })

      it("admin list, detail and cancel: org staff with commerce roles and the operator only", async () => {
        setClock(at("2028-09-01T10:00:00Z"))
        const subA = await subscriptionOf(await checkout(f.a.customer, usd, plain.variants[0].id))
        const subB = await subscriptionOf(await checkout(f.b.customer, jpy, jpyPlan.variants[0].id))
        const get = (url: string, h: Record<string, string>) => send(api, "get", url, h)

        expect((await get("/admin/subscriptions", {})).status).toBe(401)
        expect((await get("/admin/subscriptions", f.a.customer.headers)).status).toBe(401)
        const ownerA = await get("/admin/subscriptions", f.a.staff.owner.headers)
        expect(ownerA.status).toBe(200)
        expect(ownerA.data.subscriptions.map((s: any) => s.org_id)).toEqual(expect.arrayContaining([f.a.org.id]))
        expect(ownerA.data.subscriptions.every((s: any) => s.org_id === f.a.org.id)).toBe(true)
        const ownerB = await get("/admin/subscriptions", f.b.staff.owner.headers)
        expect(ownerB.data.subscriptions.map((s: any) => s.id)).not.toContain(subA.id)
        const platform = await get("/admin/subscriptions", f.platform.headers)
        expect([platform.status, Object.keys(platform.data)]).toEqual([200, expect.arrayContaining(["subscriptions"])])
        expect(platform.data.subscriptions.map((s: any) => s.id)).toEqual(expect.arrayContaining([subA.id]))
        expect((await get(`/admin/subscriptions/${subB.id}`, f.platform.headers)).status).toBe(200)
        expect((await get("/admin/subscriptions", f.a.staff.creator.headers)).status).toBe(403)
        expect((await get("/admin/subscriptions?fields=customer.orders.items", f.a.staff.owner.headers)).status).toBe(400)

        expect((await get(`/admin/subscriptions/${subA.id}`, f.b.staff.owner.headers)).status).toBe(404)
        expect((await get(`/admin/subscriptions/${subB.id}`, f.a.staff.owner.headers)).status).toBe(404)
        const detail = await get(`/admin/subscriptions/${subA.id}`, f.a.staff.manager.headers)
        expect(detail.status).toBe(200)
        expect(detail.data.subscription).toMatchObject({ id: subA.id, next_charge_amount: 25, renewals: [] })

        const cancel = (id: string, h: Record<string, string>, body: unknown) => send(api, "post", `/admin/subscriptions/${id}/cancel`, h, body)
        expect((await cancel(subA.id, f.b.staff.owner.headers, { reason: "not yours" })).status).toBe(404)
        expect((await cancel(subA.id, f.a.staff.creator.headers, { reason: "no role" })).status).toBe(403)
        const bad = await cancel(subA.id, f.a.staff.owner.headers, { reason: "x" })
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringContaining("'reason'")])
        expect((await cancel(subA.id, f.a.staff.owner.headers, { reason: "refund asked", ids: [subB.id] })).status).toBe(400)
        expect((await cancel(subA.id, f.a.staff.owner.headers, { reason: "bad\u0000" })).status).toBe(400)
        expect(await reload(subA.id)).toMatchObject({ status: "active" })
        const done = await cancel(subA.id, f.a.staff.owner.headers, { reason: "customer asked for a refund" })
        expect([done.status, done.data.subscription.status]).toEqual([200, "canceled"])
        expect(await liveOn(f.a.customer.customer.id, plain.id).then((l: any[]) => l.filter((e) => e.source_id.startsWith(subA.id)))).toHaveLength(0)
      })
    })
  },
})
