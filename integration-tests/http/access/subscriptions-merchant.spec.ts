import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createCustomer, type CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"

const {
  SUBSCRIPTION_CLOCK,
  runDueSubscriptionRenewals,
  cancelSubscriptionWorkflow,
  setAccessPlanWorkflow,
  refundSubscriptionPeriodWorkflow,
} = require("@volmify/access/workflows")
const { upsertAffiliateProgramWorkflow, createOrderCommissionsWorkflow } = require("@volmify/affiliates/workflows")
const { createAttributionRuleWorkflow } = require("@volmify/attribution/workflows")

jest.setTimeout(300_000)

// Many clicks from one test client; the dedupe window and click limit have their own tests.
process.env.VOLMIFY_AFFILIATE_CLICK_DEDUPE_SECONDS = "0"
process.env.VOLMIFY_AFFILIATE_CLICKS_PER_MINUTE = "1000"

const at = (iso: string) => new Date(iso)
/** Background subscribers (start, capture, postings) on a loaded machine. */
const SLOW = { timeoutMs: 60_000, intervalMs: 300 }
type H = Record<string, string>

/**
 * The merchant side of subscriptions (issue 24): refunding a period, the metrics route,
 * affiliate commissions and creator shares on renewals. One booted app; the subscription
 * clock walks months in seconds.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let monthlyA: TestProduct // org A: $20 / ¥1,500 a month
    let bMonthly: TestProduct // org B: ¥1,500 / $15 a month
    let bWeekly: TestProduct // org B: $10 a week
    let bYearly: TestProduct // org B: $120 a year
    let bTrial: TestProduct // org B: $30 a month after 14 trial days
    let b2: CustomerActor
    let b3: CustomerActor
    let clock = new Date()

    const access = () => accessService(getContainer())
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const affiliates = () => getContainer().resolve<any>("affiliates")
    const setClock = (d: Date) => (clock = d)
    const runJob = () => runDueSubscriptionRenewals(getContainer(), clock)

    async function plan(product: TestProduct, terms: Record<string, unknown>) {
      await setAccessPlanWorkflow(getContainer()).run({
        input: { variant_id: product.variants[0].id, tier: 1, billing: "subscription", interval: "month", ...terms },
      })
    }

    /** A storefront checkout of one variant with the system provider (a trial applied), optionally through an affiliate's click. */
    async function checkout(who: CustomerActor, region: TestRegion, variantId: string, ref?: { code: string; click_id: string }): Promise<string> {
      const h = { headers: who.headers }
      const { data: c } = await api.post("/store/carts", { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, h)
      if (ref) await api.post(`/store/carts/${c.cart.id}/referral`, ref, h)
      // As the storefront does: a plan's free trial makes its line free (nothing charged now).
      await api.post(`/store/carts/${c.cart.id}/subscription-trial`, {}, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data.error ?? data)}`)
      return data.order.id
    }
    const subscribe = async (who: CustomerActor, region: TestRegion, product: TestProduct, when: string, ref?: { code: string; click_id: string }) => {
      setClock(at(when))
      const orderId = await checkout(who, region, product.variants[0].id, ref)
      const [sub] = await eventually(() => access().listSubscriptions({ origin_order_id: orderId }), SLOW)
      if (!sub) throw new Error(`no subscription started by ${orderId}`)
      return sub as any
    }
    const reload = async (id: string) => (await access().listSubscriptions({ id }))[0] as any
    const renewals = (id: string) => access().listSubscriptionRenewals({ subscription_id: id }, { order: { period_index: "ASC" } })
    const live = (customerId: string, productId: string) => access().listEntitlements({ customer_id: customerId, product_id: productId, status: "active" })
    const retire = (id: string) => cancelSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: id, reason: "case over", now: clock } })
    async function paymentOf(orderId: string) {
      const { data } = await query().graph({
        entity: "order",
        fields: ["id", "payment_collections.payments.id", "payment_collections.payments.captured_at", "payment_collections.payments.refunds.amount"],
        filters: { id: orderId },
      })
      return data[0].payment_collections[0].payments[0]
    }
    const refunded = async (orderId: string) =>
      ((await paymentOf(orderId)).refunds ?? []).reduce((s: any, r: any) => MathBN.add(s, r.amount), MathBN.convert(0)).toNumber()
    /** Every posting of the order balances: debits = credits. */
    async function balancedPostings(orderId: string) {
      const txs = await eventually(
        () => ledger().listLedgerTransactions({ reference_type: "order", reference_id: orderId }, { relations: ["entries"] }),
        SLOW
      )
      expect(txs.length).toBeGreaterThan(0)
      for (const tx of txs) {
        const net = tx.entries.reduce((s: any, e: any) => (e.direction === "debit" ? MathBN.add(s, e.amount) : MathBN.sub(s, e.amount)), MathBN.convert(0))
        expect(MathBN.convert(net).toNumber()).toBe(0)
      }
      return txs
    }

    beforeAll(async () => {
      const c = getContainer()
      c.register(SUBSCRIPTION_CLOCK, asValue(() => clock))
      f = await createTwoOrgFixture(c, api, { prefix: "subm" })
      usd = await createRegion(c, "usd", ["us"])
      jpy = await createRegion(c, "jpy", ["jp"])
      const product = (org: any, handle: string, prices: Record<string, number>) =>
        createTieredProduct(c, org, { handle, tiers: [{ title: "Member", tier: null, prices }] })
      monthlyA = await product(f.a.org, "subm-monthly-a", { usd: 20, jpy: 1500 })
      bMonthly = await product(f.b.org, "subm-monthly-b", { jpy: 1500, usd: 15 })
      bWeekly = await product(f.b.org, "subm-weekly-b", { usd: 10 })
      bYearly = await product(f.b.org, "subm-yearly-b", { usd: 120 })
      bTrial = await product(f.b.org, "subm-trial-b", { usd: 30 })
      await plan(monthlyA, {})
      await plan(bMonthly, {})
      await plan(bWeekly, { interval: "week" })
      await plan(bYearly, { interval: "year" })
      await plan(bTrial, { trial_days: 14 })
      b2 = await createCustomer(api, f.b.key)
      b3 = await createCustomer(api, f.b.key)
    })

    describe("metrics", () => {
      const url = (q: string) => `/admin/subscriptions/metrics${q}`
      const window = "?from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z"

      it("MRR per currency (minor units, normalised to a month), subscribers, churn and trial conversion, by hand", async () => {
        const b = f.b.customer
        const s1 = await subscribe(b, jpy, bMonthly, "2029-12-01T10:00:00Z") // ¥1,500 / month: paying all along
        const s2 = await subscribe(b, usd, bWeekly, "2029-12-30T10:00:00Z") // $10 / week: churns on Jan 10
        const s3 = await subscribe(b2, usd, bYearly, "2029-12-10T10:00:00Z") // $120 / year = $10 / month
        const s4 = await subscribe(b2, usd, bTrial, "2029-12-20T10:00:00Z") // trial to Jan 3, then pays $30
        const s5 = await subscribe(b3, usd, bTrial, "2029-12-25T10:00:00Z") // trial to Jan 8, canceled on Jan 5
        const s6 = await subscribe(b3, usd, bWeekly, "2029-12-28T10:00:00Z") // $10 / week = $43.33 / month
        const s7 = await subscribe(b3, usd, bMonthly, "2030-01-02T10:00:00Z") // $15 / month, starts inside the window
        expect([s4.status, s5.status]).toEqual(["trialing", "trialing"])

        setClock(at("2030-01-03T10:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 2 }) // S1's period 2; S4's trial ends: period 1 paid
        expect((await renewals(s4.id)).find((r: any) => r.period_index === 1)).toMatchObject({ status: "paid" })
        setClock(at("2030-01-05T10:00:00Z"))
        await retire(s5.id)
        setClock(at("2030-01-10T10:00:00Z"))
        await retire(s2.id)
        setClock(at("2030-01-20T10:00:00Z"))

        const res = await send(api, "get", url(window), f.b.staff.owner.headers)
        expect(res.status).toBe(200)
        // Paying at Jan 20 (now, before `to`): S1 ¥1,500; S3 12000/12 = 1000; S4 3000; S6
        // 1000 x 52/12 = 4333.33; S7 1500 -> 9833.33 cents, rounded once -> 9833.
        // At Jan 1: S1, S2, S3, S6 (S4, S5 in trial; S7 not started) -> 1 of 4 churned (S2).
        // Trials ended in the window: S4 (paid period 1) and S5 (canceled in trial) -> 1 of 2.
        expect(res.data.metrics).toEqual({
          org_id: f.b.org.id,
          from: "2030-01-01T00:00:00.000Z",
          to: "2030-02-01T00:00:00.000Z",
          measured_at: "2030-01-20T10:00:00.000Z",
          mrr: [
            { currency_code: "jpy", amount: 1500 },
            { currency_code: "usd", amount: 9833 },
          ],
          active_subscriptions: 5,
          active_subscribers: 3,
          unpriced_subscriptions: 0,
          churn: { canceled: 1, active_at_start: 4, rate: "0.2500" },
          trial_conversion: { converted: 1, ended: 2, rate: "0.5000" },
        })

        // A window ending before S2's cancellation: MRR at its end, nothing churned.
        const early = await send(api, "get", url("?from=2030-01-01T00:00:00Z&to=2030-01-04T00:00:00Z"), f.b.staff.manager.headers)
        expect(early.data.metrics).toMatchObject({
          measured_at: "2030-01-04T00:00:00.000Z",
          // S1; S2 + S6 weekly 2 x 4333.33; S3 1000; S4 3000; S7 1500 -> 14166.67 -> 14167.
          mrr: [
            { currency_code: "jpy", amount: 1500 },
            { currency_code: "usd", amount: 14167 },
          ],
          active_subscriptions: 6,
          churn: { canceled: 0, active_at_start: 4, rate: "0.0000" },
          trial_conversion: { converted: 1, ended: 1, rate: "1.0000" },
        })
        // The operator sees the same for org B, and every org without org_id.
        const operator = await send(api, "get", url(`${window}&org_id=${f.b.org.id}`), f.platform.headers)
        expect(operator.data.metrics).toEqual(res.data.metrics)
        const all = await send(api, "get", url(window), f.platform.headers)
        expect([all.status, all.data.metrics.org_id, all.data.metrics.active_subscriptions >= 5]).toEqual([200, null, true])
        // Later cases run the renewal job: these must not bill any more.
        for (const s of [s1, s3, s4, s6, s7]) await retire(s.id)
      }, 600_000)

      it("actors: anonymous and customers 401, creators 403, org A's staff see only org A (another org's id: 404)", async () => {
        const get = (q: string, h: H) => send(api, "get", url(q), h)
        expect((await get(window, {})).status).toBe(401)
        expect((await get(window, f.a.customer.headers)).status).toBe(401)
        expect((await get(window, f.b.customer.headers)).status).toBe(401)
        expect((await get(window, f.b.staff.creator.headers)).status).toBe(403)
        expect((await get(window, f.outsider.headers)).status).toBe(403)
        const a = await get(window, f.a.staff.owner.headers)
        expect([a.status, a.data.metrics.org_id]).toEqual([200, f.a.org.id])
        expect(a.data.metrics.mrr.find((m: any) => m.currency_code === "jpy")).toBeUndefined()
        expect((await get(`${window}&org_id=${f.b.org.id}`, f.a.staff.owner.headers)).status).toBe(404)
        expect((await get(`${window}&org_id=${f.a.org.id}`, f.a.staff.owner.headers)).status).toBe(200)
        expect((await get(`${window}&fields=customer.orders.items`, f.a.staff.owner.headers)).status).toBe(400)
      })

      it("bad periods are 400s naming the problem", async () => {
        const get = (q: string) => send(api, "get", url(q), f.b.staff.owner.headers)
        const cases: [string, string][] = [
          ["?from=2030-02-01T00:00:00Z&to=2030-01-01T00:00:00Z", "from must be before to"],
          ["?from=yesterday", "from must be an ISO 8601"],
          ["?to=2030-13-45", "to must be an ISO 8601"],
          ["?from=2000-01-01&to=2030-01-01", "at most 10 years"],
          ["?org=x", "org"],
        ]
        for (const [q, message] of cases) {
          const res = await get(q)
          expect([q, res.status, res.data.message]).toEqual([q, 400, expect.stringContaining(message)])
        }
      })
    })

    describe("refund a period", () => {
      const refundUrl = (subId: string, renewalId: string) => `/admin/subscriptions/${subId}/renewals/${renewalId}/refund`

      it("an earlier period: money back, the subscription goes on; the current one: canceled, access revoked (JPY)", async () => {
        const who = f.a.customer
        const sub = await subscribe(who, jpy, monthlyA, "2030-03-01T09:00:00Z")
        const subB = await subscribe(f.b.customer, jpy, bMonthly, "2030-03-01T09:00:00Z") // org B's
        for (const day of ["2030-04-01", "2030-05-01"]) {
          setClock(at(`${day}T09:00:00Z`))
          expect(await runJob()).toMatchObject({ renewed: 2 })
        }
        const [p2, p3] = await renewals(sub.id)
        expect([p2.period_index, p3.period_index]).toEqual([2, 3])
        await eventually(async () => {
          return (await paymentOf(p3.order_id)).captured_at
        }, SLOW)
        setClock(at("2030-05-10T09:00:00Z"))
        const post = (subId: string, renewalId: string, h: H, body: unknown = { reason: "customer asked" }) =>
          send(api, "post", refundUrl(subId, renewalId), h, body)

        // Actor matrix and other orgs' ids: nothing is refunded by any of these.
        expect((await post(sub.id, p2.id, {})).status).toBe(401)
        expect((await post(sub.id, p2.id, who.headers)).status).toBe(401)
        expect((await post(sub.id, p2.id, f.b.customer.headers)).status).toBe(401)
        expect((await post(sub.id, p2.id, f.a.staff.creator.headers)).status).toBe(403)
        expect((await post(sub.id, p2.id, f.b.staff.owner.headers)).status).toBe(404)
        const bRenewal = (await renewals(subB.id))[0]
        expect(bRenewal).toMatchObject({ status: "paid" })
        expect((await post(subB.id, p2.id, f.a.staff.owner.headers)).status).toBe(404) // org B's subscription
        expect((await post(sub.id, bRenewal.id, f.a.staff.owner.headers)).status).toBe(404) // org B's renewal under A's
        expect((await post(sub.id, p2.id, f.a.staff.owner.headers, { reason: "x" })).status).toBe(400)
        const extra = await post(sub.id, p2.id, f.a.staff.owner.headers, { reason: "customer asked", renewal_ids: [bRenewal.id] })
        expect([extra.status, extra.data.message]).toEqual([400, expect.stringContaining("renewal_ids")])
        expect((await post(sub.id, p2.id, f.a.staff.owner.headers, { reason: "customer asked" })).status).toBe(200)
        expect(await refunded(bRenewal.order_id)).toBe(0)

        // Period 2 (earlier) is refunded in full: ¥1,500; the subscription and access go on.
        expect(await refunded(p2.order_id)).toBe(1500)
        expect(await reload(sub.id)).toMatchObject({ status: "active", payments_made: 3 })
        expect(await live(who.customer.id, monthlyA.id)).toHaveLength(1)
        const again = await post(sub.id, p2.id, f.a.staff.manager.headers)
        expect([again.status, again.data.message]).toEqual([400, "this period is already refunded"])
        expect(await refunded(p2.order_id)).toBe(1500)

        // The detail shows what was refunded per period, with the order it links to.
        const detail = await send(api, "get", `/admin/subscriptions/${sub.id}`, f.a.staff.owner.headers)
        expect(detail.data.subscription.renewals.map((r: any) => [r.period_index, r.order_id, r.refunded_amount])).toEqual([
          [2, p2.order_id, 1500],
          [3, p3.order_id, 0],
        ])

        // Period 3 is the current one (May 1 - June 1): refunding it cancels now and ends access.
        const current = await send(api, "post", refundUrl(sub.id, p3.id), f.platform.headers, { reason: "refund the month" })
        expect([current.status, current.data.refund]).toEqual([200, expect.objectContaining({ order_id: p3.order_id, canceled: true })])
        expect(await refunded(p3.order_id)).toBe(1500)
        const ended = await reload(sub.id)
        expect(ended).toMatchObject({ status: "canceled", next_charge_at: null, cancel_reason: "current period refunded: refund the month" })
        expect(new Date(ended.canceled_at).toISOString()).toBe("2030-05-10T09:00:00.000Z")
        expect(await live(who.customer.id, monthlyA.id)).toHaveLength(0)
        await retire(subB.id)
        setClock(at("2030-06-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 0 })
        expect(await renewals(sub.id)).toHaveLength(2)
        for (const r of [p2, p3]) await balancedPostings(r.order_id)
      })

      it("partial refunds: a part of the current period is money only; what is left then cancels; decimals and excess refused (JPY, USD)", async () => {
        const who = f.a.customer
        const sub = await subscribe(who, jpy, monthlyA, "2031-03-01T09:00:00Z")
        setClock(at("2031-04-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1 })
        const [p2] = await renewals(sub.id)
        await eventually(async () => (await paymentOf(p2.order_id)).captured_at, SLOW)
        setClock(at("2031-04-10T09:00:00Z"))
        const post = (body: unknown) => send(api, "post", refundUrl(sub.id, p2.id), f.a.staff.owner.headers, body)

        // Refused, nothing refunded: more decimals than yen have, nothing, not a number, more than was paid.
        for (const [amount, message] of [
          ["500.5", "amount 500.5 has more decimals than JPY allows (0)"],
          ["0", "amount must be a positive decimal amount such as 12.50"],
          ["abc", "amount must be a positive decimal amount such as 12.50"],
          [-3, "amount"],
          ["1501", "amount 1501 is more than the 1500 JPY left to refund of this period"],
        ] as const) {
          const res = await post({ reason: "goodwill", amount })
          expect([amount, res.status, res.data.message]).toEqual([amount, 400, expect.stringContaining(message)])
        }
        expect(await refunded(p2.order_id)).toBe(0)

        // ¥500 of the current period: money only, the subscription and access go on.
        const part = await post({ reason: "goodwill", amount: "500" })
        expect([part.status, part.data.refund]).toEqual([200, expect.objectContaining({ amount: "500", canceled: false })])
        expect(await refunded(p2.order_id)).toBe(500)
        expect(await reload(sub.id)).toMatchObject({ status: "active" })
        expect(await live(who.customer.id, monthlyA.id)).toHaveLength(1)
        const detail = await send(api, "get", `/admin/subscriptions/${sub.id}`, f.a.staff.owner.headers)
        expect(detail.data.subscription.renewals.map((r: any) => [r.period_index, r.refunded_amount])).toEqual([[2, 500]])
        const tooMuch = await post({ reason: "again", amount: 1001 })
        expect([tooMuch.status, tooMuch.data.message]).toEqual([400, "amount 1001 is more than the 1000 JPY left to refund of this period"])

        // What is left (¥1,000, asked as a number) is everything: the subscription ends now.
        const rest = await post({ reason: "customer left", amount: 1000 })
        expect([rest.status, rest.data.refund]).toEqual([200, expect.objectContaining({ amount: "1000", canceled: true })])
        expect(await refunded(p2.order_id)).toBe(1500)
        expect(await reload(sub.id)).toMatchObject({ status: "canceled" })
        expect(await live(who.customer.id, monthlyA.id)).toHaveLength(0)
        expect((await post({ reason: "once more", amount: "1" })).data.message).toBe("this period is already refunded")
        await balancedPostings(p2.order_id)

        // USD: cents, not fractions of them.
        const dollars = await subscribe(who, usd, monthlyA, "2031-06-01T09:00:00Z")
        setClock(at("2031-07-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1 })
        const [u2] = await renewals(dollars.id)
        await eventually(async () => (await paymentOf(u2.order_id)).captured_at, SLOW)
        const usdPost = (body: unknown) => send(api, "post", refundUrl(dollars.id, u2.id), f.a.staff.manager.headers, body)
        expect((await usdPost({ reason: "goodwill", amount: "7.255" })).data.message).toBe("amount 7.255 has more decimals than USD allows (2)")
        const cents = await usdPost({ reason: "goodwill", amount: "7.25" })
        expect([cents.status, cents.data.refund]).toEqual([200, expect.objectContaining({ amount: "7.25", canceled: false })])
        expect(await refunded(u2.order_id)).toBe(7.25)
        await retire(dollars.id)
        await balancedPostings(u2.order_id)
      })

      it("an unpaid period cannot be refunded", async () => {
        const sub = await subscribe(f.a.customer, usd, monthlyA, "2030-07-01T09:00:00Z")
        const [row] = await access().createSubscriptionRenewals([
          { subscription_id: sub.id, period_index: 2, status: "failed", attempts: 1, period_start: at("2030-08-01T09:00:00Z"), period_end: at("2030-09-01T09:00:00Z") },
        ])
        const res = await send(api, "post", refundUrl(sub.id, row.id), f.a.staff.owner.headers, { reason: "customer asked" })
        expect([res.status, res.data.message]).toEqual([400, expect.stringContaining("not paid")])
        await access().deleteSubscriptionRenewals([row.id])
        await retire(sub.id)
      })
    })

    describe("renewals earn affiliate commissions as the program says; creators' shares on every renewal", () => {
      let alice: CustomerActor
      let affiliate: any
      let employeeId: string

      /**
       * The runner restores the database before every test: each case sets up org A's
       * program (10 %, the given subscription setting), the affiliate SUBALICE and a 70 %
       * creator rule on the product.
       */
      async function setup(recurring: Record<string, unknown>) {
        const c = getContainer()
        await setProgram(recurring)
        alice = await createCustomer(api, f.a.key)
        affiliate = (await api.post("/store/affiliates", { code: "SUBALICE" }, { headers: alice.headers })).data.affiliate
        expect(affiliate).toMatchObject({ status: "approved" })
        const [employee] = await c.resolve<any>("org").listOrgEmployees({ org_id: f.a.org.id, user_id: f.a.staff.creator.user.id })
        employeeId = employee.id
        await createAttributionRuleWorkflow(c).run({
          input: { product_id: monthlyA.id, employee_id: employeeId, role: "creator", type: "percent", percent_bps: 7000 },
        })
      }

      /** The program of org A: 10 % with the given subscription setting, checked as saved. */
      async function setProgram(recurring: Record<string, unknown>) {
        const { result } = await upsertAffiliateProgramWorkflow(getContainer()).run({
          input: { org_id: f.a.org.id, enabled: true, commission_type: "percent", commission_bps: 1000, ...recurring },
        })
        expect(result).toMatchObject({ enabled: true, ...recurring })
      }

      /** A referred subscription that renews 3 times (4 paid periods); its orders' commissions and creator shares. */
      async function referredSubscription(region: TestRegion, start: string) {
        const { data } = await api.post("/store/affiliates/clicks", { code: "SUBALICE" }, { headers: f.a.key.headers })
        const sub = await subscribe(f.a.customer, region, monthlyA, start, { code: "SUBALICE", click_id: data.click.id })
        const first = new Date(start)
        for (let m = 1; m <= 3; m++) {
          const due = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, first.getUTCDate(), first.getUTCHours()))
          setClock(due)
          expect(await runJob()).toMatchObject({ renewed: 1 })
        }
        const orders = [sub.origin_order_id, ...(await renewals(sub.id)).map((r: any) => r.order_id)]
        expect(orders).toHaveLength(4)
        const skipped: (string | null)[] = []
        for (const id of orders) {
          // The order.placed subscriber runs it too: a second run changes nothing.
          const { result } = await createOrderCommissionsWorkflow(getContainer()).run({ input: { order_id: id } })
          skipped.push(result.skipped)
        }
        const commissions = await affiliates().listAffiliateCommissions({ order_id: orders }, { order: { ordered_at: "ASC" } })
        await retire(sub.id)
        return { sub, orders, skipped, commissions }
      }

      /** The creator's share posted for each order (credited to the ledger's payable to that employee), once posted. */
      async function creatorShares(orders: string[]) {
        const shares: number[] = []
        for (const id of orders) {
          const share = await eventually(async () => {
            const txs = await balancedPostings(id)
            const entries = txs.flatMap((t: any) => t.entries)
            const accounts = await ledger().listLedgerAccounts({ id: entries.map((e: any) => e.account_id), owner_id: employeeId })
            const mine = new Set(accounts.map((a: any) => a.id))
            const credit = entries
              .filter((e: any) => mine.has(e.account_id))
              .reduce((s: any, e: any) => (e.direction === "credit" ? MathBN.add(s, e.amount) : MathBN.sub(s, e.amount)), MathBN.convert(0))
            return MathBN.convert(credit).toNumber() // 0 (not posted yet) tries again
          }, SLOW)
          shares.push(share)
        }
        return shares
      }

      it("first payment only (the default): 1 commission; renewals say why they earn none; the creator earns on all 4", async () => {
        await setup({})
        const { orders, skipped, commissions } = await referredSubscription(usd, "2031-01-05T10:00:00Z")
        expect(commissions.map((c: any) => [c.order_id, c.affiliate_id, Number(c.amount)])).toEqual([[orders[0], affiliate.id, 2]])
        expect(skipped.slice(1)).toEqual(Array(3).fill("subscription renewal: the program pays on the first payment only"))
        // 70 % of what is left of $20 after fees, the same for the first order and each renewal.
        const shares = await creatorShares(orders)
        expect(shares[0]).toBeGreaterThan(0)
        expect(shares).toEqual(Array(4).fill(shares[0]))
      })

      it("recurring for 2 months: the first payment and the period starting 1 month later (2 commissions)", async () => {
        await setup({ recurring_commission: "recurring", recurring_months: 2 })
        const { orders, skipped, commissions } = await referredSubscription(usd, "2031-06-05T10:00:00Z")
        expect(commissions.map((c: any) => [c.order_id, c.affiliate_id, c.source, Number(c.amount)])).toEqual([
          [orders[0], affiliate.id, "click", 2],
          [orders[1], affiliate.id, "click", 2],
        ])
        expect(skipped.slice(2)).toEqual([
          "subscription renewal: period 3 starts after the program's 2 months of recurring commission",
          "subscription renewal: period 4 starts after the program's 2 months of recurring commission",
        ])
        expect(commissions[1]).toMatchObject({ click_id: commissions[0].click_id, status: "pending" })
      })

      it("recurring forever, in JPY: 4 commissions of ¥150; the creator's share on each; postings balance", async () => {
        await setup({})
        const program = await send(api, "post", "/admin/affiliate-program", f.a.staff.owner.headers, { recurring_commission: "recurring", recurring_months: null })
        expect([program.status, program.data.program]).toEqual([200, expect.objectContaining({ recurring_commission: "recurring", recurring_months: null })])
        const { orders, commissions } = await referredSubscription(jpy, "2032-01-05T10:00:00Z")
        expect(commissions.map((c: any) => [c.order_id, c.currency_code, Number(c.amount)])).toEqual(orders.map((id) => [id, "jpy", 150]))
        const shares = await creatorShares(orders)
        expect([Number.isInteger(shares[0]), shares[0] > 0]).toEqual([true, true]) // whole yen
        expect(shares).toEqual(Array(4).fill(shares[0]))
      })

      it("the program setting is validated: 400 naming the field; nothing saved", async () => {
        const post = (body: unknown) => send(api, "post", "/admin/affiliate-program", f.a.staff.owner.headers, body)
        await setProgram({ recurring_commission: "recurring", recurring_months: null })
        const before = (await send(api, "get", `/admin/affiliate-program?org_id=${f.a.org.id}`, f.a.staff.owner.headers)).data.program
        for (const [body, field] of [
          [{ recurring_commission: "sometimes" }, "recurring_commission"],
          [{ recurring_months: 0 }, "recurring_months"],
          [{ recurring_months: 2.5 }, "recurring_months"],
        ] as const) {
          const res = await post(body)
          expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(field)])
        }
        const after = (await send(api, "get", `/admin/affiliate-program?org_id=${f.a.org.id}`, f.a.staff.owner.headers)).data.program
        expect(after).toEqual(before)
        const ok = await post({ recurring_commission: "recurring", recurring_months: 6 })
        expect([ok.status, ok.data.program]).toEqual([200, expect.objectContaining({ recurring_commission: "recurring", recurring_months: 6 })])
      })
    })

    describe("rollback", () => {
      it("a refund that fails after the cancellation leaves the subscription, its access and the payment as they were", async () => {
        const who = f.a.customer
        const sub = await subscribe(who, usd, monthlyA, "2033-01-01T09:00:00Z")
        setClock(at("2033-02-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1 })
        const [p2] = await renewals(sub.id)
        await eventually(async () => {
          return (await paymentOf(p2.order_id)).captured_at
        }, SLOW)
        setClock(at("2033-02-10T09:00:00Z"))
        // A step that throws right after the access is revoked, before the refund.
        const wf = refundSubscriptionPeriodWorkflow(getContainer())
        wf.insertActionAfter("revoke-subscription-access", "fail-before-refund", {
          invoke: async () => {
            throw new Error("forced failure before the refund")
          },
        })
        const { errors } = await wf.run({
          input: { subscription_id: sub.id, renewal_id: p2.id, reason: "forced failure", now: clock },
          throwOnError: false,
        })
        expect(errors).toHaveLength(1)
        expect(await reload(sub.id)).toMatchObject({ status: "active", canceled_at: null, payments_made: 2 })
        expect(await live(who.customer.id, monthlyA.id)).toHaveLength(1)
        expect(await refunded(p2.order_id)).toBe(0)
        // Without the fault the same refund goes through once.
        const ok = await send(api, "post", `/admin/subscriptions/${sub.id}/renewals/${p2.id}/refund`, f.a.staff.owner.headers, { reason: "now for real" })
        expect([ok.status, await refunded(p2.order_id)]).toEqual([200, 20])
      })
    })
  },
})
