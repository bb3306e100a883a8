import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MathBN, Modules } from "@medusajs/framework/utils"
import type { AdminActor } from "../../helpers/actors"
import { createRegion, createTieredProduct, eventually, placeOrder, TestProduct, TestRegion } from "../../helpers/commerce"
import { failure, send } from "../../helpers/http"
import { collectIds, createStaff, createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter, unscheduleJobs } from "../../helpers/workflows"
import { useProcessEnv } from "../../helpers/env"

import * as attribution from "@volmify/attribution/workflows"

jest.setTimeout(240_000)

// These cases capture payments themselves (by hand, or through the payment module without
// events); the capture of all-digital orders at placement is proven in capture-stripe.spec.ts.
useProcessEnv({ VOLMIFY_AUTO_CAPTURE: "false" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let course: TestProduct // org A, rules: creator 70 %
    let workbook: TestProduct // org A, no rules
    let yoga: TestProduct // org B
    let secondCreator: AdminActor
    const emp: Record<string, string> = {}

    const ledger = () => getContainer().resolve<any>("ledger")
    const rules = () => getContainer().resolve<any>("attribution")
    const call = (method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) =>
      send(api, method, url, headers, body)

    async function employeeId(orgId: string, userId: string) {
      const [e] = await getContainer().resolve<any>("org").listOrgEmployees({ org_id: orgId, user_id: userId })
      return e.id as string
    }

    beforeAll(async () => {
      const container = getContainer()
      // The safety nets would post (or capture) the cases' orders on the wall clock, between a
      // rolled-back posting and the check that nothing was posted; the cases run them by hand.
      await unscheduleJobs("post-recent-missed-revenue", "post-missed-revenue", "sweep-placed-orders")
      f = await createTwoOrgFixture(container, api, { prefix: "attr" })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      course = await createTieredProduct(container, f.a.org, {
        handle: "attr-course",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }],
      })
      workbook = await createTieredProduct(container, f.a.org, {
        handle: "attr-workbook",
        tiers: [{ title: "Book", tier: null, prices: { usd: 19.99, jpy: 2800 } }],
      })
      yoga = await createTieredProduct(container, f.b.org, {
        handle: "attr-yoga",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 49, jpy: 7800 } }],
      })
      secondCreator = await createStaff(container, api, f.a.org.id, "creator", "a.creator2")
      for (const role of ROLES) emp[`a.${role}`] = await employeeId(f.a.org.id, f.a.staff[role].user.id)
      emp["a.creator2"] = await employeeId(f.a.org.id, secondCreator.user.id)
      emp["b.creator"] = await employeeId(f.b.org.id, f.b.staff.creator.user.id)
      await attribution.createAttributionRuleWorkflow(container).run({
        input: {
          product_id: course.id,
          employee_id: emp["a.creator"],
          role: "creator",
          type: "percent",
          percent_bps: 7000,
          effective_from: new Date(Date.now() - 86400_000),
        },
      })
    })

    const actors = () => [
      { name: "anonymous", headers: {}, want: 401 },
      { name: "customer of A", headers: { authorization: f.a.customer.headers.authorization }, want: 401 },
      { name: "customer of B", headers: { authorization: f.b.customer.headers.authorization }, want: 401 },
      ...ROLES.map((r) => ({ name: `${r} of A`, headers: f.a.staff[r].headers, role: r })),
      { name: "owner of B", headers: f.b.staff.owner.headers, want: 404 },
      { name: "admin user of no org", headers: f.outsider.headers, want: 403 },
      { name: "platform operator", headers: f.platform.headers, want: 200 },
    ]

    async function matrix(method: "get" | "post" | "delete", url: string, allowed: string[], body?: () => unknown) {
      const wrong: string[] = []
      for (const a of actors()) {
        const want = "role" in a && a.role ? (allowed.includes(a.role) ? 200 : 403) : a.want
        const res = await call(method, url, a.headers, body?.())
        const ok = want === 200 ? res.status >= 200 && res.status < 300 : res.status === want
        if (!ok) wrong.push(`${a.name}: ${res.status} (expected ${want}) ${JSON.stringify(res.data)}`)
        if (res.status < 300 && a.name !== "platform operator") {
          const ids = collectIds(res.data)
          expect([yoga.id, f.b.org.id, emp["b.creator"]].filter((id) => ids.has(id))).toEqual([])
        }
      }
      expect(wrong).toEqual([])
    }

    async function payment(orderId: string) {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*payment_collections.payments`, { headers: f.platform.headers })
      return data.order.payment_collections[0].payments[0]
    }
    async function posting(orderId: string) {
      return (await ledger().findByReference("order", orderId)) as any
    }
    /** The posting's entries as { "<code>[:owner]": amount } (numbers, for readable expectations). */
    async function split(transaction: any) {
      const accounts = await ledger().listLedgerAccounts({ id: transaction.entries.map((e: any) => e.account_id) })
      const byId = new Map(accounts.map((a: any) => [a.id, a]))
      const sums: Record<string, any> = {}
      for (const e of transaction.entries) {
        const a: any = byId.get(e.account_id)
        const key = a.owner_id ? `${a.code}:${a.owner_id}` : a.code
        const signed = e.direction === "debit" ? MathBN.convert(e.amount) : MathBN.mult(e.amount, -1)
        sums[key] = MathBN.add(sums[key] ?? 0, signed)
      }
      // Exact sums first; numbers only for readable expectations.
      return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, MathBN.convert(v).toNumber()]))
    }

    describe("attribution rules", () => {
      it("lists a product's rules and pool for every role of its org; 404 for org B", async () => {
        await matrix("get", `/admin/products/${course.id}/attribution-rules`, ROLES)
        const { data } = await api.get(`/admin/products/${course.id}/attribution-rules`, { headers: f.a.staff.creator.headers })
        expect(data.pool).toEqual({ total_bps: 10000, allocated_bps: 7000, peak_bps: 7000 })
        expect(data.attribution_rules).toEqual([
          expect.objectContaining({ employee_id: emp["a.creator"], role: "creator", type: "percent", percent_bps: 7000, in_effect: true }),
        ])
        // The dashboard picks people by name: the product's org's staff, nobody of org B.
        const aEmployees = Object.entries(emp).filter(([k]) => k.startsWith("a.")).map(([, id]) => id)
        expect(data.employees.map((e: any) => e.id).sort()).toEqual([...aEmployees].sort())
        const creator = data.employees.find((e: any) => e.id === emp["a.creator"])
        expect(creator).toMatchObject({ role: "creator", status: "active", email: f.a.staff.creator.user.email })
        expect(creator.name).not.toMatch(/^oemp_/)
      })

      it("creates rules for owner, admin and manager only; bad input is 400 naming the field, nothing written", async () => {
        const url = `/admin/products/${workbook.id}/attribution-rules`
        const body = () => ({ employee_id: emp["a.creator2"], role: "collaborator", type: "percent", percent_bps: 1000 })
        await matrix("post", url, ["owner", "admin", "manager"], body)
        expect(await rules().listAttributionRules({ product_id: workbook.id })).toHaveLength(4) // owner, admin, manager, platform
        await rules().softDeleteAttributionRules((await rules().listAttributionRules({ product_id: workbook.id })).map((r: any) => r.id))

        const owner = f.a.staff.owner.headers
        const cases: [unknown, RegExp][] = [
          [{ ...body(), percent_bps: 12.5 }, /percent_bps/],
          [{ ...body(), percent_bps: 10001 }, /percent_bps/],
          [{ employee_id: emp["a.creator2"], role: "creator", type: "percent" }, /percent_bps is required/],
          [{ employee_id: emp["a.creator2"], role: "creator", type: "fixed", fixed_amounts: [{ currency_code: "jpy", amount: 1.5 }] }, /fixed_amounts\[0\].amount has more than 0 decimal/],
          [{ employee_id: emp["a.creator2"], role: "creator", type: "fixed" }, /fixed_amounts is required/],
          [{ ...body(), fixed_amounts: [{ currency_code: "usd", amount: 2 }] }, /fixed_amounts must be empty/],
          [{ ...body(), role: "boss" }, /role/],
          [{ ...body(), effective_from: "2026-05-01", effective_to: "2026-04-01" }, /effective_to must be after effective_from/],
          [{ ...body(), employee_id: emp["b.creator"] }, /employee_id .* is not staff of the product's org/],
          [{ ...body(), extra: 1 }, /extra/i],
        ]
        for (const [input, message] of cases) {
          const res = await failure(api.post(url, input, { headers: owner }))
          expect([JSON.stringify(input), res.status, res.data.message]).toEqual([JSON.stringify(input), 400, expect.stringMatching(message)])
        }
        expect(await rules().listAttributionRules({ product_id: workbook.id })).toHaveLength(0)
      })

      it("keeps the percent pool at or below 100 % at every instant, naming the current total", async () => {
        const url = `/admin/products/${course.id}/attribution-rules`
        const owner = f.a.staff.owner.headers
        const over = await failure(api.post(url, { employee_id: emp["a.manager"], role: "manager", type: "percent", percent_bps: 3100 }, { headers: owner }))
        expect(over.status).toBe(400)
        expect(over.data.message).toMatch(/would reach 101 %; the current total in that period is 70 %, so at most 30 % is left/)
        // A 30 % rule fits now; a 10 % rule after the first one ends fits too, but not before.
        const { data: fits } = await api.post(
          url,
          { employee_id: emp["a.manager"], role: "manager", type: "hybrid", percent_bps: 3000, fixed_amounts: [{ currency_code: "jpy", amount: 100 }], effective_to: new Date(Date.now() + 30 * 86400_000).toISOString() },
          { headers: owner }
        )
        expect(fits.attribution_rule).toMatchObject({ percent_bps: 3000, fixed_amounts: [{ currency_code: "jpy", amount: "100" }] })
        const later = new Date(Date.now() + 30 * 86400_000).toISOString()
        expect((await call("post", url, owner, { employee_id: emp["a.creator2"], role: "reviewer", type: "percent", percent_bps: 1000, effective_from: later })).status).toBe(201)
        expect((await call("post", url, owner, { employee_id: emp["a.creator2"], role: "reviewer", type: "percent", percent_bps: 1000 })).data.message).toMatch(/current total in that period is 100 %/)
        // Raising a rule re-checks the pool without its old version.
        const raise = await failure(api.post(`/admin/attribution-rules/${fits.attribution_rule.id}`, { percent_bps: 3001 }, { headers: owner }))
        expect(raise.data.message).toMatch(/at most 30 % is left/)
        expect((await call("post", `/admin/attribution-rules/${fits.attribution_rule.id}`, f.a.staff.creator.headers, { percent_bps: 1 })).status).toBe(403)
        expect((await call("post", `/admin/attribution-rules/${fits.attribution_rule.id}`, f.b.staff.owner.headers, { percent_bps: 1 })).status).toBe(404)
        expect((await call("delete", `/admin/attribution-rules/${fits.attribution_rule.id}`, f.b.staff.owner.headers)).status).toBe(404)
        expect((await call("delete", `/admin/attribution-rules/${fits.attribution_rule.id}`, owner)).status).toBe(200)
        const { data } = await api.get(`/admin/products/${course.id}/attribution-rules`, { headers: owner })
        expect(data.pool.allocated_bps).toBe(7000)
      })

      it("rule workflows roll back; removing an employee ends their rules", async () => {
        const container = getContainer()
        const input = { product_id: workbook.id, employee_id: emp["a.creator2"], role: "creator", type: "percent", percent_bps: 500 }
        const failed = await runFailingAfter(attribution.createAttributionRuleWorkflow(container), "create-attribution-rule", input)
        expect(failed.errors).toHaveLength(1)
        expect(await rules().listAttributionRules({ product_id: workbook.id })).toHaveLength(0)
        const { result: rule } = await attribution.createAttributionRuleWorkflow(container).run({ input })
        const future = await attribution.createAttributionRuleWorkflow(container).run({
          input: { ...input, product_id: course.id, percent_bps: 100, effective_from: new Date(Date.now() + 60 * 86400_000) },
        })
        const upd = await runFailingAfter(attribution.updateAttributionRuleWorkflow(container), "update-attribution-rules", { id: rule.id, percent_bps: 900 })
        expect(upd.errors).toHaveLength(1)
        expect((await rules().listAttributionRules({ id: rule.id }))[0].percent_bps).toBe(500)

        await api.delete(`/admin/orgs/${f.a.org.id}/employees/${emp["a.creator2"]}`, { headers: f.a.staff.owner.headers })
        const ended = await eventually(async () => (await rules().listAttributionRules({ id: rule.id }))[0].effective_to)
        expect(ended).toBeTruthy()
        expect(new Date(ended).getTime()).toBeLessThanOrEqual(Date.now())
        expect(await rules().listAttributionRules({ id: rule.id })).toEqual([expect.objectContaining({ ended_reason: "employee removed" })])
        expect(await rules().listAttributionRules({ id: future.result.id })).toHaveLength(0)
        expect(await rules().listRulesInEffect([workbook.id])).toEqual([])
      })
    })

    describe("postings", () => {
      it("posts the waterfall on capture (USD): $100, 5 % + 3 % on gross -> creator $64.40, org $27.60", async () => {
        const orderId = await placeOrder(api, f.a.customer, usd, [course.variants[0].id, workbook.variants[0].id])
        expect(await posting(orderId)).toBeNull() // authorized only: nothing earned yet
        const pay = await payment(orderId)
        await api.post(`/admin/payments/${pay.id}/capture`, {}, { headers: f.platform.headers })
        const tx = await eventually(() => posting(orderId))
        expect(tx).toMatchObject({ kind: "posting", currency_code: "usd", org_id: f.a.org.id, flags: null })
        expect(await split(tx)).toEqual({
          cash: 119.99,
          platform_fees: -6,
          processing_fees: -3.6,
          [`payable:${emp["a.creator"]}`]: -64.4,
          revenue: -45.99,
        })
        const course$ = tx.entries.filter((e: any) => e.product_id === course.id)
        expect(course$.map((e: any) => [e.direction, String(e.amount)]).sort()).toEqual([
          ["credit", "27.6"],
          ["credit", "3"],
          ["credit", "5"],
          ["credit", "64.4"],
          ["debit", "100"],
        ])
      })

      it("JPY: posts once under 20 concurrent deliveries; a partial then a full refund reverse exactly what was posted", async () => {
        const container = getContainer()
        const orderId = await placeOrder(api, f.a.customer, jpy, [course.variants[0].id])
        const pay = await payment(orderId)
        await api.post(`/admin/payments/${pay.id}/capture`, {}, { headers: f.platform.headers })
        await eventually(() => posting(orderId))
        const runs = await Promise.all(
          Array.from({ length: 20 }, () => attribution.postOrderRevenueWorkflow(container).run({ input: { order_id: orderId } }))
        )
        expect(runs.map((r: any) => r.result.skipped)).toEqual(Array(20).fill("already posted"))
        expect(await ledger().listLedgerTransactions({ reference_type: "order", reference_id: orderId })).toHaveLength(1)
        const creator = `payable:${emp["a.creator"]}`
        // ¥14800: fees 740 + 444, net 13616; 70 % = 9531.2 -> 9531, org 4084.8 -> 4085
        expect(await split(await posting(orderId))).toEqual({ cash: 14800, platform_fees: -740, processing_fees: -444, [creator]: -9531, revenue: -4085 })

        await api.post(`/admin/payments/${pay.id}/refund`, { amount: 4800 }, { headers: f.platform.headers })
        const first = await eventually(async () => {
          const tx = await posting(orderId)
          return (await ledger().listLedgerTransactions({ reverses_id: tx.id }, { relations: ["entries"] }))
        })
        expect(first).toHaveLength(1)
        // 4800 / 14800 of each credit by largest remainder: 240, 144, 3091.13 -> 3091, 1324.86 -> 1325.
        // The processing fee's share is not given back (the provider keeps it): the org bears it.
        expect(await split(first[0])).toEqual({ cash: -4800, platform_fees: 240, processing_fee_expense: 144, [creator]: 3091, revenue: 1325 })
        await Promise.all(
          Array.from({ length: 20 }, () => attribution.reverseOrderRevenueWorkflow(container).run({ input: { order_id: orderId } }))
        )
        const tx = await posting(orderId)
        expect(await ledger().listLedgerTransactions({ reverses_id: tx.id })).toHaveLength(1)

        await api.post(`/admin/payments/${pay.id}/refund`, { amount: 10000 }, { headers: f.platform.headers })
        const both = await eventually(async () => {
          const list = await ledger().listLedgerTransactions({ reverses_id: tx.id }, { relations: ["entries"] })
          return list.length === 2 ? list : []
        })
        const second = both.find((t: any) => t.id !== first[0].id)
        expect(await split(second)).toEqual({ cash: -10000, platform_fees: 500, processing_fee_expense: 300, [creator]: 6440, revenue: 2760 })
        // Everything posted for the line is reversed, nothing more, except the processing fee the
        // provider kept, now a cost of the org.
        const accounts = [...new Set(tx.entries.map((e: any) => e.account_id))] as string[]
        const net = await split({ entries: [...tx.entries, ...both.flatMap((t: any) => t.entries)] })
        expect(net).toEqual({ cash: 0, platform_fees: 0, processing_fees: -444, [creator]: 0, revenue: 0, processing_fee_expense: 444 })
        expect(accounts.length).toBe(5)
      })

      it("posting and reversal roll back whole (capture and refund recorded without events)", async () => {
        const container = getContainer()
        const payments = container.resolve(Modules.PAYMENT)
        const orderId = await placeOrder(api, f.b.customer, usd, [yoga.variants[0].id])
        const pay = await payment(orderId)
        await payments.capturePayment({ payment_id: pay.id })
        const failed = await runFailingAfter(attribution.postOrderRevenueWorkflow(container), "post-ledger-entries", { order_id: orderId })
        expect(failed.errors).toHaveLength(1)
        expect(await posting(orderId)).toBeNull()
        expect(await ledger().listLedgerAccounts({ org_id: f.b.org.id })).toHaveLength(0)
        const { result } = await attribution.postOrderRevenueWorkflow(container).run({ input: { order_id: orderId } })
        expect(result.transaction.reference_id).toBe(orderId)
        // No rules on yoga: the org keeps the net ($49 - 2.45 - 1.47).
        expect(await split(result.transaction)).toEqual({ cash: 49, platform_fees: -2.45, processing_fees: -1.47, revenue: -45.08 })

        await payments.refundPayment({ payment_id: pay.id, amount: 49 })
        const rev = await runFailingAfter(attribution.reverseOrderRevenueWorkflow(container), "post-ledger-entries", { order_id: orderId })
        expect(rev.errors).toHaveLength(1)
        expect(await ledger().listLedgerTransactions({ reverses_id: result.transaction.id })).toHaveLength(0)
        // The account for the kept fee, created by the failed run, is gone with it.
        expect(await ledger().listLedgerAccounts({ org_id: f.b.org.id, code: "processing_fee_expense" })).toEqual([])
        const done = await attribution.reverseOrderRevenueWorkflow(container).run({ input: { order_id: orderId } })
        expect(await split(done.result.transactions[0])).toEqual({ cash: -49, platform_fees: 2.45, processing_fee_expense: 1.47, revenue: 45.08 })
      })
    })

    describe("backlog postings", () => {
      it("posts many captured orders at once (USD, JPY, two orgs), exactly as one by one; rolls back whole; skips with reasons", async () => {
        const container = getContainer()
        const since = new Date()
        const payments = container.resolve(Modules.PAYMENT)
        const captured = async (orderId: string) => {
          await payments.capturePayment({ payment_id: (await payment(orderId)).id })
          return orderId
        }
        // Captured through the payment module: no payment.captured event, as in a missed backlog.
        const usdOrder = await captured(await placeOrder(api, f.a.customer, usd, [course.variants[0].id, workbook.variants[0].id]))
        const jpyOrder = await captured(await placeOrder(api, f.a.customer, jpy, [course.variants[0].id]))
        const bOrder = await captured(await placeOrder(api, f.b.customer, usd, [yoga.variants[0].id]))
        const earlier = await captured(await placeOrder(api, f.a.customer, usd, [workbook.variants[0].id]))
        await attribution.postOrderRevenueWorkflow(container).run({ input: { order_id: earlier } })
        const authorizedOnly = await placeOrder(api, f.a.customer, usd, [workbook.variants[0].id])
        const order_ids = [usdOrder, jpyOrder, authorizedOnly, bOrder, earlier, "order_missing", jpyOrder]
        const before = (await ledger().listLedgerTransactions({})).length

        const failed = await runFailingAfter(attribution.postOrdersRevenueWorkflow(container), "post-ledger-entries", { order_ids })
        expect(failed.errors).toHaveLength(1)
        expect((await ledger().listLedgerTransactions({})).length).toBe(before)
        expect(await posting(usdOrder)).toBeNull()

        // A workflow's error reaches the caller as a plain object: compare type and message.
        const refused = (order_ids: unknown) => attribution.postOrdersRevenueWorkflow(container).run({ input: { order_ids } }).then(() => null, (e: any) => [e.type, e.message])
        expect(await refused([])).toEqual(["invalid_data", "order_ids must be a non-empty array of order ids"])
        expect(await refused([usdOrder, ""])).toEqual(["invalid_data", "order_ids[1] must be an order id"])
        expect(await refused(Array.from({ length: 1001 }, (_, i) => `order_${i}`))).toEqual(["invalid_data", "order_ids holds 1001 orders; at most 1000 per batch"])
        expect((await ledger().listLedgerTransactions({})).length).toBe(before)

        const { result } = await attribution.postOrdersRevenueWorkflow(container).run({ input: { order_ids } })
        expect(result.posted.sort()).toEqual([usdOrder, jpyOrder, bOrder].sort())
        expect(result.skipped).toEqual([
          { order_id: authorizedOnly, reason: "order is not fully captured" },
          { order_id: earlier, reason: "already posted" },
          { order_id: "order_missing", reason: "order not found" },
        ])
        expect(await split(await posting(usdOrder))).toEqual({
          cash: 119.99,
          platform_fees: -6,
          processing_fees: -3.6,
          [`payable:${emp["a.creator"]}`]: -64.4,
          revenue: -45.99,
        })
        expect(await split(await posting(jpyOrder))).toEqual({ cash: 14800, platform_fees: -740, processing_fees: -444, [`payable:${emp["a.creator"]}`]: -9531, revenue: -4085 })
        expect(await posting(bOrder)).toMatchObject({ org_id: f.b.org.id, currency_code: "usd" })
        expect(await split(await posting(bOrder))).toEqual({ cash: 49, platform_fees: -2.45, processing_fees: -1.47, revenue: -45.08 })

        const again = await attribution.postOrdersRevenueWorkflow(container).run({ input: { order_ids } })
        expect(again.result.posted).toEqual([])
        expect((await ledger().listLedgerTransactions({})).length).toBe(before + 3)

        // The hourly safety net finds a captured order whose event never came, and only that one.
        const lost = await captured(await placeOrder(api, f.a.customer, jpy, [course.variants[0].id]))
        const netFailed = await runFailingAfter(attribution.postMissedRevenueWorkflow(container), "post-orders-revenue", { since })
        expect(netFailed.errors).toHaveLength(1)
        expect(await posting(lost)).toBeNull()
        const { result: net } = await attribution.postMissedRevenueWorkflow(container).run({ input: { since } })
        expect([net.found, net.posted]).toEqual([[lost], [lost]])
        expect(net.captured_orders).toBe(5) // usd, jpy, B's, the earlier one and the lost one
        expect(await split(await posting(lost))).toEqual({ cash: 14800, platform_fees: -740, processing_fees: -444, [`payable:${emp["a.creator"]}`]: -9531, revenue: -4085 })
        expect((await attribution.postMissedRevenueWorkflow(container).run({ input: { since } })).result.found).toEqual([])
      })
    })

    describe("statements and payouts", () => {
      const statementsUrl = () => `/admin/earnings/statements`

      /**
       * The books every case here reads (the runner restores the database before each
       * case): a captured USD order (course + workbook) and a captured, fully refunded JPY order.
       */
      async function seedEarnings() {
        const usdOrder = await placeOrder(api, f.a.customer, usd, [course.variants[0].id, workbook.variants[0].id])
        await api.post(`/admin/payments/${(await payment(usdOrder)).id}/capture`, {}, { headers: f.platform.headers })
        const jpyOrder = await placeOrder(api, f.a.customer, jpy, [course.variants[0].id])
        const jpyPayment = await payment(jpyOrder)
        await api.post(`/admin/payments/${jpyPayment.id}/capture`, {}, { headers: f.platform.headers })
        await eventually(() => posting(jpyOrder))
        await api.post(`/admin/payments/${jpyPayment.id}/refund`, { amount: 14800 }, { headers: f.platform.headers })
        await eventually(async () => (await posting(usdOrder)) && ledger().listLedgerTransactions({ kind: "reversal" }))
      }

      it("creators see only their own statement; owners and admins the whole org; org B nothing of A", async () => {
        await seedEarnings()
        const wrong: string[] = []
        for (const a of actors()) {
          const res = await call("get", statementsUrl(), a.headers)
          const want = a.name === "platform operator" ? 400 : "role" in a ? 200 : a.name === "owner of B" ? 200 : a.want
          if (res.status !== want) wrong.push(`${a.name}: ${res.status} (expected ${want})`)
        }
        expect(wrong).toEqual([])
        expect((await failure(api.get(statementsUrl(), { headers: f.platform.headers }))).data.message).toMatch(/org_id is required/)

        const own = (await api.get(statementsUrl(), { headers: f.a.staff.creator.headers })).data
        expect(own.whole_org).toBe(false)
        expect(own.statements.every((s: any) => s.employee_id === emp["a.creator"])).toBe(true)
        const month = new Date().toISOString().slice(0, 7)
        expect(own.statements).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ currency_code: "usd", month, earned: 64.4, reversed: 0, paid: 0, balance: 64.4 }),
            expect.objectContaining({ currency_code: "jpy", month, earned: 9531, reversed: 9531, paid: 0, balance: 0 }),
          ])
        )
        // Another creator's statement (or B's) is not there for a creator; B's owner cannot name org A.
        expect((await call("get", `${statementsUrl()}?employee_id=${emp["a.creator2"]}`, f.a.staff.creator.headers)).status).toBe(404)
        expect((await call("get", `${statementsUrl()}?employee_id=${emp["b.creator"]}`, f.a.staff.owner.headers)).status).toBe(404)
        expect((await call("get", `${statementsUrl()}?org_id=${f.a.org.id}`, f.b.staff.owner.headers)).status).toBe(404)
        const b = (await api.get(statementsUrl(), { headers: f.b.staff.owner.headers })).data
        expect(b.statements).toEqual([])
        const org = (await api.get(`${statementsUrl()}?org_id=${f.a.org.id}`, { headers: f.platform.headers })).data
        expect(org.whole_org).toBe(true)
        expect(org.statements.map((s: any) => s.employee_id)).toContain(emp["a.creator"])
        const badMonth = await failure(api.get(`${statementsUrl()}?from=2026-13`, { headers: f.a.staff.owner.headers }))
        expect([badMonth.status, badMonth.data.message]).toEqual([400, expect.stringMatching(/from/)])
      })

      it("exports the statement as CSV with exact decimals", async () => {
        await seedEarnings()
        const res = await api.get(`${statementsUrl()}/export?currency_code=usd`, { headers: f.a.staff.creator.headers })
        expect(res.headers["content-type"]).toMatch(/text\/csv/)
        const [header, ...rows] = String(res.data).trim().split("\r\n")
        expect(header).toBe("month,employee_id,name,email,currency_code,earned,reversed,paid,balance")
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatch(new RegExp(`^\\d{4}-\\d{2},${emp["a.creator"]},.*,USD,64.40,0.00,0.00,64.40$`))
        expect((await call("get", `${statementsUrl()}/export`, {})).status).toBe(401)
      })

      it("records payouts (owner, admin) that may not overdraw the payable; idempotent by reference", async () => {
        await seedEarnings()
        const url = "/admin/earnings/payouts"
        const body = (amount: unknown, reference?: string) => ({ employee_id: emp["a.creator"], currency_code: "usd", amount, reference })
        for (const role of ["manager", "creator", "staff"] as const) {
          expect((await call("post", url, f.a.staff[role].headers, body(1))).status).toBe(403)
        }
        expect((await call("post", url, f.b.staff.owner.headers, body(1))).status).toBe(404)
        expect((await call("post", url, {}, body(1))).status).toBe(401)
        const over = await failure(api.post(url, body("64.41"), { headers: f.a.staff.owner.headers }))
        expect([over.status, over.data.message]).toEqual([400, expect.stringMatching(/at -0.01 USD \(balance 64.40\).*negative/)])
        expect((await failure(api.post(url, body("1.001"), { headers: f.a.staff.owner.headers }))).data.message).toMatch(/amount has more than 2 decimal/)
        const negative = await failure(api.post(url, body(-5), { headers: f.a.staff.owner.headers }))
        expect([negative.status, negative.data.message]).toEqual([400, expect.stringMatching(/amount/)])
        expect(await ledger().listLedgerTransactions({ kind: "payout" })).toHaveLength(0)

        const first = await api.post(url, body("40.00", "bank-2026-001"), { headers: f.a.staff.admin.headers })
        expect(first.status).toBe(201)
        const again = await api.post(url, body("40.00", "bank-2026-001"), { headers: f.a.staff.owner.headers })
        expect([again.status, again.data.payout.id]).toEqual([200, first.data.payout.id])
        const jpyPayout = await failure(api.post(url, { ...body(1), currency_code: "jpy" }, { headers: f.a.staff.owner.headers }))
        expect(jpyPayout.data.message).toMatch(/balance 0\)/)
        const own = (await api.get(`${statementsUrl()}?currency_code=usd`, { headers: f.a.staff.creator.headers })).data.statements
        expect(own).toEqual([expect.objectContaining({ earned: 64.4, paid: 40, balance: 24.4 })])
      })

      it("per product and org summary for owners and admins", async () => {
        await seedEarnings()
        for (const path of ["products", "summary"]) {
          const wrong: string[] = []
          for (const a of actors()) {
            const res = await call("get", `/admin/earnings/${path}${a.name === "platform operator" ? `?org_id=${f.a.org.id}` : ""}`, a.headers)
            const want = "role" in a && a.role ? (["owner", "admin"].includes(a.role) ? 200 : 403) : a.name === "owner of B" ? 200 : a.want
            if (res.status !== want) wrong.push(`${path} ${a.name}: ${res.status} (expected ${want})`)
          }
          expect(wrong).toEqual([])
        }
        const { data } = await api.get("/admin/earnings/products?currency_code=usd", { headers: f.a.staff.owner.headers })
        expect(data.products).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ product_id: course.id, gross: 100, refunded: 0, platform_fees: 5, processing_fees: 3, creators: 64.4, org_revenue: 27.6 }),
            expect.objectContaining({ product_id: workbook.id, gross: 19.99, creators: 0, org_revenue: 18.39 }),
          ])
        )
        await api.post(
          "/admin/earnings/payouts",
          { employee_id: emp["a.creator"], currency_code: "usd", amount: 40 },
          { headers: f.a.staff.owner.headers }
        )
        const summary = (await api.get("/admin/earnings/summary", { headers: f.a.staff.admin.headers })).data.summary
        const jpySummary = summary.find((s: any) => s.currency_code === "jpy")
        expect(jpySummary).toMatchObject({ gross: 14800, refunded: 14800, creators: 0, org_revenue: 0, tax: 0 })
        const usdSummary = summary.find((s: any) => s.currency_code === "usd")
        expect(usdSummary).toMatchObject({ gross: 119.99, creators: 64.4, paid_out: 40, paid_to_staff: 40, owed_to_staff: 24.4, affiliates: 0, owed_to_affiliates: 0 })
        expect(usdSummary.months).toHaveLength(1)
      })
    })
  },
})
