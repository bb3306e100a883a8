import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type { CustomerActor } from "../../helpers/actors"
import { createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useFakeStripe } from "../../helpers/fake-stripe"
import { collectIds, createTwoOrgFixture, ROLES, type TwoOrgFixture } from "../../helpers/orgs"
import { send } from "../../helpers/http"
import { runFailingAfter } from "../../helpers/workflows"

import * as attribution from "@volmify/attribution/workflows"
import { AttributionEvents } from "@volmify/attribution/events"

jest.setTimeout(300_000)

/*
 * Actual processing fees: the fee Stripe charged (its balance transaction) replaces the
 * org's 3 % estimate in the posting; refunds leave the fee with whoever bears it; the
 * reconciliation view compares the provider with the books. Stripe is the real Medusa
 * provider against the local fake (integration-tests/helpers/fake-stripe.ts).
 */
const WEBHOOK_SECRET = "whsec_volmify_fees_secret"
const STRIPE = "pp_stripe_stripe"
const fake = useFakeStripe(WEBHOOK_SECRET)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let course: TestProduct // org A, $100 / ¥14,800, creator rule 70 %
    let yoga: TestProduct // org B, $49
    let creator: string // org A's creator employee
    const month = new Date().toISOString().slice(0, 7)

    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const posting = (orderId: string) => ledger().findByReference("order", orderId)
    const adjustmentsOf = (orderId: string) => ledger().listLedgerTransactions({ reference_type: "processing_fee", reference_id: orderId }, { relations: ["entries"] })
    const reversalsOf = async (orderId: string) => {
      const tx = await posting(orderId)
      return tx ? ledger().listLedgerTransactions({ reverses_id: tx.id }, { relations: ["entries"] }) : []
    }

    /** A transaction's entries as { "<code>[:owner]": signed amount } (debit +, credit -); numbers only for readable expectations. */
    async function split(tx: { entries: any[] }) {
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

    async function paymentOf(orderId: string) {
      const { data } = await query().graph({ entity: "order", fields: ["payment_collections.payments.*"], filters: { id: orderId } })
      return data[0].payment_collections[0].payments[0]
    }

    /** A storefront checkout paid with Stripe (the fake confirms the intent) and completed; captured at placement. */
    async function buyWithStripe(who: CustomerActor, region: TestRegion, variantId: string) {
      const h = { headers: who.headers }
      const { data: c } = await api.post(
        "/store/carts",
        { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] },
        h
      )
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      const { data: ps } = await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: STRIPE }, h)
      fake.confirm(ps.payment_collection.payment_sessions.find((s: any) => s.provider_id === STRIPE).data.id)
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data)}`)
      const orderId = data.order.id as string
      await eventually(() => posting(orderId), { timeoutMs: 60_000 })
      return orderId
    }

    async function refund(orderId: string, amount: number) {
      const pay = await paymentOf(orderId)
      await api.post(`/admin/payments/${pay.id}/refund`, { amount }, { headers: f.platform.headers })
      return eventually(() => reversalsOf(orderId), { timeoutMs: 30_000 })
    }

    const reconciliation = (headers: Record<string, string>, params: string) => send(api, "get", `/admin/reconciliation?${params}`, headers)

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "fees" })
      usd = await createRegion(container, "usd", ["ca"], [STRIPE])
      jpy = await createRegion(container, "jpy", ["kr"], [STRIPE])
      course = await createTieredProduct(container, f.a.org, {
        handle: "fees-course",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }],
      })
      yoga = await createTieredProduct(container, f.b.org, { handle: "fees-yoga", tiers: [{ title: "Basic", tier: 1, prices: { usd: 49 } }] })
      const [employee] = await container.resolve<any>("org").listOrgEmployees({ org_id: f.a.org.id, user_id: f.a.staff.creator.user.id })
      creator = `payable:${employee.id}`
      await attribution.createAttributionRuleWorkflow(container).run({
        input: { product_id: course.id, employee_id: employee.id, role: "creator", type: "percent", percent_bps: 7000, effective_from: new Date(Date.now() - 86400_000) },
      })
    })

    // The runner restores the database to its state after beforeAll before every case: each
    // case buys what it needs.

    describe("the fee Stripe charged replaces the estimate; refunds leave it with the bearer", () => {
      it("Stripe's $3.20 on $100 is what the posting uses; a full refund leaves it with the org (default), whose books show it", async () => {
        fake.chargeFees(() => ({ fee: 320 }))
        const orderId = await buyWithStripe(f.a.customer, usd, course.variants[0].id)
        const tx = await posting(orderId)
        // $100, 5 % platform, $3.20 processing: net 91.80; creator 70 % = 64.26; org 27.54.
        expect(await split(tx)).toEqual({ cash: 100, platform_fees: -5, processing_fees: -3.2, [creator]: -64.26, revenue: -27.54 })
        const payment = await paymentOf(orderId)
        const [bt] = [...fake.balanceTransactions.values()].filter((b) => b.source === fake.intents.get(payment.data.id)!.latest_charge)
        expect(payment.data.processing_fee).toEqual({
          amount: "3.20",
          currency_code: "usd",
          provider: "stripe",
          reference: bt.id,
          provider_fee: 320,
          provider_currency: "usd",
          exchange_rate: null,
        })
        expect(tx.metadata.processing_fee).toEqual({ source: "provider", amount: "3.20", providers: [STRIPE], references: [bt.id] })
        expect(fake.requests.some((r) => r.method === "GET" && r.path === `/v1/payment_intents/${payment.data.id}`)).toBe(true)

        const [reversal] = await refund(orderId, 100)
        expect(await split(reversal)).toEqual({ cash: -100, platform_fees: 5, [creator]: 64.26, revenue: 27.54, processing_fee_expense: 3.2 })
        // The processing fee is still credited (the processor kept it); everything else nets to zero.
        expect(await split({ entries: [...tx.entries, ...reversal.entries] })).toEqual({
          cash: 0,
          platform_fees: 0,
          processing_fees: -3.2,
          [creator]: 0,
          revenue: 0,
          processing_fee_expense: 3.2,
        })
        const { data } = await api.get(`/admin/earnings/summary?currency_code=usd`, { headers: f.a.staff.owner.headers })
        expect(data.summary).toEqual([
          expect.objectContaining({ currency_code: "usd", gross: 100, refunded: 100, processing_fees: 3.2, refund_fees_org: 3.2, refund_fees_platform: 0 }),
        ])
        // A replayed refund event reverses nothing more.
        await attribution.reverseOrderRevenueWorkflow(getContainer()).run({ input: { order_id: orderId } })
        expect(await reversalsOf(orderId)).toHaveLength(1)
      })

      it("refund_fee_bearer is a platform-set term (validated; org staff 403); with platform the platform carries the fee; a fee settled in EUR is converted", async () => {
        const url = `/admin/orgs/${f.a.org.id}`
        const bad = await send(api, "post", url, f.platform.headers, { settings: { refund_fee_bearer: "nobody" } })
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/refund_fee_bearer/)])
        for (const role of ["owner", "admin", "manager", "creator", "staff"] as const) {
          const denied = await send(api, "post", url, f.a.staff[role].headers, { settings: { refund_fee_bearer: "platform" } })
          expect(denied.status).toBe(403)
        }
        const owner = await send(api, "post", url, f.a.staff.owner.headers, { settings: { refund_fee_bearer: "platform" } })
        expect(owner.data.message).toBe("settings.refund_fee_bearer is set by the platform; only platform operators can change it")
        expect((await send(api, "post", `/admin/orgs/${f.b.org.id}`, f.a.staff.owner.headers, { settings: { refund_fee_bearer: "platform" } })).status).toBe(404)
        const ok = await send(api, "post", url, f.platform.headers, { settings: { refund_fee_bearer: "platform" } })
        expect([ok.status, ok.data.org?.settings?.refund_fee_bearer]).toEqual([200, "platform"])
        const { data: b } = await api.get(`/admin/orgs/${f.b.org.id}`, { headers: f.b.staff.owner.headers })
        expect(b.org.settings?.refund_fee_bearer).toBeUndefined()

        // Settled in EUR at 0.9: fee 2.90 EUR -> $3.2222 -> $3.22; net 91.78; creator 64.246 -> 64.25, org 27.53.
        fake.chargeFees(() => ({ fee: 290, currency: "eur", exchange_rate: 0.9 }))
        const orderId = await buyWithStripe(f.a.customer, usd, course.variants[0].id)
        expect(await split(await posting(orderId))).toEqual({ cash: 100, platform_fees: -5, processing_fees: -3.22, [creator]: -64.25, revenue: -27.53 })
        expect((await paymentOf(orderId)).data.processing_fee).toMatchObject({ amount: "3.22", provider_fee: 290, provider_currency: "eur", exchange_rate: "0.9" })

        const [reversal] = await refund(orderId, 100)
        expect(await split(reversal)).toEqual({ cash: -100, platform_fees: 5, [creator]: 64.25, revenue: 27.53, "processing_fee_expense:platform": 3.22 })
        const { data } = await api.get(`/admin/earnings/summary?currency_code=usd`, { headers: f.a.staff.owner.headers })
        expect(data.summary).toEqual([expect.objectContaining({ refunded: 100, refund_fees_org: 0, refund_fees_platform: 3.22 })])
      })

      it("JPY: Stripe's ¥474 in whole yen; a partial refund keeps its share of the fee", async () => {
        fake.chargeFees(() => ({ fee: 474 }))
        const orderId = await buyWithStripe(f.a.customer, jpy, course.variants[0].id)
        // ¥14,800: 740 platform, 474 processing, net 13,586; 70 % = 9,510.2 -> 9,510; org 4,076.
        const tx = await posting(orderId)
        expect(await split(tx)).toEqual({ cash: 14800, platform_fees: -740, processing_fees: -474, [creator]: -9510, revenue: -4076 })
        expect(tx.entries.every((e: any) => MathBN.convert(e.amount).isInteger())).toBe(true)
        const [reversal] = await refund(orderId, 4800)
        // 4,800 / 14,800 of each credit by largest remainder: 240, 153.7 -> 154 kept, 3,084.3 -> 3,084, 1,321.9 -> 1,322.
        expect(await split(reversal)).toEqual({ cash: -4800, platform_fees: 240, processing_fee_expense: 154, [creator]: 3084, revenue: 1322 })
      })

      it("without fee data the estimate stays, marked as estimated; a reported fee adjusts it once (duplicates, concurrency, rollback); a refund then reverses the adjusted split", async () => {
        fake.chargeFees(null) // the charge is not settled: no balance transaction yet
        const orderId = await buyWithStripe(f.a.customer, usd, course.variants[0].id)
        const tx = await posting(orderId)
        expect(tx.metadata.processing_fee).toMatchObject({ source: "estimate", amount: "3.00" })
        expect((await paymentOf(orderId)).data.processing_fee).toBeUndefined()
        expect(await split(tx)).toEqual({ cash: 100, platform_fees: -5, processing_fees: -3, [creator]: -64.4, revenue: -27.6 })

        const input = { order_id: orderId, processing_fee: { amount: "3.20", currency_code: "usd", provider: "stripe", reference: "txn_late" } }
        const container = getContainer()
        // Bad reports are refused, naming the problem, and post nothing.
        const refused = (processing_fee: unknown) =>
          attribution.adjustOrderProcessingFeeWorkflow(container).run({ input: { order_id: orderId, processing_fee } }).then(() => null, (e: any) => [e.type, e.message])
        expect(await refused({ amount: "3.20", currency_code: "eur" })).toEqual(["invalid_data", "processing_fee.currency_code must be the order's currency (USD), got eur"])
        expect(await refused({ amount: "3.205", currency_code: "usd" })).toEqual(["invalid_data", "processing_fee.amount has more than 2 decimal(s) for USD: 3.205"])
        // The workflow rolls back whole and releases the order's lock.
        const failed = await runFailingAfter(attribution.adjustOrderProcessingFeeWorkflow(container), "post-ledger-entries", input)
        expect(failed.errors.map((e) => e.error.message)).toEqual(["forced failure after post-ledger-entries"])
        expect(await adjustmentsOf(orderId)).toEqual([])

        // The same report delivered twice as an event, then five more runs at once: one adjustment.
        const bus = container.resolve(Modules.EVENT_BUS)
        await bus.emit([
          { name: AttributionEvents.PROCESSING_FEE_REPORTED, data: input },
          { name: AttributionEvents.PROCESSING_FEE_REPORTED, data: input },
        ])
        const [adjustment] = await eventually(() => adjustmentsOf(orderId), { timeoutMs: 30_000 })
        const runs = await Promise.all(Array.from({ length: 5 }, () => attribution.adjustOrderProcessingFeeWorkflow(container).run({ input })))
        expect(runs.map((r: any) => r.result)).toEqual(Array(5).fill({ skipped: "already adjusted", transaction: null }))
        expect(await adjustmentsOf(orderId)).toHaveLength(1)
        // Fee +0.20; the net's parts give it up: creator 64.40 -> 64.26, org 27.60 -> 27.54. Cash unchanged.
        expect(adjustment).toMatchObject({ kind: "adjustment", org_id: f.a.org.id, metadata: { order_id: orderId, processing_fee: { amount: "3.20", previous: "3.00", reference: "txn_late" } } })
        expect(await split(adjustment)).toEqual({ processing_fees: -0.2, [creator]: 0.14, revenue: 0.06 })
        expect(await split({ entries: [...tx.entries, ...adjustment.entries] })).toEqual({
          cash: 100,
          platform_fees: -5,
          processing_fees: -3.2,
          [creator]: -64.26,
          revenue: -27.54,
        })

        const [reversal] = await refund(orderId, 100)
        expect(await split(reversal)).toEqual({ cash: -100, platform_fees: 5, [creator]: 64.26, revenue: 27.54, processing_fee_expense: 3.2 })
      })
    })

    describe("reconciliation per org and month", () => {
      it("actor matrix: owners, admins and platform operators; others 403; another org's 404; no id of org B leaks; bad input 400; unknown org 404", async () => {
        fake.chargeFees(() => ({ fee: 320 }))
        const aOrder = await buyWithStripe(f.a.customer, usd, course.variants[0].id)
        const bOrder = await buyWithStripe(f.b.customer, usd, yoga.variants[0].id)
        const params = `month=${month}&org_id=${f.a.org.id}`
        const actors = [
          { name: "anonymous", headers: {}, want: 401 },
          { name: "customer of A", headers: { authorization: f.a.customer.headers.authorization }, want: 401 },
          { name: "customer of B", headers: { authorization: f.b.customer.headers.authorization }, want: 401 },
          ...ROLES.map((r) => ({ name: `${r} of A`, headers: f.a.staff[r].headers, want: r === "owner" || r === "admin" ? 200 : 403 })),
          { name: "owner of B", headers: f.b.staff.owner.headers, want: 404 },
          { name: "admin user of no org", headers: f.outsider.headers, want: 403 },
          { name: "platform operator", headers: f.platform.headers, want: 200 },
        ]
        const wrong: string[] = []
        for (const a of actors) {
          const res = await reconciliation(a.headers, params)
          if (res.status !== a.want) wrong.push(`${a.name}: ${res.status} (expected ${a.want}) ${JSON.stringify(res.data)}`)
          if (res.status === 200) {
            expect(res.data.reconciliation.orders.map((o: any) => o.order_id)).toEqual([aOrder])
            const ids = collectIds(res.data)
            expect([bOrder, f.b.org.id].filter((id) => ids.has(id))).toEqual([])
          }
        }
        expect(wrong).toEqual([])
        // Org B's owner without org_id reads their own org, never A's orders.
        const own = await reconciliation(f.b.staff.owner.headers, `month=${month}`)
        expect(own.data.reconciliation.orders.map((o: any) => o.order_id)).toEqual([bOrder])
        expect(collectIds(own.data).has(aOrder)).toBe(false)

        const cases = [
          [f.a.staff.owner.headers, "month=2026-13", 400, /month must be a month as YYYY-MM/],
          [f.a.staff.owner.headers, "month=december", 400, /month must be a month as YYYY-MM/],
          [f.a.staff.owner.headers, "", 400, /month/],
          [f.a.staff.owner.headers, `month=${month}&extra=1`, 400, /extra/],
          [f.platform.headers, `month=${month}`, 400, /org_id is required/],
          [f.platform.headers, `month=${month}&org_id=org_01NOTANORG0000000000000000`, 404, /was not found/],
        ] as const
        for (const [headers, query, status, message] of cases) {
          const res = await reconciliation(headers, query)
          expect([query, res.status, res.data.message]).toEqual([query, status, expect.stringMatching(message)])
        }
      })

      it("a clean month lists no difference (USD and JPY, refunds, an estimated fee); a manual ledger entry on an order is named with its amounts", async () => {
        fake.chargeFees(() => ({ fee: 320 }))
        const refunded = await buyWithStripe(f.a.customer, usd, course.variants[0].id)
        await refund(refunded, 100)
        fake.chargeFees(() => ({ fee: 474 }))
        const yen = await buyWithStripe(f.a.customer, jpy, course.variants[0].id)
        await refund(yen, 4800)
        fake.chargeFees(null)
        const estimated = await buyWithStripe(f.a.customer, usd, course.variants[0].id)

        const clean = await reconciliation(f.a.staff.owner.headers, `month=${month}`)
        expect(clean.status).toBe(200)
        const r = clean.data.reconciliation
        expect(r.differences).toEqual([])
        const byId = Object.fromEntries(r.orders.map((o: any) => [o.order_id, o]))
        expect(Object.keys(byId).sort()).toEqual([refunded, yen, estimated].sort())
        expect(byId[refunded]).toMatchObject({
          providers: [STRIPE],
          fee_source: "provider",
          provider: { captured: "100.00", refunded: "100.00", fee: "3.20" },
          ledger: { captured: "100.00", refunded: "100.00", fee: "3.20" },
          differences: [],
        })
        expect(byId[yen]).toMatchObject({
          provider: { captured: "14800", refunded: "4800", fee: "474" },
          ledger: { captured: "14800", refunded: "4800", fee: "474" },
        })
        expect(byId[estimated]).toMatchObject({ fee_source: "estimate", provider: { fee: null }, ledger: { captured: "100.00", fee: "3.00" } })
        expect(r.currencies.find((c: any) => c.currency_code === "usd")).toMatchObject({
          provider: { captured: "200.00", refunded: "100.00", fees: "3.20", estimated_fee_orders: 1 },
          ledger: { captured: "200.00", refunded: "100.00", fees: "6.20" },
          by_provider: [{ provider_id: STRIPE, captured: "200.00", refunded: "100.00", fees: "3.20", estimated_fee_orders: 1 }],
        })

        // Someone books 0.50 more processing fee on the refunded order by hand.
        const accounts = await ledger().listLedgerAccounts({ org_id: f.a.org.id, currency_code: "usd", code: ["processing_fees", "revenue"] })
        const acct = (code: string) => accounts.find((a: any) => a.code === code && !a.owner_id).id
        await ledger().postTransaction({
          org_id: f.a.org.id,
          currency_code: "usd",
          kind: "adjustment",
          reference_type: "manual",
          reference_id: `manual-${refunded}`,
          metadata: { order_id: refunded },
          entries: [
            { account_id: acct("revenue"), direction: "debit", amount: "0.50" },
            { account_id: acct("processing_fees"), direction: "credit", amount: "0.50" },
          ],
        })
        const forced = (await reconciliation(f.a.staff.owner.headers, `month=${month}`)).data.reconciliation
        const { data: order } = await query().graph({ entity: "order", fields: ["display_id"], filters: { id: refunded } })
        expect(forced.differences).toEqual([
          { order_id: refunded, display_id: order[0].display_id, differences: [{ field: "fee", provider: "3.20", ledger: "3.70", difference: "-0.50" }] },
        ])
      })
    })
  },
})
