import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import {
  createCustomerGroupsWorkflow,
  createPriceListsWorkflow,
  createTaxRegionsWorkflow,
  linkCustomersToCustomerGroupWorkflow,
} from "@medusajs/medusa/core-flows"
import { createCustomer, type CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useFakeStripe } from "../../helpers/fake-stripe"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"
import { unscheduleJobs } from "../../helpers/workflows"

// The renewal job's bulk path (renewSubscriptionsBatchWorkflow, the job's default): many due
// periods billed in one batch, each still a real Medusa order, taxed, paid, captured, posted
// and credited like the per-subscription path's (renewSubscriptionWorkflow, the cart path),
// which renews a reference subscription of each currency in the same case for comparison.

const {
  SUBSCRIPTION_CLOCK,
  SUBSCRIPTION_TEST_FAULTS,
  runDueSubscriptionRenewals,
  renewSubscriptionWorkflow,
  renewSubscriptionsBatchWorkflow,
  setAccessPlanWorkflow,
} = require("@volmify/access/workflows")
const { upsertAffiliateProgramWorkflow } = require("@volmify/affiliates/workflows")

jest.setTimeout(300_000)

process.env.VOLMIFY_AFFILIATE_CLICK_DEDUPE_SECONDS = "0"

const WEBHOOK_SECRET = "whsec_volmify_batch_secret"
const DECLINED = "pm_batch_declined"
const fake = useFakeStripe(WEBHOOK_SECRET)

