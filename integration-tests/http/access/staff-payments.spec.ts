import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createCustomer, type AdminActor, type Api, type CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useProcessEnv } from "../../helpers/env"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"

import * as attribution from "@volmify/attribution/workflows"
import * as affiliatesWf from "@volmify/affiliates/workflows"

jest.setTimeout(300_000)

// Issue 21 item 2: org staff capture, refund and cancel their org's orders from the stock
// order page (Medusa's /admin/payments/:id/capture, /refund, /admin/orders/:id/cancel).
// Auto-capture is off in this file, so every order waits for a capture as a physical one would.
useProcessEnv({ VOLMIFY_AUTO_CAPTURE: "false" })

type Res = { status: number; data: any }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fx: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let course: TestProduct // $100 / ¥14,800, tier 1, the creator's 70 % rule
    let workshop: TestProduct // $50 / ¥4,800, tier 1, no rule
    let creatorEmployee: string
    let affiliateCode: string

    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const affiliates = () => getContainer().resolve<any>("affiliates")
    const entitlementsOf = (orderId: string) => accessService(getContainer()).listEntitlements({ order_id: orderId })
    const postingOf = async (orderId: string) => (await ledger().listLedgerTransactions({ reference_type: "order", reference_id: orderId }))[0]
    const reversalsOf = async (orderId: string) => {
      const posting = await postingOf(orderId)
      return posting ? ledger().listLedgerTransactions({ reverses_id: posting.id }) : []
    }
    const commissionsOf = (orderId: string) => affiliates().listAffiliateCommissions({ order_id: orderId })
    const call = (actor: { headers: Record<string, string> } | null, method: "get" | "post", url: string, body?: unknown): Promise<Res> =>
      send(api as any, method, url, actor?.headers ?? {}, body)

    /** The actors of the matrix, by name (customers carry their org's publishable key). */
    const actors = () => ({
      anonymous: null,
      "customer of A": fx.a.customer,
      "customer of B": fx.b.customer,
      "owner of A": fx.a.staff.owner,
      "admin of A": fx.a.staff.admin,
      "manager of A": fx.a.staff.manager,
      "creator of A": fx.a.staff.creator,
      "staff of A": fx.a.staff.staff,
      "owner of B": fx.b.staff.owner,
      "manager of B": fx.b.staff.manager,
      platform: fx.platform,
    })
    const DENIED = {
      anonymous: 401,
      "customer of A": 401,
      "customer of B": 401,
      "creator of A": 403,
      "staff of A": 403,
      "owner of B": 404,
      "manager of B": 404,
    } as const
    const ALLOWED = ["owner of A", "admin of A", "manager of A", "platform"] as const

    /** A storefront checkout with the system provider (authorized, not captured), referred by the affiliate. */
    async function buy(region: TestRegion, variantIds: string[], buyer?: CustomerActor) {
      const who = buyer ?? (await createCustomer(api as Api, fx.a.key))
      const h = { headers: who.headers }
      const { data: c } = await api.post(
        "/store/carts",
        { region_id: region.id, email: who.customer.email, items: variantIds.map((variant_id) => ({ variant_id, quantity: 1 })) },
        h
      )
      await api.post(`/store/carts/${c.cart.id}/referral`, { code: affiliateCode }, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data)}`)
      const orderId = data.order.id as string
      await eventually(() => entitlementsOf(orderId))
      await eventually(() => commissionsOf(orderId))
      return { orderId, paymentId: await paymentIdOf(orderId), buyer: who }
    }

    async function paymentIdOf(orderId: string): Promise<string> {
      const { data } = await query().graph({ entity: "order", fields: ["payment_collections.payments.id"], filters: { id: orderId } })
      return data[0].payment_collections[0].payments[0].id
    }

    async function paymentState(paymentId: string) {
      const { data } = await query().graph({
        entity: "payment",
        fields: ["id", "captured_at", "canceled_at", "captures.id", "captures.created_by", "refunds.id", "refunds.amount", "refunds.created_by"],
        filters: { id: paymentId },
      })
      return data[0]
    }

    /** Signed sums per account of one transaction: { "<code>[:owner]": "12.34" } (strings: exact). */
    async function sums(txId: string, sign: 1 | -1 = 1) {
      const [full] = await ledger().listLedgerTransactions({ id: txId }, { relations: ["entries"] })
      const accounts = await ledger().listLedgerAccounts({ id: full.entries.map((e: any) => e.account_id) })
      const byId = new Map(accounts.map((a: any) => [a.id, a]))
      const out: Record<string, any> = {}
      for (const e of full.entries) {
        const a: any = byId.get(e.account_id)
        const key = a.owner_id ? `${a.code}:${a.owner_id}` : a.code
        const signed = e.direction === "debit" ? MathBN.convert(e.amount) : MathBN.mult(e.amount, -1)
        out[key] = MathBN.add(out[key] ?? 0, MathBN.mult(signed, sign))
      }
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, MathBN.convert(v).toFixed()]))
    }

    /** Every denied actor gets its status, and the record is unchanged; answers as [actor, status, message]. */
    async function expectDenied(method: "post" | "get", url: string, body?: unknown) {
      const got: [string, number][] = []
      for (const [name, status] of Object.entries(DENIED)) {
        const res = await call((actors() as any)[name], method, url, body)
        got.push([name, res.status])
        if (status === 403) expect(res.data.message).toMatch(/needs one of the roles owner, admin, manager in .*; you are (creator|staff)$/)
        if (status === 404) expect(res.data.message).toMatch(/^(Payment|Order) with id: \S+ was not found$/)
      }
      expect(got).toEqual(Object.entries(DENIED))
    }

    beforeAll(async () => {
      const container = getContainer()
      fx = await createTwoOrgFixture(container, api as Api, { prefix: "pay" })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      course = await createTieredProduct(container, fx.a.org, {
        handle: `pay-course-${Date.now()}`,
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }],
      })
      workshop = await createTieredProduct(container, fx.a.org, {
        handle: `pay-workshop-${Date.now()}`,
        tiers: [{ title: "Seat", tier: 1, prices: { usd: 50, jpy: 4800 } }],
      })
      const [employee] = await container.resolve<any>("org").listOrgEmployees({ org_id: fx.a.org.id, user_id: fx.a.staff.creator.user.id })
      creatorEmployee = employee.id
      await attribution.createAttributionRuleWorkflow(container).run({
        input: { product_id: course.id, employee_id: creatorEmployee, role: "creator", type: "percent", percent_bps: 7000, effective_from: new Date(Date.now() - 86400_000) },
      })
      await affiliatesWf.upsertAffiliateProgramWorkflow(container).run({
        input: { org_id: fx.a.org.id, enabled: true, commission_type: "percent", commission_bps: 1000 },
      })
      const affiliate = await createCustomer(api as Api, fx.a.key)
      affiliateCode = `STAFFPAY${Date.now().toString(36).toUpperCase()}`
      await api.post("/store/affiliates", { code: affiliateCode }, { headers: affiliate.headers })
    })

    it("capture: owner, admin, manager of A and the platform capture; everyone else is refused and nothing is captured", async () => {
      const orders = []
      for (let i = 0; i < ALLOWED.length; i++) orders.push(await buy(usd, [course.variants[0].id]))
      const first = orders[0]
      expect(await paymentState(first.paymentId)).toMatchObject({ captured_at: null, captures: [] })
      expect(await postingOf(first.orderId)).toBeUndefined()

      await expectDenied("post", `/admin/payments/${first.paymentId}/capture`, {})
      expect(await paymentState(first.paymentId)).toMatchObject({ captured_at: null, captures: [] })
      expect(await postingOf(first.orderId)).toBeUndefined()

      for (const [i, name] of ALLOWED.entries()) {
        const actor = (actors() as any)[name] as AdminActor
        const res = await call(actor, "post", `/admin/payments/${orders[i].paymentId}/capture`, { amount: 100 })
        expect([name, res.status, res.data.payment?.captures?.length]).toEqual([name, 200, 1])
        const state = await paymentState(orders[i].paymentId)
        expect([name, !!state.captured_at, state.captures.map((c: any) => c.created_by)]).toEqual([name, true, [actor.user.id]])
        // payment.captured posts the order's split: $100, fees 5 + 3, creator 70 % of 92.
        await eventually(() => postingOf(orders[i].orderId))
        const posting = await postingOf(orders[i].orderId)
        expect(await sums(posting.id)).toMatchObject({
          cash: "100",
          platform_fees: "-5",
          processing_fees: "-3",
          [`payable:${creatorEmployee}`]: "-64.4",
        })
      }
      // Capturing a captured payment again (a double click): Medusa answers with the payment
      // as it is; no second capture, no second posting.
      const again = await call(fx.a.staff.owner, "post", `/admin/payments/${first.paymentId}/capture`, {})
      expect(again.status).toBe(200)
      expect((await paymentState(first.paymentId)).captures).toHaveLength(1)
      // One more amount than was authorized is refused before the provider sees it.
      const over = await call(fx.a.staff.owner, "post", `/admin/payments/${first.paymentId}/capture`, { amount: 0.01 })
      expect([over.status, over.data.message]).toEqual([400, "The capture amount 0.01 USD is more than the 0 USD authorized and not yet captured on this payment"])
      expect(await ledger().listLedgerTransactions({ reference_type: "order", reference_id: first.orderId })).toHaveLength(1)
    })

    it("reads: the order page's payment and refund reasons for staff of A; B's staff see none of A's payments", async () => {
      const { paymentId } = await buy(usd, [workshop.variants[0].id])
      const own = await call(fx.a.staff.staff, "get", `/admin/payments/${paymentId}?fields=id,amount,*captures,*refunds,refunds.refund_reason.label`)
      expect([own.status, own.data.payment?.id]).toEqual([200, paymentId])
      const listed = await call(fx.a.staff.creator, "get", `/admin/payments?id[]=${paymentId}`)
      expect([listed.status, listed.data.payments.map((p: any) => p.id)]).toEqual([200, [paymentId]])
      expect((await call(fx.a.staff.staff, "get", "/admin/refund-reasons")).status).toBe(200)

      const foreign = await call(fx.b.staff.owner, "get", `/admin/payments/${paymentId}`)
      expect([foreign.status, foreign.data.message]).toEqual([404, `Payment with id: ${paymentId} was not found`])
      const foreignList = await call(fx.b.staff.owner, "get", `/admin/payments?id[]=${paymentId}`)
      expect([foreignList.status, foreignList.data.payments]).toEqual([200, []])
      const unfiltered = await call(fx.b.staff.owner, "get", "/admin/payments")
      expect(unfiltered.data.payments.map((p: any) => p.id)).not.toContain(paymentId)
      // Relations beyond the payment's own captures and refunds are refused, naming the path.
      const deep = await call(fx.a.staff.owner, "get", `/admin/payments/${paymentId}?fields=id,payment_collection.order.customer.orders.id`)
      expect([deep.status, deep.data.message]).toEqual([400, expect.stringContaining('"payment_collection"')])
    })

    it("refund: a per-line partial refund keeps access and reverses to the cent; the full refund revokes access and claws the commission back", async () => {
      const { orderId, paymentId } = await buy(usd, [course.variants[0].id, workshop.variants[0].id])
      expect(await commissionsOf(orderId)).toEqual([
        expect.objectContaining({ status: "pending" }),
        expect.objectContaining({ status: "pending" }),
      ])
      const commissionTotal = async () => MathBN.sum(0, ...(await commissionsOf(orderId)).map((c: any) => c.amount)).toFixed()
      expect(await commissionTotal()).toBe("15")
      expect((await call(fx.a.staff.manager, "post", `/admin/payments/${paymentId}/capture`, {})).status).toBe(200)
      const posting = await eventually(() => postingOf(orderId))
      expect(await sums(posting.id)).toMatchObject({ cash: "150", platform_fees: "-7.5", processing_fees: "-4.5", [`payable:${creatorEmployee}`]: "-64.4", revenue: "-73.6" })

      // Everyone but owner/admin/manager of A and the platform is refused; nothing is written.
      await expectDenied("post", `/admin/payments/${paymentId}/refund`, { amount: 50 })
      expect((await paymentState(paymentId)).refunds).toEqual([])

      // The workshop line's amount, with a shared refund reason (operator-made).
      const reason = await call(fx.platform, "post", "/admin/refund-reasons", { label: "Line refund", code: `line_${Date.now()}` })
      const partial = await call(fx.a.staff.owner, "post", `/admin/payments/${paymentId}/refund`, { amount: 50, refund_reason_id: reason.data.refund_reason.id, note: "workshop seat" })
      expect(partial.status).toBe(200)
      const [reversal] = await eventually(() => reversalsOf(orderId))
      // $50 of $150 spread over the posted lines (largest remainder, cent by cent): debits
      // back each credit in proportion, credits the cash; the processor keeps its fee's
      // share, a cost of the org (processing_fee_expense).
      expect(await sums(reversal.id, -1)).toEqual({
        cash: "50",
        platform_fees: "-2.5",
        processing_fee_expense: "-1.5",
        [`payable:${creatorEmployee}`]: "-21.46",
        revenue: "-24.54",
      })
      // A partial refund keeps access (Medusa refunds amounts, not lines).
      expect((await entitlementsOf(orderId)).map((e: any) => e.status)).toEqual(["active", "active"])
      // The commission keeps 10 of 15 (100/150 of the order).
      await eventually(async () => (await commissionTotal()) === "10")
      expect(await commissionTotal()).toBe("10")

      // The rest, by the admin.
      const rest = await call(fx.a.staff.admin, "post", `/admin/payments/${paymentId}/refund`, { amount: 100 })
      expect(rest.status).toBe(200)
      const reversals = await eventually(async () => ((await reversalsOf(orderId)).length === 2 ? reversalsOf(orderId) : []))
      expect(reversals).toHaveLength(2)
      // Both reversals together undo the posting exactly.
      const total: Record<string, any> = {}
      for (const r of reversals) for (const [k, v] of Object.entries(await sums(r.id))) total[k] = MathBN.add(total[k] ?? 0, v as string)
      const undone = Object.fromEntries(Object.entries(total).map(([k, v]) => [k, MathBN.mult(v, -1).toFixed()]))
      // Everything posted is undone, except that the processor keeps its fee: the org's cost.
      const { processing_fees, ...posted } = await sums(posting.id)
      expect(undone).toEqual({ ...posted, processing_fee_expense: processing_fees })
      const revoked = await eventually(async () => (await entitlementsOf(orderId)).filter((e: any) => e.status === "revoked"))
      expect(revoked.map((e: any) => e.revoke_reason)).toEqual(["order fully refunded", "order fully refunded"])
      await eventually(async () => (await commissionTotal()) === "0")
      expect((await commissionsOf(orderId)).map((c: any) => [c.status, String(c.amount)])).toEqual([
        ["voided", "0"],
        ["voided", "0"],
      ])
    })

    it("refund and capture: bad amounts are a 400 naming the problem, and nothing is written", async () => {
      const { orderId, paymentId } = await buy(usd, [course.variants[0].id])
      expect((await call(fx.a.staff.owner, "post", `/admin/payments/${paymentId}/capture`, {})).status).toBe(200)
      await eventually(() => postingOf(orderId))
      const cases: [unknown, RegExp][] = [
        // Medusa's own check lets one cent over the capture through (its epsilon): not here.
        [{ amount: 100.01 }, /^The refund amount 100\.01 USD is more than the 100 USD captured and not yet refunded on this payment$/],
        [{ amount: -5 }, /amount/i],
        [{ amount: 0 }, /amount/i],
        [{ amount: 1.005 }, /^The refund amount 1\.005 is not a valid USD amount: USD takes at most 2 decimal places$/],
        [{ amount: "ten" }, /amount/i],
        [{ amount: 10, refund_reason_id: `refr_01J${"Z".repeat(23)}` }, /^RefundReason id not found: refr_01J/],
        [{ amount: 10, refund_reason_id: fx.b.org.sales_channel_id }, /was not found/],
        [{ amount: 10, sneaky: true }, /sneaky/],
      ]
      for (const [body, message] of cases) {
        const res = await call(fx.a.staff.owner, "post", `/admin/payments/${paymentId}/refund`, body)
        expect([JSON.stringify(body), res.status >= 400 && res.status < 500, res.data.message]).toEqual([JSON.stringify(body), true, expect.stringMatching(message)])
      }
      expect((await paymentState(paymentId)).refunds).toEqual([])
      expect(await reversalsOf(orderId)).toEqual([])
      expect((await commissionsOf(orderId)).map((c: any) => String(c.amount))).toEqual(["10"])
      expect((await entitlementsOf(orderId)).map((e: any) => e.status)).toEqual(["active"])
    })

    it("JPY: capture and a partial refund in whole yen; a fractional yen amount is refused", async () => {
      const { orderId, paymentId } = await buy(jpy, [course.variants[0].id])
      const fractional = await call(fx.a.staff.manager, "post", `/admin/payments/${paymentId}/capture`, { amount: 14799.5 })
      expect([fractional.status, fractional.data.message]).toEqual([400, "The capture amount 14799.5 is not a valid JPY amount: JPY takes whole units"])
      const over = await call(fx.a.staff.manager, "post", `/admin/payments/${paymentId}/capture`, { amount: 14801 })
      expect([over.status, over.data.message]).toEqual([400, "The capture amount 14801 JPY is more than the 14800 JPY authorized and not yet captured on this payment"])
      expect((await paymentState(paymentId)).captures).toEqual([])

      expect((await call(fx.a.staff.manager, "post", `/admin/payments/${paymentId}/capture`, { amount: 14800 })).status).toBe(200)
      const posting = await eventually(() => postingOf(orderId))
      // ¥14,800: fees 740 + 444, net 13,616; creator 70 % = 9,531.2 -> 9,531; org 4,085.
      expect(await sums(posting.id)).toEqual({ cash: "14800", platform_fees: "-740", processing_fees: "-444", [`payable:${creatorEmployee}`]: "-9531", revenue: "-4085" })

      const half = await call(fx.a.staff.manager, "post", `/admin/payments/${paymentId}/refund`, { amount: 4800.5 })
      expect([half.status, half.data.message]).toEqual([400, "The refund amount 4800.5 is not a valid JPY amount: JPY takes whole units"])
      expect((await paymentState(paymentId)).refunds).toEqual([])

      expect((await call(fx.a.staff.manager, "post", `/admin/payments/${paymentId}/refund`, { amount: 4800 })).status).toBe(200)
      const [reversal] = await eventually(() => reversalsOf(orderId))
      // ¥4,800 of ¥14,800 over 740 / 444 / 9,531 / 4,085: 240.0, 144.0, 3,091.1, 1,324.9 -> largest remainder.
      expect(await sums(reversal.id, -1)).toEqual({ cash: "4800", platform_fees: "-240", processing_fee_expense: "-144", [`payable:${creatorEmployee}`]: "-3091", revenue: "-1325" })
      expect((await commissionsOf(orderId)).map((c: any) => String(c.amount))).toEqual(["1000"])
      expect((await entitlementsOf(orderId)).map((e: any) => e.status)).toEqual(["active"])
    })

    it("cancel: owner, admin, manager of A and the platform cancel; access, postings and commissions follow, captured or not", async () => {
      const orders = []
      for (let i = 0; i < ALLOWED.length; i++) orders.push(await buy(usd, [course.variants[0].id]))
      await expectDenied("post", `/admin/orders/${orders[0].orderId}/cancel`, {})
      const status = async (orderId: string) => (await query().graph({ entity: "order", fields: ["status"], filters: { id: orderId } })).data[0].status
      expect(await status(orders[0].orderId)).not.toBe("canceled")

      // The platform's order is captured first: its cancel refunds the capture.
      const captured = orders[3]
      expect((await call(fx.platform, "post", `/admin/payments/${captured.paymentId}/capture`, {})).status).toBe(200)
      const posting = await eventually(() => postingOf(captured.orderId))

      for (const [i, name] of ALLOWED.entries()) {
        const res = await call((actors() as any)[name], "post", `/admin/orders/${orders[i].orderId}/cancel`, {})
        expect([name, res.status]).toEqual([name, 200])
        expect(await status(orders[i].orderId)).toBe("canceled")
        const revoked = await eventually(async () => (await entitlementsOf(orders[i].orderId)).filter((e: any) => e.status === "revoked"))
        expect([name, revoked.map((e: any) => e.revoke_reason)]).toEqual([name, ["order canceled"]])
        // Held commissions of a canceled order are voided, captured or not.
        const voided = await eventually(async () => (await commissionsOf(orders[i].orderId)).filter((c: any) => c.status === "voided"))
        expect([name, voided.map((c: any) => String(c.amount))]).toEqual([name, ["0"]])
      }
      // Uncaptured: the authorization is canceled and nothing was ever posted.
      expect((await paymentState(orders[0].paymentId)).canceled_at).not.toBeNull()
      expect(await postingOf(orders[0].orderId)).toBeUndefined()
      // Captured: Medusa refunded it on cancel; the books reverse the whole posting, the
      // processor's fee kept as the org's cost.
      expect((await paymentState(captured.paymentId)).refunds.map((r: any) => String(r.amount))).toEqual(["100"])
      const [reversal] = await eventually(() => reversalsOf(captured.orderId))
      const undone = Object.fromEntries(Object.entries(await sums(reversal.id, -1)))
      const { processing_fees, ...posted } = await sums(posting.id)
      expect(undone).toEqual({ ...posted, processing_fee_expense: processing_fees })
    })
  },
})