const at = (iso: string) => new Date(iso)
/** Background subscribers (start, capture, postings, commissions) on a loaded machine. */
const SLOW = { timeoutMs: 60_000, intervalMs: 300 }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion // US, 8 % tax (exclusive), system + Stripe
    let jpy: TestRegion // Japan, 10 % tax (exclusive), system + Stripe
    let plan: TestProduct // org A: $20 / ¥1,500 a month
    let alice: CustomerActor // an affiliate of org A (code BATCHALICE)
    let clock = new Date()

    const access = () => accessService(getContainer())
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const ledger = () => getContainer().resolve<any>("ledger")
    const affiliates = () => getContainer().resolve<any>("affiliates")
    const setClock = (d: Date) => (clock = d)
    const runJob = (options: Record<string, unknown> = {}) => runDueSubscriptionRenewals(getContainer(), clock, options)

    async function checkout(region: TestRegion, ref?: { code: string; click_id: string }): Promise<string> {
      const h = { headers: f.a.customer.headers }
      const { data: c } = await api.post(
        "/store/carts",
        { region_id: region.id, email: f.a.customer.customer.email, items: [{ variant_id: plan.variants[0].id, quantity: 1 }] },
        h
      )
      if (ref) await api.post(`/store/carts/${c.cart.id}/referral`, ref, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data.error ?? data)}`)
      return data.order.id
    }
    /** Subscriptions started by real checkouts at `start` (period 2 due a month later), one per region given. */
    async function subscribe(start: string, regions: TestRegion[], ref?: { code: string; click_id: string }) {
      setClock(at(start))
      const subs: any[] = []
      for (const region of regions) {
        const orderId = await checkout(region, ref)
        const [sub] = await eventually(() => access().listSubscriptions({ origin_order_id: orderId }), SLOW)
        if (!sub) throw new Error(`no subscription started by ${orderId}`)
        subs.push(sub)
      }
      return subs
    }
    const reload = async (id: string) => (await access().listSubscriptions({ id }))[0] as any
    const renewals = (id: string) => access().listSubscriptionRenewals({ subscription_id: id }, { order: { period_index: "ASC" } })
    const renewalOrders = async (subId: string): Promise<string[]> =>
      (await pg().raw(`select id from "order" where deleted_at is null and metadata->>'subscription_id' = ?`, [subId])).rows.map((r: any) => r.id)
    const liveGrants = (subId: string) =>
      access().listEntitlements({ source_type: "subscription", source_id: { $like: `${subId}:%` }, status: "active" })
    async function orderFacts(id: string) {
      const {
        data: [o],
      } = await query().graph({
        entity: "order",
        fields: [
          "id", "status", "total", "subtotal", "tax_total", "currency_code", "customer_id", "region_id", "sales_channel_id", "email", "metadata",
          "shipping_address.country_code",
          "items.variant_id", "items.product_id", "items.title", "items.unit_price", "items.quantity", "items.requires_shipping", "items.is_tax_inclusive",
          "items.tax_lines.rate", "items.tax_lines.code",
          "payment_collections.amount", "payment_collections.status",
          "payment_collections.payments.provider_id", "payment_collections.payments.amount", "payment_collections.payments.captured_at",
        ],
        filters: { id },
      })
      return o as any
    }
    /** What must be equal between a batch order and the cart path's (ids, dates and the cart aside). */
    const comparable = (o: any) => ({
      status: o.status,
      total: Number(o.total),
      subtotal: Number(o.subtotal),
      tax_total: Number(o.tax_total),
      currency_code: o.currency_code,
      customer_id: o.customer_id,
      region_id: o.region_id,
      sales_channel_id: o.sales_channel_id,
      email: o.email,
      country: o.shipping_address?.country_code ?? null,
      metadata_keys: Object.keys(o.metadata ?? {}).sort(),
      items: o.items.map((i: any) => ({
        variant_id: i.variant_id,
        product_id: i.product_id,
        title: i.title,
        unit_price: Number(i.unit_price),
        quantity: Number(i.quantity),
        requires_shipping: i.requires_shipping,
        is_tax_inclusive: i.is_tax_inclusive,
        tax_lines: i.tax_lines.map((t: any) => [Number(t.rate), t.code]),
      })),
      payment_collections: o.payment_collections.map((pc: any) => ({
        amount: Number(pc.amount),
        payments: pc.payments.map((p: any) => ({ provider_id: p.provider_id, amount: Number(p.amount), captured: !!p.captured_at })),
      })),
    })
    /** The order's ledger postings once posted, each checked to balance; entries as [account, direction, amount]. */
    async function postings(orderId: string) {
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
        .flatMap((t: any) => t.entries.map((e: any) => [e.account_id, e.direction, MathBN.convert(e.amount).toString()]))
        .sort((a: string[], b: string[]) => a.join().localeCompare(b.join()))
    }
    const captured = (orderId: string) =>
      eventually(async () => {
        const o = await orderFacts(orderId)
        return o.payment_collections[0]?.payments[0]?.captured_at ? o : null
      }, SLOW)
    const hasCart = async (orderId: string) =>
      !!(await query().graph({ entity: "order", fields: ["id", "cart.id"], filters: { id: orderId } })).data[0]?.cart?.id

    beforeAll(async () => {
      const c = getContainer()
      c.register(SUBSCRIPTION_CLOCK, asValue(() => clock))
      // The app's own job (every 10 minutes of wall time) would read this clock: unscheduled.
      await unscheduleJobs("renew-subscriptions")
      f = await createTwoOrgFixture(c, api, { prefix: "subsbatch" })
      await createTaxRegionsWorkflow(c).run({
        input: [
          { country_code: "us", provider_id: "tp_system", default_tax_rate: { rate: 8, code: "us-8", name: "US 8 %" } },
          { country_code: "jp", provider_id: "tp_system", default_tax_rate: { rate: 10, code: "jp-10", name: "JP 10 %" } },
        ],
      })
      usd = await createRegion(c, "usd", ["us"], ["pp_system_default", "pp_stripe_stripe"])
      jpy = await createRegion(c, "jpy", ["jp"], ["pp_system_default", "pp_stripe_stripe"])
      plan = await createTieredProduct(c, f.a.org, { handle: "subsbatch-monthly", tiers: [{ title: "Member", tier: null, prices: { usd: 20, jpy: 1500 } }] })
      await setAccessPlanWorkflow(c).run({ input: { variant_id: plan.variants[0].id, tier: 1, billing: "subscription", interval: "month" } })
      // Org A's affiliate program pays 10 % on every renewal too; Alice is its affiliate.
      await upsertAffiliateProgramWorkflow(c).run({
        input: { org_id: f.a.org.id, enabled: true, commission_type: "percent", commission_bps: 1000, recurring_commission: "recurring", recurring_months: null },
      })
      alice = await createCustomer(api, f.a.key)
      const { data } = await api.post("/store/affiliates", { code: "BATCHALICE" }, { headers: alice.headers })
      expect(data.affiliate).toMatchObject({ status: "approved" })
    })

    it("bills USD and JPY periods in one batch as real orders equal to the cart path's: tax, capture, balanced postings, a referred one's commission, access kept; a declined card goes to dunning", async () => {
      const start = "2027-01-15T10:00:00Z"
      const { data: click } = await api.post("/store/affiliates/clicks", { code: "BATCHALICE" }, { headers: f.a.key.headers })
      const [referred] = await subscribe(start, [usd], { code: "BATCHALICE", click_id: click.click.id })
      const [refUsd, refJpy, usd2, jpy2, jpy3, declined] = await subscribe(start, [usd, jpy, usd, jpy, jpy, usd])
      const batch = [referred, usd2, jpy2, jpy3]
      const all = [refUsd, refJpy, ...batch, declined]
      const grantsBefore = new Map<string, number>()
      for (const s of all) grantsBefore.set(s.id, (await liveGrants(s.id)).length)
      expect([...grantsBefore.values()].every((n) => n === 1)).toBe(true)

      setClock(at("2027-02-15T10:00:00Z"))
      // The references: one subscription of each currency through the per-subscription (cart) path.
      const single: Record<string, string> = {}
      for (const s of [refUsd, refJpy]) {
        const { result } = await renewSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: s.id, now: clock } })
        expect(result.action).toBe("charge")
        single[s.currency_code] = result.order_id
      }
      await access().updateSubscriptions({ id: declined.id, payment_provider_id: "pp_stripe_stripe", payment_method_ref: { payment_method: DECLINED } })
      fake.declinedMethods.add(DECLINED)

      // The job's pass: the bulk path takes the five others in one batch.
      expect(await runJob()).toMatchObject({ renewed: 4, failed: 1, errored: 0 })
      fake.declinedMethods.delete(DECLINED)

      const ref = { usd: await captured(single.usd), jpy: await captured(single.jpy) }
      expect(await hasCart(single.usd)).toBe(true)
      // Exact amounts: $20 + 8 % = $21.60; ¥1,500 + 10 % = ¥1,650 (whole yen).
      expect([ref.usd.total, ref.usd.tax_total, ref.jpy.total, ref.jpy.tax_total].map(Number)).toEqual([21.6, 1.6, 1650, 150])
      const refPostings = { usd: await postings(single.usd), jpy: await postings(single.jpy) }

      for (const s of batch) {
        const orders = await renewalOrders(s.id)
        expect(orders).toHaveLength(1)
        const [orderId] = orders
        // Billed by the batch (no cart), not by the cart path.
        expect(await hasCart(orderId)).toBe(false)
        const o = await captured(orderId)
        expect(o.metadata).toEqual({ subscription_id: s.id, subscription_period: 2 })
        expect(comparable(o)).toEqual(comparable(ref[s.currency_code as "usd" | "jpy"]))
        // The same ledger postings as the cart path's renewal in that currency, balanced.
        expect(await postings(orderId)).toEqual(refPostings[s.currency_code as "usd" | "jpy"])
        expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status, r.attempts, r.order_id])).toEqual([[2, "paid", 1, orderId]])
        const now = await reload(s.id)
        expect(now).toMatchObject({ status: "active", payments_made: 2, failed_attempts: 0, past_due_since: null })
        expect(new Date(now.current_period_start).toISOString()).toBe("2027-02-15T10:00:00.000Z")
        expect(new Date(now.next_charge_at).toISOString()).toBe("2027-03-15T10:00:00.000Z")
        expect((await liveGrants(s.id)).length).toBe(grantsBefore.get(s.id))
      }
      // The references advanced the same way.
      for (const s of [refUsd, refJpy]) {
        expect(await reload(s.id)).toMatchObject({ status: "active", payments_made: 2, failed_attempts: 0 })
        expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([[2, "paid", 1]])
      }

      // The referred subscription's renewal earns Alice 10 % of $20, as its first order did.
      const [referredRenewal] = await renewalOrders(referred.id)
      const commissions = await eventually(
        () => affiliates().listAffiliateCommissions({ order_id: [referred.origin_order_id, referredRenewal] }).then((cs: any[]) => (cs.length === 2 ? cs : [])),
        SLOW
      )
      expect(commissions.map((c: any) => [c.order_id, c.source, Number(c.amount)]).sort()).toEqual(
        [[referred.origin_order_id, "click", 2], [referredRenewal, "click", 2]].sort()
      )
      expect(new Set(commissions.map((c: any) => c.affiliate_id)).size).toBe(1)
      // No one else was referred: no commission on the other renewals.
      const others = (await Promise.all([usd2, jpy2, jpy3, refUsd, refJpy].map((s) => renewalOrders(s.id)))).flat()
      expect(await affiliates().listAffiliateCommissions({ order_id: others })).toEqual([])

      // The declined card: no order, a failed record of period 2, past due with one attempt, access kept (as the cart path's dunning).
      expect(await renewalOrders(declined.id)).toEqual([])
      expect(await reload(declined.id)).toMatchObject({ status: "past_due", failed_attempts: 1, payments_made: 1 })
      expect(new Date((await reload(declined.id)).next_charge_at).toISOString()).toBe("2027-02-16T10:00:00.000Z")
      expect((await renewals(declined.id)).map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([[2, "failed", 1]])
      expect((await liveGrants(declined.id)).length).toBe(1)
      const { rows: orphans } = await pg().raw(
        `select pc.id from payment_collection pc left join order_payment_collection opc on opc.payment_collection_id = pc.id and opc.deleted_at is null
          left join cart_payment_collection cpc on cpc.payment_collection_id = pc.id and cpc.deleted_at is null
          where pc.deleted_at is null and opc.id is null and cpc.id is null`
      )
      expect(orphans).toEqual([])

      // A second pass at the same time bills nothing; the retry day bills the declined one once (per subscription: it is past due).
      expect(await runJob()).toMatchObject({ renewed: 0, failed: 0, errored: 0 })
      setClock(at("2027-02-16T10:00:00Z"))
      expect(await runJob()).toMatchObject({ renewed: 1, failed: 0 })
      expect(await renewalOrders(declined.id)).toHaveLength(1)
      expect((await renewals(declined.id)).map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([[2, "paid", 2]])
      for (const s of all) expect(await renewalOrders(s.id)).toHaveLength(1)
    })

    it("a customer in a customer group (a price list of their own) is left to the cart path and billed at their price", async () => {
      const [sub] = await subscribe("2027-08-03T10:00:00Z", [usd])
      const c = getContainer()
      const { result: [group] } = await createCustomerGroupsWorkflow(c).run({ input: { customersData: [{ name: `batch-vip-${Date.now()}` }] } })
      await linkCustomersToCustomerGroupWorkflow(c).run({ input: { id: group.id, add: [f.a.customer.customer.id] } })
      await createPriceListsWorkflow(c).run({
        input: {
          price_lists_data: [
            {
              title: "VIP members",
              description: "VIP price",
              status: "active",
              type: "override",
              rules: { "customer.groups.id": [group.id] },
              prices: [{ amount: 15, currency_code: "usd", variant_id: plan.variants[0].id }],
            },
          ],
        },
      })
      setClock(at("2027-09-03T10:00:00Z"))
      expect(await runJob()).toMatchObject({ renewed: 1, failed: 0, errored: 0 })
      const [orderId] = await renewalOrders(sub.id)
      // Through a cart (the per-subscription path), at the group's $15 + 8 % tax, not the batch's $20.
      expect(await hasCart(orderId)).toBe(true)
      const o = await orderFacts(orderId)
      expect([Number(o.items[0].unit_price), Number(o.total)]).toEqual([15, 16.2])
      await linkCustomersToCustomerGroupWorkflow(c).run({ input: { id: group.id, remove: [f.a.customer.customer.id] } })
    })

    it("a region taxed by a provider other than Medusa's system one (it may tax by customer) is left to the cart path", async () => {
      const [sub] = await subscribe("2027-10-03T10:00:00Z", [usd])
      const origin = await renewalOrders(sub.id)
      const rowsBefore = (await renewals(sub.id)).length
      // The US tax region handed to another provider (a row as a registered provider has).
      await pg().raw(`insert into tax_provider (id, is_enabled) values ('tp_external_test', true) on conflict (id) do nothing`)
      await pg().raw(`update tax_region set provider_id = 'tp_external_test' where country_code = 'us' and parent_id is null and deleted_at is null`)
      setClock(at("2027-11-03T10:00:00Z"))
      const { result } = await renewSubscriptionsBatchWorkflow(getContainer()).run({ input: { now: clock, limit: 100 } })
      expect(result).toMatchObject({ renewed: [], declined: [] })
      expect(result.handed_back).toContain(sub.id)
      expect(await renewalOrders(sub.id)).toEqual(origin)
      // Its claim on the period is gone, so the cart path can claim it.
      expect(await renewals(sub.id)).toHaveLength(rowsBefore)
      // Back on the system provider, the job bills the period once, through the batch.
      await pg().raw(`update tax_region set provider_id = 'tp_system' where country_code = 'us' and parent_id is null and deleted_at is null`)
      expect(await runJob()).toMatchObject({ renewed: 1, failed: 0, errored: 0 })
      const orders = await renewalOrders(sub.id)
      expect(orders).toHaveLength(origin.length + 1)
      const renewal = orders.find((id) => !origin.includes(id))!
      expect(await hasCart(renewal)).toBe(false)
      expect(Number((await orderFacts(renewal)).total)).toBe(21.6)
    })

    it("batch runs side by side, with the per-subscription path and twice in a row, bill each period once", async () => {
      const subs = await subscribe("2027-06-03T10:00:00Z", [usd, jpy, usd, jpy, usd, jpy])
      setClock(at("2027-07-03T10:00:00Z"))
      const runs = await Promise.all([
        runJob({ batchSize: 2 }),
        runJob({ batchSize: 3 }),
        runJob({ bulk: false }),
        ...subs.map((s) => renewSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: s.id, now: clock }, throwOnError: false })),
      ])
      const [a, b, c, ...single] = runs as any[]
      const singles = single.filter((r: any) => !r.errors?.length && r.result.action === "charge").length
      expect(a.renewed + b.renewed + c.renewed + singles).toBe(6)
      expect(await runJob()).toMatchObject({ renewed: 0, failed: 0, errored: 0 })
      for (const s of subs) {
        expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status])).toEqual([[2, "paid"]])
        expect(await renewalOrders(s.id)).toHaveLength(1)
        expect(await reload(s.id)).toMatchObject({ payments_made: 2 })
      }
    })

    it("rollback: a batch failing after its orders and payments exist leaves no order, payment, posting, commission or claim; the job then bills once", async () => {
      const { data: click } = await api.post("/store/affiliates/clicks", { code: "BATCHALICE" }, { headers: f.a.key.headers })
      const subs = [
        ...(await subscribe("2027-08-20T10:00:00Z", [usd], { code: "BATCHALICE", click_id: click.click.id })),
        ...(await subscribe("2027-08-20T10:00:00Z", [jpy, usd])),
      ]
      setClock(at("2027-09-20T10:00:00Z"))
      const startedAt = new Date()
      const before = await Promise.all(subs.map((s) => reload(s.id)))
      const faults = new Set<string>(["complete-subscription-renewal-batch"])
      getContainer().register(SUBSCRIPTION_TEST_FAULTS, asValue(faults))
      try {
        const { errors } = await renewSubscriptionsBatchWorkflow(getContainer()).run({ input: { now: clock, limit: 100 }, throwOnError: false })
        expect([errors[0].action, errors[0].error.message]).toEqual([
          "complete-subscription-renewal-batch",
          "test fault: complete-subscription-renewal-batch failed",
        ])
        expect(errors.filter((e: any) => e.handlerType === "compensate")).toEqual([])
      } finally {
        faults.clear()
      }
      for (const [i, s] of subs.entries()) {
        const now = await reload(s.id)
        expect([now.status, now.payments_made, now.next_charge_at, now.current_period_end]).toEqual([
          before[i].status, before[i].payments_made, before[i].next_charge_at, before[i].current_period_end,
        ])
        expect(await renewals(s.id)).toHaveLength(0)
        expect(await renewalOrders(s.id)).toEqual([])
        expect((await liveGrants(s.id)).length).toBe(1)
      }
      // Every payment the batch authorized was canceled and deleted with its collection; nothing was posted or credited.
      const { rows: payments } = await pg().raw(`select id from payment where deleted_at is null and created_at >= ?`, [startedAt])
      expect(payments).toEqual([])
      const { rows: sessions } = await pg().raw(`select id from payment_session where deleted_at is null and created_at >= ?`, [startedAt])
      expect(sessions).toEqual([])
      const { rows: live } = await pg().raw(`select id from payment_collection where deleted_at is null and created_at >= ?`, [startedAt])
      expect(live).toEqual([])
      const { rows: orders } = await pg().raw(`select id from "order" where created_at >= ?`, [startedAt])
      expect(orders).toEqual([])
      await new Promise((r) => setTimeout(r, 1000)) // no order.placed was emitted: nothing to wait for
      // Nothing posted or credited for the batch's orders (gone, so not among the orders made
      // before startedAt). The subscriptions' own checkout orders above are captured and posted
      // in the background: on a slow machine such a posting lands during this check (seen in
      // CI: "Order #3 captured", on the first run and on the retry).
      const { rows: earlier } = await pg().raw(`select id from "order" where created_at < ?`, [startedAt])
      const earlierIds = new Set(earlier.map((o: { id: string }) => o.id))
      const notEarlier = <T>(rows: T[], orderOf: (r: T) => unknown) => rows.filter((r) => !earlierIds.has(String(orderOf(r))))
      const newPostings = await ledger().listLedgerTransactions({ created_at: { $gte: startedAt } })
      expect(notEarlier(newPostings, (t: any) => t.metadata?.order_id ?? t.reference_id)).toEqual([])
      const newCommissions = await affiliates().listAffiliateCommissions({ created_at: { $gte: startedAt } })
      expect(notEarlier(newCommissions, (c: any) => c.order_id)).toEqual([])

      // Without the fault the job bills each period once, through the batch.
      expect(await runJob()).toMatchObject({ renewed: 3, failed: 0, errored: 0 })
      for (const s of subs) {
        expect((await renewals(s.id)).map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([[2, "paid", 1]])
        const [orderId] = await renewalOrders(s.id)
        expect(await hasCart(orderId)).toBe(false)
        await captured(orderId)
        await postings(orderId)
      }
    })
  },
})
