import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { createCustomer, CustomerActor } from "../../helpers/actors"
import { createRegion, createTieredProduct, TestProduct, TestRegion } from "../../helpers/commerce"
import { failure, send } from "../../helpers/http"
import { collectIds, createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter, unscheduleJobs } from "../../helpers/workflows"
import { useProcessEnv } from "../../helpers/env"

import * as affiliatesWf from "@volmify/affiliates/workflows"

jest.setTimeout(300_000)

// Clicks here are re-dated to model time, and many come from one test client: the dedupe
// window and the click limit have their own tests (orgs/abuse-limits.spec.ts).
process.env.VOLMIFY_AFFILIATE_CLICK_DEDUPE_SECONDS = "0"
process.env.VOLMIFY_AFFILIATE_CLICKS_PER_MINUTE = "1000"

const DAY = 86_400_000

// These cases capture payments themselves (by hand, or through the payment module without
// events); the capture of all-digital orders at placement is proven in capture-stripe.spec.ts.
useProcessEnv({ VOLMIFY_AUTO_CAPTURE: "false" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let course: TestProduct // org A: $100 / ¥14,800
    let ebook: TestProduct // org A: $20
    let yoga: TestProduct // org B
    let alice: CustomerActor // affiliate ALICE of org A
    let bob: CustomerActor // affiliate BOB of org A
    let buyer: CustomerActor // a customer of org A
    const aff: Record<string, any> = {}

    const svc = () => getContainer().resolve<any>("affiliates")
    const ledger = () => getContainer().resolve<any>("ledger")
    const keyA = () => f.a.key.headers

    async function setProgram(orgId: string, body: Record<string, unknown>) {
      return affiliatesWf.upsertAffiliateProgramWorkflow(getContainer()).run({ input: { org_id: orgId, ...body } })
    }

    /** A click through the store route, then (test only) dated `ageDays` ago. */
    async function click(code: string, ageDays: number, headers = keyA()) {
      const { data } = await api.post("/store/affiliates/clicks", { code, landing_url: "https://a.example/courses/x?ref=" + code }, { headers })
      await svc().updateAffiliateClicks({ id: data.click.id, clicked_at: new Date(Date.now() - ageDays * DAY) })
      return data.click as { id: string; code: string }
    }

    /** A storefront checkout: cart, referral touches, promo code, system payment, complete. */
    async function checkout(
      who: CustomerActor,
      region: TestRegion,
      variantIds: string[],
      opts: { refs?: { code: string; click_id?: string }[]; promo?: string; beforeComplete?: () => Promise<unknown> } = {}
    ) {
      const h = { headers: who.headers }
      const { data: c } = await api.post(
        "/store/carts",
        { region_id: region.id, email: who.customer.email, items: variantIds.map((variant_id) => ({ variant_id, quantity: 1 })) },
        h
      )
      for (const r of opts.refs ?? []) await api.post(`/store/carts/${c.cart.id}/referral`, r, h)
      if (opts.promo) await api.post(`/store/carts/${c.cart.id}/promotions`, { promo_codes: [opts.promo] }, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      await opts.beforeComplete?.()
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data)}`)
      return data.order.id as string
    }

    /** Runs the order.placed workflow (idempotent; the subscriber may run it too) and returns the order's commissions. */
    async function credit(orderId: string) {
      const { result } = await affiliatesWf.createOrderCommissionsWorkflow(getContainer()).run({ input: { order_id: orderId } })
      const rows = await svc().listAffiliateCommissions({ order_id: orderId })
      return { skipped: result.skipped as string | null, rows }
    }

    async function paymentOf(orderId: string) {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*payment_collections.payments`, { headers: f.platform.headers })
      return data.order.payment_collections[0].payments[0]
    }
    async function capture(orderId: string) {
      const pay = await paymentOf(orderId)
      await api.post(`/admin/payments/${pay.id}/capture`, {}, { headers: f.platform.headers })
      return pay
    }
    async function refund(paymentId: string, amount: number, orderId: string) {
      await api.post(`/admin/payments/${paymentId}/refund`, { amount }, { headers: f.platform.headers })
      // The subscriber runs it too; a second run must change nothing.
      await affiliatesWf.clawbackOrderCommissionsWorkflow(getContainer()).run({ input: { order_id: orderId } })
    }
    const num = (v: unknown) => MathBN.convert(v as any).toNumber()

    async function payableBalance(affiliateId: string, currency: string) {
      const [account] = await ledger().listLedgerAccounts({ owner_type: "affiliate", owner_id: affiliateId, currency_code: currency })
      if (!account) return 0
      const balances = await ledger().getBalances([account.id])
      return num(balances[account.id].balance)
    }

    beforeAll(async () => {
      const container = getContainer()
      // The commission safety net (hourly) would credit a case's referred order between a
      // rolled-back credit and the check that nothing was credited; the cases run it by hand.
      await unscheduleJobs("credit-missed-commissions")
      f = await createTwoOrgFixture(container, api, { prefix: "aff" })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      course = await createTieredProduct(container, f.a.org, {
        handle: "aff-course",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 100, jpy: 14800 } }],
      })
      ebook = await createTieredProduct(container, f.a.org, {
        handle: "aff-ebook",
        tiers: [{ title: "Book", tier: null, prices: { usd: 20, jpy: 2800 } }],
      })
      yoga = await createTieredProduct(container, f.b.org, {
        handle: "aff-yoga",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 49, jpy: 7800 } }],
      })
      await setProgram(f.a.org.id, { enabled: true, commission_type: "percent", commission_bps: 1000 })
      alice = await createCustomer(api, f.a.key)
      bob = await createCustomer(api, f.a.key)
      buyer = await createCustomer(api, f.a.key)
      aff.alice = (await api.post("/store/affiliates", { code: "alice" }, { headers: alice.headers })).data.affiliate
      aff.bob = (await api.post("/store/affiliates", { code: "BOB" }, { headers: bob.headers })).data.affiliate
    })

    describe("store routes", () => {
      const storeActors = () => [
        { name: "anonymous", headers: keyA() },
        { name: "customer of A", headers: buyer.headers },
        { name: "customer of B", headers: { ...keyA(), authorization: f.b.customer.headers.authorization } },
        { name: "staff of A", headers: { ...keyA(), ...f.a.staff.owner.headers } },
        { name: "staff of B", headers: { ...keyA(), ...f.b.staff.owner.headers } },
        { name: "platform operator", headers: { ...keyA(), ...f.platform.headers } },
      ]

      it("applying: codes are upper-cased and unique per org; automatic approval; 401 without a customer; 409 twice; 400 when the program is off", async () => {
        expect(aff.alice).toMatchObject({ code: "ALICE", status: "approved", org_id: f.a.org.id, customer_id: alice.customer.id })
        const statuses: Record<string, number> = {}
        for (const a of storeActors()) statuses[a.name] = (await send(api, "post", "/store/affiliates", a.headers, {})).status
        // Customers are global: a customer met on org B's store may join org A's program.
        expect(statuses).toEqual({
          anonymous: 401,
          "customer of A": 201,
          "customer of B": 201,
          "staff of A": 401,
          "staff of B": 401,
          "platform operator": 401,
        })
        const generated = await svc().listAffiliates({ customer_id: buyer.customer.id })
        expect(generated[0].code).toMatch(/^[A-Z0-9]{8}$/)
        expect((await failure(api.post("/store/affiliates", {}, { headers: buyer.headers }))).status).toBe(409)
        const other = await createCustomer(api, f.a.key)
        const dup = await failure(api.post("/store/affiliates", { code: "Alice" }, { headers: other.headers }))
        expect(dup.status).toBe(422)
        expect(dup.data.message).toMatch(/code "ALICE" is already taken/)
        const bad = await failure(api.post("/store/affiliates", { code: "a b" }, { headers: other.headers }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/code/)
        // Org B has no program: applying there is refused, nothing written.
        const off = await failure(api.post("/store/affiliates", {}, { headers: f.b.customer.headers }))
        expect(off.status).toBe(400)
        expect(await svc().listAffiliates({ org_id: f.b.org.id })).toHaveLength(0)
        // No key: Medusa's 400.
        expect((await failure(api.post("/store/affiliates/clicks", { code: "ALICE" }))).status).toBe(400)
      })

      it("manual approval: applications wait as pending and their links do not count", async () => {
        await setProgram(f.a.org.id, { approval: "manual" })
        const carol = await createCustomer(api, f.a.key)
        const { data } = await api.post("/store/affiliates", { code: "CAROL" }, { headers: carol.headers })
        expect(data.affiliate.status).toBe("pending")
        expect((await failure(api.post("/store/affiliates/clicks", { code: "CAROL" }, { headers: keyA() }))).status).toBe(404)
        await api.post(`/admin/affiliates/${data.affiliate.id}`, { status: "approved" }, { headers: f.a.staff.admin.headers })
        expect((await api.post("/store/affiliates/clicks", { code: "carol" }, { headers: keyA() })).status).toBe(201)
      })

      it("clicks: anyone with the org's key records one; IP and user agent are stored hashed; another org's key or unknown code 404", async () => {
        for (const a of storeActors()) {
          const res = await send(api, "post", "/store/affiliates/clicks", { ...a.headers, "user-agent": "RawAgent/1.0", "x-forwarded-for": "203.0.113.9" }, {
            code: "ALICE",
            landing_url: "https://a.example/?ref=ALICE",
          })
          expect([a.name, res.status]).toEqual([a.name, 201])
          expect(res.data.click).toMatchObject({ code: "ALICE" })
          expect(res.data.attribution_model).toBe("last_click")
          expect(new Date(res.data.click.expires_at).getTime() - new Date(res.data.click.clicked_at).getTime()).toBe(30 * DAY)
        }
        const clicks = await svc().listAffiliateClicks({ affiliate_id: aff.alice.id })
        expect(clicks).toHaveLength(6)
        const stored = JSON.stringify(clicks)
        expect(stored).not.toContain("RawAgent")
        expect(stored).not.toContain("203.0.113.9")
        expect(clicks[0].ip_hash).toMatch(/^[0-9a-f]{64}$/)
        expect(clicks[0].user_agent_hash).toMatch(/^[0-9a-f]{64}$/)
        expect(new Set(clicks.map((c: any) => c.ip_hash)).size).toBe(1)

        expect((await failure(api.post("/store/affiliates/clicks", { code: "ALICE" }, { headers: f.b.key.headers }))).status).toBe(404)
        expect((await failure(api.post("/store/affiliates/clicks", { code: "NOBODY" }, { headers: keyA() }))).status).toBe(404)
        const bad = await failure(api.post("/store/affiliates/clicks", { code: "ALICE", landing_url: "x".repeat(3000) }, { headers: keyA() }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/landing_url/)
        // A suspended affiliate's link stops counting.
        await api.post(`/admin/affiliates/${aff.alice.id}`, { status: "suspended" }, { headers: f.a.staff.owner.headers })
        expect((await failure(api.post("/store/affiliates/clicks", { code: "ALICE" }, { headers: keyA() }))).status).toBe(404)
      })

      it("cart referral: the cart's org only; a click must be the code's; same click twice is one touch", async () => {
        const h = { headers: buyer.headers }
        const { data } = await api.post("/store/carts", { region_id: usd.id, items: [{ variant_id: course.variants[0].id, quantity: 1 }] }, h)
        const cartId = data.cart.id
        const c = await click("ALICE", 1)
        // A registered customer's cart answers that customer only (the store wall of @volmify/orgs).
        for (const a of storeActors()) {
          const res = await send(api, "post", `/store/carts/${cartId}/referral`, a.headers, { code: "alice", click_id: c.id })
          expect([a.name, res.status]).toEqual([a.name, a.name === "customer of A" ? 200 : 404])
          if (res.status === 200) expect(res.data.referral).toMatchObject({ cart_id: cartId, code: "ALICE", click_id: c.id })
        }
        expect(await svc().listAffiliateReferrals({ cart_id: cartId })).toHaveLength(1)
        expect((await failure(api.post(`/store/carts/${cartId}/referral`, { code: "ALICE" }, { headers: f.b.key.headers }))).status).toBe(404)
        expect((await failure(api.post(`/store/carts/cart_nope/referral`, { code: "ALICE" }, { headers: keyA() }))).status).toBe(404)
        expect((await failure(api.post(`/store/carts/${cartId}/referral`, { code: "NOBODY" }, h))).status).toBe(404)
        const wrongClick = await failure(api.post(`/store/carts/${cartId}/referral`, { code: "BOB", click_id: c.id }, h))
        expect(wrongClick.status).toBe(400)
        expect(wrongClick.data.message).toMatch(/click_id/)
        expect((await failure(api.post(`/store/carts/${cartId}/referral`, {}, h))).data.message).toMatch(/code/)
        expect(await svc().listAffiliateReferrals({ cart_id: cartId })).toHaveLength(1)
      })

      it("GET /store/affiliates/me: 401 anonymous; null before applying; the affiliate's clicks, orders and earnings after", async () => {
        expect((await failure(api.get("/store/affiliates/me", { headers: keyA() }))).status).toBe(401)
        const before = await api.get("/store/affiliates/me", { headers: buyer.headers })
        expect(before.data).toMatchObject({ affiliate: null, program: { enabled: true, cookie_window_days: 30 }, earnings: [] })
        const c = await click("ALICE", 2)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { refs: [{ code: "ALICE", click_id: c.id }] })
        await credit(orderId)
        const { data } = await api.get("/store/affiliates/me", { headers: alice.headers })
        expect(data.affiliate).toMatchObject({ code: "ALICE", status: "approved" })
        expect(data.affiliate.customer_id).toBeUndefined()
        expect(data.clicks).toBe(1)
        expect(data.orders).toBe(1)
        expect(data.earnings).toEqual([{ currency_code: "usd", pending: 10, approved: 0, paid: 0, adjustments: 0 }])
        expect(data.commissions[0]).toMatchObject({ product_id: course.id, amount: 10, status: "pending" })
        // No buyer's order, line or email reaches the affiliate.
        expect(collectIds(data).has(orderId)).toBe(false)
        expect(JSON.stringify(data)).not.toContain(buyer.customer.email)
        // Another org's store: not an affiliate there.
        const other = await api.get("/store/affiliates/me", { headers: { ...f.b.key.headers, authorization: alice.headers.authorization } })
        expect(other.data.affiliate).toBeNull()
      })
    })

    describe("commissions", () => {
      it("last click by default: the latest touch inside the window wins; 10 % of the line without tax; event replay credits once", async () => {
        const a = await click("ALICE", 10)
        const b = await click("BOB", 1)
        const orderId = await checkout(buyer, usd, [course.variants[0].id, ebook.variants[0].id], {
          refs: [
            { code: "ALICE", click_id: a.id },
            { code: "BOB", click_id: b.id },
          ],
        })
        // 10 concurrent deliveries of order.placed plus direct runs: one commission per line.
        const bus = getContainer().resolve(Modules.EVENT_BUS)
        await bus.emit(Array.from({ length: 10 }, () => ({ name: "order.placed", data: { id: orderId } })))
        await Promise.all(Array.from({ length: 5 }, () => credit(orderId)))
        const { rows, skipped } = await credit(orderId)
        expect(skipped).toBe("already credited")
        expect(rows).toHaveLength(2)
        const byProduct = Object.fromEntries(rows.map((r: any) => [r.product_id, r]))
        expect(byProduct[course.id]).toMatchObject({ affiliate_id: aff.bob.id, source: "click", click_id: b.id, status: "pending", rate_source: "program", rate_bps: 1000, flags: [] })
        expect(num(byProduct[course.id].amount)).toBe(10)
        expect(num(byProduct[ebook.id].amount)).toBe(2)
        expect(new Date(byProduct[course.id].hold_until).getTime() - new Date(byProduct[course.id].ordered_at).getTime()).toBe(30 * DAY)
      })

      it("first click: the earliest touch inside the window wins", async () => {
        await setProgram(f.a.org.id, { attribution_model: "first_click" })
        const a = await click("ALICE", 10)
        const b = await click("BOB", 1)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], {
          refs: [
            { code: "BOB", click_id: b.id },
            { code: "ALICE", click_id: a.id },
          ],
        })
        const { rows } = await credit(orderId)
        expect(rows.map((r: any) => r.affiliate_id)).toEqual([aff.alice.id])
      })

      it("window expiry: a click older than the cookie window earns nothing; a newer one inside does", async () => {
        const old = await click("ALICE", 31)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { refs: [{ code: "ALICE", click_id: old.id }] })
        expect(await credit(orderId)).toEqual({ skipped: "no valid referral (window, status or org)", rows: [] })
        await setProgram(f.a.org.id, { cookie_window_days: 45, attribution_model: "first_click" })
        const old2 = await click("ALICE", 31)
        const recent = await click("BOB", 50)
        const order2 = await checkout(buyer, usd, [course.variants[0].id], {
          refs: [
            { code: "BOB", click_id: recent.id },
            { code: "ALICE", click_id: old2.id },
          ],
        })
        // BOB's is first but outside 45 days: ALICE's, inside, is the first valid one.
        expect((await credit(order2)).rows.map((r: any) => r.affiliate_id)).toEqual([aff.alice.id])
      })

      it("no commission for an affiliate who is not approved, of another org, or without a program; the most specific rate wins", async () => {
        const c = await click("ALICE", 1)
        // Suspended between the visit and the order: the referral no longer counts.
        const orderId = await checkout(buyer, usd, [course.variants[0].id], {
          refs: [{ code: "ALICE", click_id: c.id }],
          beforeComplete: () => api.post(`/admin/affiliates/${aff.alice.id}`, { status: "suspended" }, { headers: f.a.staff.owner.headers }),
        })
        expect(await credit(orderId)).toEqual({ skipped: "no valid referral (window, status or org)", rows: [] })
        await api.post(`/admin/affiliates/${aff.alice.id}`, { status: "approved" }, { headers: f.a.staff.owner.headers })

        // BOB: own rate 15 %, and a fixed $7 on the ebook (per unit).
        await api.post(`/admin/affiliates/${aff.bob.id}`, { commission_type: "percent", commission_bps: 1500 }, { headers: f.a.staff.owner.headers })
        await api.post(
          `/admin/affiliates/${aff.bob.id}/product-rates`,
          { product_id: ebook.id, commission_type: "fixed", fixed_amounts: [{ currency_code: "usd", amount: 7 }] },
          { headers: f.a.staff.owner.headers }
        )
        const b = await click("BOB", 1)
        const order2 = await checkout(buyer, usd, [course.variants[0].id, ebook.variants[0].id], { refs: [{ code: "BOB", click_id: b.id }] })
        const rows = Object.fromEntries((await credit(order2)).rows.map((r: any) => [r.product_id, r]))
        expect([num(rows[course.id].amount), rows[course.id].rate_source]).toEqual([15, "affiliate"])
        expect([num(rows[ebook.id].amount), rows[ebook.id].rate_source]).toEqual([7, "affiliate_product"])
        // JPY has no fixed ebook rate: BOB's 15 % applies (¥2,800 -> ¥420).
        const b2 = await click("BOB", 1)
        const order3 = await checkout(buyer, jpy, [ebook.variants[0].id], { refs: [{ code: "BOB", click_id: b2.id }] })
        const [jpyRow] = (await credit(order3)).rows
        expect([num(jpyRow.amount), jpyRow.rate_source, jpyRow.currency_code]).toEqual([420, "affiliate", "jpy"])

        // Org B's order never credits org A's affiliates.
        const bBuyer = f.b.customer
        const { data: cart } = await api.post("/store/carts", { region_id: usd.id, items: [{ variant_id: yoga.variants[0].id, quantity: 1 }] }, { headers: bBuyer.headers })
        expect((await failure(api.post(`/store/carts/${cart.cart.id}/referral`, { code: "BOB" }, { headers: bBuyer.headers }))).status).toBe(404)
      })

      it("coupon: an order using an affiliate's promotion code is theirs with no click; the base is after the discount", async () => {
        const { data } = await api.post(
          "/admin/promotions",
          {
            code: "ALICE20",
            type: "standard",
            status: "active",
            application_method: { type: "percentage", target_type: "order", allocation: "across", value: 20, currency_code: "usd" },
          },
          { headers: f.a.staff.owner.headers }
        )
        const promotionId = data.promotion.id
        const link = await api.post(`/admin/affiliates/${aff.alice.id}/coupons`, { promotion_id: promotionId }, { headers: f.a.staff.owner.headers })
        expect(link.status).toBe(201)
        expect(link.data.coupon).toMatchObject({ affiliate_id: aff.alice.id, promotion_id: promotionId, code: "ALICE20" })
        expect((await failure(api.post(`/admin/affiliates/${aff.bob.id}/coupons`, { promotion_id: promotionId }, { headers: f.a.staff.owner.headers }))).status).toBe(422)
        // BOB's click is there too: the coupon is explicit and wins.
        const b = await click("BOB", 1)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { promo: "ALICE20", refs: [{ code: "BOB", click_id: b.id }] })
        const { rows } = await credit(orderId)
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatchObject({ affiliate_id: aff.alice.id, source: "coupon", promotion_id: promotionId, click_id: null })
        expect([num(rows[0].base_amount), num(rows[0].amount)]).toEqual([80, 8])
        const noClick = await checkout(buyer, usd, [course.variants[0].id], { promo: "ALICE20" })
        expect((await credit(noClick)).rows.map((r: any) => [r.affiliate_id, num(r.amount)])).toEqual([[aff.alice.id, 8]])
      })

      it("self-referral: the same customer earns nothing and is flagged; a guest cannot check out with the affiliate's email", async () => {
        const c = await click("ALICE", 1)
        const own = await checkout(alice, usd, [course.variants[0].id], { refs: [{ code: "ALICE", click_id: c.id }] })
        const { rows } = await credit(own)
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatchObject({ status: "voided", flags: ["self_referral"], affiliate_id: aff.alice.id })
        expect(num(rows[0].amount)).toBe(0)
        // A guest checkout with the affiliate's email is refused before any cart exists: an
        // email with an account is for its owner's login (the store wall of @volmify/orgs).
        const guest = await send(api, "post", "/store/carts", keyA(), {
          region_id: usd.id,
          email: alice.customer.email.toUpperCase(),
          items: [{ variant_id: course.variants[0].id, quantity: 1 }],
        })
        expect([guest.status, guest.data.message]).toEqual([400, "An account exists for this email: log in to use it"])
        const { data: list } = await api.get(`/admin/affiliate-commissions?flagged=true`, { headers: f.a.staff.manager.headers })
        expect(list.commissions.map((c: any) => c.order_id)).toEqual([own])
        // Staff know orders by their number: the list carries it.
        const { data: placed } = await api.get(`/admin/orders/${own}?fields=display_id`, { headers: f.a.staff.manager.headers })
        expect(list.commissions.map((c: any) => c.order_display_id)).toEqual([placed.order.display_id])
        expect(typeof placed.order.display_id).toBe("number")
      })

      it("fast conversion and a high refund rate need manual approval; the job skips them until staff approve", async () => {
        const c = await click("BOB", 0)
        // Dated after the order (clock skew or a scripted click): under 5 s from click to order.
        await svc().updateAffiliateClicks({ id: c.id, clicked_at: new Date(Date.now() + 60_000) })
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { refs: [{ code: "BOB", click_id: c.id }] })
        const [row] = (await credit(orderId)).rows
        expect(row).toMatchObject({ flags: ["fast_conversion"], needs_review: true, status: "pending" })
        const later = new Date(Date.now() + 31 * DAY)
        await affiliatesWf.approveDueCommissionsWorkflow(getContainer()).run({ input: { now: later } })
        expect((await svc().listAffiliateCommissions({ id: row.id }))[0].status).toBe("pending")
        // The hold has not passed yet: approving the review leaves it pending for the job.
        const review = await api.post(`/admin/affiliate-commissions/${row.id}/review`, { decision: "approve" }, { headers: f.a.staff.admin.headers })
        expect(review.data.commission).toMatchObject({ status: "pending", needs_review: false })
        await affiliatesWf.approveDueCommissionsWorkflow(getContainer()).run({ input: { now: later } })
        expect((await svc().listAffiliateCommissions({ id: row.id }))[0].status).toBe("approved")
        expect((await failure(api.post(`/admin/affiliate-commissions/${row.id}/review`, { decision: "reject" }, { headers: f.a.staff.admin.headers }))).status).toBe(400)

        // BOB's order refunded in full: 1 of 1 earlier orders refunded -> 100 % >= 25 %.
        const pay = await capture(orderId)
        await refund(pay.id, 100, orderId)
        const b = await click("BOB", 1)
        const next = await checkout(buyer, usd, [ebook.variants[0].id], { refs: [{ code: "BOB", click_id: b.id }] })
        const [flagged] = (await credit(next)).rows
        expect(flagged).toMatchObject({ flags: ["high_refund_rate"], needs_review: true })
        const rejected = await api.post(`/admin/affiliate-commissions/${flagged.id}/review`, { decision: "reject" }, { headers: f.a.staff.owner.headers })
        expect(rejected.data.commission.status).toBe("voided")
      })

      it("JPY, refund inside the hold: the commission shrinks proportionally, then is voided by a full refund; nothing is posted", async () => {
        const c = await click("ALICE", 3)
        const orderId = await checkout(buyer, jpy, [course.variants[0].id], { refs: [{ code: "ALICE", click_id: c.id }] })
        const [row] = (await credit(orderId)).rows
        expect([num(row.amount), row.currency_code]).toEqual([1480, "jpy"])
        const pay = await capture(orderId)
        await refund(pay.id, 4800, orderId)
        let [now] = await svc().listAffiliateCommissions({ id: row.id })
        // ¥1,480 x (10,000 / 14,800) = ¥1,000 kept.
        expect([num(now.amount), num(now.clawed_back_amount), now.status]).toEqual([1000, 480, "pending"])
        await refund(pay.id, 10000, orderId)
        ;[now] = await svc().listAffiliateCommissions({ id: row.id })
        expect([num(now.amount), num(now.clawed_back_amount), now.status]).toEqual([0, 1480, "voided"])
        await affiliatesWf.approveDueCommissionsWorkflow(getContainer()).run({ input: { now: new Date(Date.now() + 31 * DAY) } })
        expect(await ledger().listLedgerTransactions({ reference_type: ["affiliate_commission", "affiliate_clawback"] })).toHaveLength(0)
      })

      it("an affiliate deleted after earning: the job still approves the commission and posts it to that affiliate's payable (by id), not a failed batch", async () => {
        const c = await click("ALICE", 3)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { refs: [{ code: "ALICE", click_id: c.id }] })
        await credit(orderId)
        await svc().softDeleteAffiliates([aff.alice.id])
        const later = new Date(Date.now() + 31 * DAY)
        await affiliatesWf.approveDueCommissionsWorkflow(getContainer()).run({ input: { now: later } })
        expect((await svc().listAffiliateCommissions({ affiliate_id: aff.alice.id })).map((r: any) => r.status)).toEqual(["approved"])
        expect(await ledger().listLedgerTransactions({ reference_type: "affiliate_commission" })).toHaveLength(1)
        expect(await payableBalance(aff.alice.id, "usd")).toBeGreaterThan(0)
      })

      it("after the hold: the job approves and posts once (expense / affiliate payable); a refund posts a negative adjustment; payouts pay the balance", async () => {
        await setProgram(f.a.org.id, { minimum_payouts: [{ currency_code: "usd", amount: 5 }] })
        const c = await click("ALICE", 3)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { refs: [{ code: "ALICE", click_id: c.id }] })
        const c2 = await click("ALICE", 3)
        const order2 = await checkout(buyer, usd, [ebook.variants[0].id], { refs: [{ code: "ALICE", click_id: c2.id }] })
        const [row] = (await credit(orderId)).rows
        await credit(order2)
        const later = new Date(Date.now() + 31 * DAY)
        await Promise.all([1, 2, 3].map(() => affiliatesWf.approveDueCommissionsWorkflow(getContainer()).run({ input: { now: later } })))
        const approved = await svc().listAffiliateCommissions({ affiliate_id: aff.alice.id })
        expect(approved.map((r: any) => r.status)).toEqual(["approved", "approved"])
        const postings = await ledger().listLedgerTransactions({ reference_type: "affiliate_commission" }, { relations: ["entries"] })
        expect(postings).toHaveLength(2)
        const [expense] = await ledger().listLedgerAccounts({ org_id: f.a.org.id, code: "commission_expense" })
        expect(expense).toMatchObject({ type: "expense", normal_balance: "debit", currency_code: "usd" })
        // Each posting: debit the org's commission expense, credit ALICE's payable, same amount.
        for (const t of postings) {
          const debit = t.entries.find((e: any) => e.direction === "debit")
          const credit = t.entries.find((e: any) => e.direction === "credit")
          expect(debit.account_id).toBe(expense.id)
          expect(num(debit.amount)).toBe(num(credit.amount))
        }
        expect(await payableBalance(aff.alice.id, "usd")).toBe(12)

        const pay = await capture(orderId)
        await refund(pay.id, 50, orderId)
        await refund(pay.id, 0.01, orderId) // too small to move the commission: nothing posted
        const adjustments = await ledger().listLedgerTransactions({ reference_type: "affiliate_clawback" }, { relations: ["entries"] })
        expect(adjustments).toHaveLength(1)
        expect(adjustments[0]).toMatchObject({ kind: "adjustment", reference_id: `${row.id}:5.00` })
        expect(await payableBalance(aff.alice.id, "usd")).toBe(7)
        const me = await api.get("/store/affiliates/me", { headers: alice.headers })
        expect(me.data.earnings).toEqual([{ currency_code: "usd", pending: 0, approved: 12, paid: 0, adjustments: -5 }])

        // The org's earnings summary keeps the affiliate's payable apart from what staff are owed.
        const usdSummary = async () =>
          (await api.get("/admin/earnings/summary?currency_code=usd", { headers: f.a.staff.owner.headers })).data.summary.find((x: any) => x.currency_code === "usd")
        const owedBefore = await usdSummary()
        expect(owedBefore).toMatchObject({ affiliates: 7, owed_to_affiliates: 7, paid_to_affiliates: 0, paid_out: 0, paid_to_staff: 0 })
        expect(owedBefore.owed_to_staff).toBe(owedBefore.creators)

        const below = await failure(api.post(`/admin/affiliates/${aff.alice.id}/payouts`, { currency_code: "usd", amount: 4 }, { headers: f.a.staff.owner.headers }))
        expect(below.status).toBe(400)
        expect(below.data.message).toMatch(/minimum payout of 5.00 USD/)
        const over = await failure(api.post(`/admin/affiliates/${aff.alice.id}/payouts`, { currency_code: "usd", amount: 8 }, { headers: f.a.staff.owner.headers }))
        expect(over.status).toBe(400)
        const paid = await api.post(`/admin/affiliates/${aff.alice.id}/payouts`, { currency_code: "usd", reference: "march" }, { headers: f.a.staff.owner.headers })
        expect(paid.status).toBe(201)
        expect(paid.data.payout).toMatchObject({ amount: 7, currency_code: "usd" })
        expect(paid.data.payout.commissions_paid).toHaveLength(2)
        // The same reference again: the payout already recorded, nothing new.
        const again = await api.post(`/admin/affiliates/${aff.alice.id}/payouts`, { currency_code: "usd", amount: 7, reference: "march" }, { headers: f.a.staff.owner.headers })
        expect([again.status, again.data.payout.id]).toEqual([200, paid.data.payout.id])
        expect(await payableBalance(aff.alice.id, "usd")).toBe(0)
        const after = await api.get("/store/affiliates/me", { headers: alice.headers })
        expect(after.data.earnings).toEqual([{ currency_code: "usd", pending: 0, approved: 0, paid: 12, adjustments: -5 }])
        const payouts = await api.get(`/admin/affiliate-payouts`, { headers: f.a.staff.manager.headers })
        expect(payouts.data.payouts).toEqual([expect.objectContaining({ affiliate_id: aff.alice.id, amount: 7, currency_code: "usd" })])
        const owedAfter = await usdSummary()
        expect(owedAfter).toMatchObject({ affiliates: 7, owed_to_affiliates: 0, paid_to_affiliates: 7, paid_out: 7, paid_to_staff: 0 })
        expect([owedAfter.creators, owedAfter.owed_to_staff]).toEqual([owedBefore.creators, owedBefore.owed_to_staff])
      })

      it("rollback: commissions, approvals and clawbacks leave nothing behind when a later step fails", async () => {
        const container = getContainer()
        const c = await click("ALICE", 3)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { refs: [{ code: "ALICE", click_id: c.id }] })
        // Let the subscriber finish first, then start from no commission.
        await credit(orderId)
        await svc().deleteAffiliateCommissions((await svc().listAffiliateCommissions({ order_id: orderId })).map((r: any) => r.id))
        const failed = await runFailingAfter(affiliatesWf.createOrderCommissionsWorkflow(container), "create-affiliate-records", { order_id: orderId })
        expect(failed.errors).toHaveLength(1)
        expect(await svc().listAffiliateCommissions({ order_id: orderId })).toHaveLength(0)
        const [row] = (await credit(orderId)).rows

        const later = new Date(Date.now() + 31 * DAY)
        const approveFail = await runFailingAfter(affiliatesWf.approveDueCommissionsWorkflow(container), "update-affiliate-records", { now: later })
        expect(approveFail.errors).toHaveLength(1)
        expect((await svc().listAffiliateCommissions({ id: row.id }))[0].status).toBe("pending")
        expect(await ledger().listLedgerTransactions({ reference_type: "affiliate_commission" })).toHaveLength(0)
        await affiliatesWf.approveDueCommissionsWorkflow(container).run({ input: { now: later } })

        const payments = container.resolve(Modules.PAYMENT)
        const pay = await paymentOf(orderId)
        await payments.capturePayment({ payment_id: pay.id })
        await payments.refundPayment({ payment_id: pay.id, amount: 100 })
        const clawFail = await runFailingAfter(affiliatesWf.clawbackOrderCommissionsWorkflow(container), "update-affiliate-records", { order_id: orderId })
        expect(clawFail.errors).toHaveLength(1)
        expect(await ledger().listLedgerTransactions({ reference_type: "affiliate_clawback" })).toHaveLength(0)
        expect(num((await svc().listAffiliateCommissions({ id: row.id }))[0].clawed_back_amount)).toBe(0)
        await affiliatesWf.clawbackOrderCommissionsWorkflow(container).run({ input: { order_id: orderId } })
        expect(await payableBalance(aff.alice.id, "usd")).toBe(0)

        const programFail = await runFailingAfter(affiliatesWf.upsertAffiliateProgramWorkflow(container), "update-affiliate-records", {
          org_id: f.a.org.id,
          hold_days: 3,
        })
        expect(programFail.errors).toHaveLength(1)
        expect((await svc().listAffiliatePrograms({ org_id: f.a.org.id }))[0].hold_days).toBe(30)
      })
      it("rollback: applications, status and rates, coupons, clicks, referrals and payouts undo whole", async () => {
        const container = getContainer()
        const fails = async (wf: any, after: string, input: unknown) => {
          const { errors } = await runFailingAfter(wf(container), after, input)
          expect(errors).toHaveLength(1)
        }
        const dave = await createCustomer(api, f.a.key)
        await fails(affiliatesWf.applyForAffiliateWorkflow, "create-affiliate-records", { org_id: f.a.org.id, customer_id: dave.customer.id, code: "DAVE" })
        expect(await svc().listAffiliates({ customer_id: dave.customer.id })).toHaveLength(0)

        await fails(affiliatesWf.updateAffiliateWorkflow, "update-affiliate-records", { id: aff.bob.id, status: "suspended", commission_type: "percent", commission_bps: 2500 })
        expect((await svc().listAffiliates({ id: aff.bob.id }))[0]).toMatchObject({ status: "approved", commission_type: null, commission_bps: null })

        const rateInput = { affiliate_id: aff.bob.id, org_id: f.a.org.id, product_id: course.id, commission_type: "percent", commission_bps: 300 }
        await fails(affiliatesWf.setAffiliateProductRateWorkflow, "create-affiliate-records", rateInput)
        expect(await svc().listAffiliateProductRates({ affiliate_id: aff.bob.id })).toHaveLength(0)
        const { result: rate } = await affiliatesWf.setAffiliateProductRateWorkflow(container).run({ input: rateInput })
        await fails(affiliatesWf.removeAffiliateProductRateWorkflow, "delete-affiliate-records", { id: rate.id })
        expect(await svc().listAffiliateProductRates({ affiliate_id: aff.bob.id })).toHaveLength(1)

        const { data } = await api.post(
          "/admin/promotions",
          { code: "BOBCPN", type: "standard", status: "active", application_method: { type: "percentage", target_type: "order", allocation: "across", value: 5, currency_code: "usd" } },
          { headers: f.a.staff.owner.headers }
        )
        await fails(affiliatesWf.linkAffiliateCouponWorkflow, "create-affiliate-records", { affiliate_id: aff.bob.id, org_id: f.a.org.id, promotion_id: data.promotion.id })
        expect(await svc().listAffiliateCoupons({ affiliate_id: aff.bob.id })).toHaveLength(0)

        await fails(affiliatesWf.recordAffiliateClickWorkflow, "create-affiliate-records", { org_id: f.a.org.id, code: "BOB", ip_hash: null, user_agent_hash: null })
        expect(await svc().listAffiliateClicks({ affiliate_id: aff.bob.id })).toHaveLength(0)
        const { data: cart } = await api.post("/store/carts", { region_id: usd.id, items: [{ variant_id: course.variants[0].id, quantity: 1 }] }, { headers: buyer.headers })
        await fails(affiliatesWf.attachCartReferralWorkflow, "create-affiliate-records", { org_id: f.a.org.id, cart_id: cart.cart.id, code: "BOB" })
        expect(await svc().listAffiliateReferrals({ cart_id: cart.cart.id })).toHaveLength(0)

        // A payout whose last step fails: no ledger payout, commissions still approved.
        const c = await click("BOB", 3)
        const orderId = await checkout(buyer, usd, [course.variants[0].id], { refs: [{ code: "BOB", click_id: c.id }] })
        await credit(orderId)
        await affiliatesWf.approveDueCommissionsWorkflow(container).run({ input: { now: new Date(Date.now() + 31 * DAY) } })
        await fails(affiliatesWf.recordAffiliatePayoutWorkflow, "update-affiliate-records", { org_id: f.a.org.id, affiliate_id: aff.bob.id, currency_code: "usd" })
        // BOB's 3 % rate on the course (kept above) applies: $3 owed, still owed.
        expect(await payableBalance(aff.bob.id, "usd")).toBe(3)
        expect((await svc().listAffiliateCommissions({ affiliate_id: aff.bob.id })).map((r: any) => r.status)).toEqual(["approved"])
        expect(await ledger().listLedgerTransactions({ kind: "payout", org_id: f.a.org.id })).toHaveLength(0)
      })
      it("backlog: credits many orders at once (USD, JPY, two orgs) exactly as one by one; rolls back whole; skips with reasons", async () => {
        const container = getContainer()
        const since = new Date()
        const a = await click("ALICE", 1)
        const b = await click("BOB", 1)
        const usdOrder = await checkout(buyer, usd, [course.variants[0].id, ebook.variants[0].id], { refs: [{ code: "ALICE", click_id: a.id }] })
        const jpyOrder = await checkout(buyer, jpy, [course.variants[0].id], { refs: [{ code: "BOB", click_id: b.id }] })
        const plain = await checkout(buyer, usd, [ebook.variants[0].id])
        const bOrder = await checkout(f.b.customer, usd, [yoga.variants[0].id])
        // One by one first (the subscriber may be at it too), then from no commission.
        const shape = (r: any) => [r.order_id, r.line_item_id, r.affiliate_id, r.source, r.currency_code, String(r.amount), r.status, r.flags, r.needs_review].join("|")
        const single: string[] = []
        for (const id of [usdOrder, jpyOrder, plain, bOrder]) single.push(...(await credit(id)).rows.map(shape))
        const order_ids = [usdOrder, plain, jpyOrder, bOrder, "order_missing"]
        const removeAll = async () =>
          svc().deleteAffiliateCommissions((await svc().listAffiliateCommissions({ order_id: order_ids })).map((r: any) => r.id))
        await removeAll()

        const failed = await runFailingAfter(affiliatesWf.createOrdersCommissionsWorkflow(container), "create-affiliate-records", { order_ids })
        expect(failed.errors).toHaveLength(1)
        expect(await svc().listAffiliateCommissions({ order_id: order_ids })).toHaveLength(0)
        // A workflow's error reaches the caller as a plain object: compare type and message.
        const refused = await affiliatesWf.createOrdersCommissionsWorkflow(container).run({ input: { order_ids: "all" } }).then(() => null, (e: any) => [e.type, e.message])
        expect(refused).toEqual(["invalid_data", "order_ids must be a non-empty array of order ids"])

        const { result } = await affiliatesWf.createOrdersCommissionsWorkflow(container).run({ input: { order_ids } })
        expect(result.skipped).toEqual([
          { order_id: plain, reason: "no referral" },
          { order_id: bOrder, reason: "no enabled affiliate program" },
          { order_id: "order_missing", reason: "order not found" },
        ])
        const batch = (await svc().listAffiliateCommissions({ order_id: order_ids })).map(shape)
        expect(batch.sort()).toEqual(single.sort())
        expect(single).toHaveLength(3)
        // ¥14,800 at BOB's rate and $100 + $20 at ALICE's: amounts in the currency's own digits.
        const jpyRow = (await svc().listAffiliateCommissions({ order_id: jpyOrder }))[0]
        expect([jpyRow.currency_code, num(jpyRow.base_amount)]).toEqual(["jpy", 14800])
        expect(Number.isInteger(num(jpyRow.amount))).toBe(true)

        const again = await affiliatesWf.createOrdersCommissionsWorkflow(container).run({ input: { order_ids } })
        expect(again.result.commissions).toEqual([])
        expect(again.result.skipped.slice(0, 2)).toEqual([
          { order_id: usdOrder, reason: "already credited" },
          { order_id: plain, reason: "no referral" },
        ])

        // The hourly safety net: referred orders without commissions (their event lost) are
        // credited; orders without a referral are not even planned; a second run plans none.
        await removeAll()
        const net = (input: Record<string, unknown>) => affiliatesWf.creditMissedCommissionsWorkflow(container).run({ input: { since, ...input } })
        const netFailed = await runFailingAfter(affiliatesWf.creditMissedCommissionsWorkflow(container), "create-orders-commissions", { since })
        expect(netFailed.errors).toHaveLength(1)
        expect(await svc().listAffiliateCommissions({ order_id: order_ids })).toHaveLength(0)
        // One order a round, as the job pages: the first, then the one after it, then none.
        const [first, second] = [usdOrder, jpyOrder].sort()
        const round1 = (await net({ limit: 1 })).result
        expect([round1.orders, round1.found, round1.commissions.length]).toEqual([4, [first], first === usdOrder ? 2 : 1])
        const round2 = (await net({ limit: 1, after: first })).result
        expect(round2.found).toEqual([second])
        expect((await svc().listAffiliateCommissions({ order_id: order_ids })).map(shape).sort()).toEqual(single.sort())
        expect((await net({})).result.found).toEqual([])
        await removeAll()
      })
    })

    describe("admin routes", () => {
      const actors = () => [
        { name: "anonymous", headers: {}, want: 401 },
        { name: "customer of A", headers: { authorization: f.a.customer.headers.authorization }, want: 401 },
        { name: "customer of B", headers: { authorization: f.b.customer.headers.authorization }, want: 401 },
        ...ROLES.map((r) => ({ name: `${r} of A`, headers: f.a.staff[r].headers, role: r })),
        { name: "owner of B", headers: f.b.staff.owner.headers, want: 404 },
        { name: "admin user of no org", headers: f.outsider.headers, want: 403 },
        { name: "platform operator", headers: f.platform.headers, want: 200 },
      ]
      const READ = ["owner", "admin", "manager"]
      const WRITE = ["owner", "admin"]

      async function matrix(
        method: "get" | "post" | "delete",
        url: (i: number) => string,
        allowed: string[],
        body?: (i: number) => unknown
      ) {
        const wrong: string[] = []
        for (const [i, a] of actors().entries()) {
          const want = "role" in a && a.role ? (allowed.includes(a.role) ? 200 : 403) : a.want
          const res = await send(api, method, url(i), a.headers, body?.(i))
          const ok = want === 200 ? res.status >= 200 && res.status < 300 : res.status === want
          if (!ok) wrong.push(`${a.name}: ${res.status} (expected ${want}) ${JSON.stringify(res.data)}`)
          if (res.status < 300) {
            const ids = collectIds(res.data)
            expect([f.b.org.id, yoga.id].filter((id) => ids.has(id))).toEqual([])
          }
        }
        expect(wrong).toEqual([])
      }

      it("program settings: read by owner/admin/manager, written by owner/admin; platform names the org; bad input 400 naming the field", async () => {
        const orgA = f.a.org.id
        await matrix("get", () => `/admin/affiliate-program?org_id=${orgA}`, READ)
        await matrix("post", () => `/admin/affiliate-program`, WRITE, () => ({ org_id: orgA, cookie_window_days: 14 }))
        const { data } = await api.get(`/admin/affiliate-program`, { headers: f.a.staff.manager.headers })
        expect(data.program).toMatchObject({ enabled: true, cookie_window_days: 14, hold_days: 30, attribution_model: "last_click", approval: "automatic" })
        expect((await failure(api.get(`/admin/affiliate-program`, { headers: f.platform.headers }))).data.message).toMatch(/org_id is required/)
        const b = await api.get(`/admin/affiliate-program?org_id=${f.b.org.id}`, { headers: f.b.staff.owner.headers })
        expect(b.data.program).toMatchObject({ id: null, enabled: false })
        const owner = f.a.staff.owner.headers
        const cases: [unknown, RegExp][] = [
          [{ commission_bps: 10001 }, /commission_bps/],
          [{ commission_type: "fixed" }, /fixed_amounts is required/],
          [{ commission_type: "fixed", fixed_amounts: [{ currency_code: "jpy", amount: 1.5 }] }, /fixed_amounts\[0\].amount has more than 0 decimal/],
          [{ cookie_window_days: -1 }, /cookie_window_days/],
          [{ attribution_model: "linear" }, /attribution_model/],
          [{ minimum_payouts: [{ currency_code: "usd", amount: 1.234 }] }, /minimum_payouts\[0\].amount/],
          [{ surprise: true }, /surprise/],
        ]
        for (const [body, message] of cases) {
          const res = await failure(api.post(`/admin/affiliate-program`, body, { headers: owner }))
          expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(message)])
        }
        expect((await api.get(`/admin/affiliate-program`, { headers: owner })).data.program).toMatchObject({ commission_type: "percent", commission_bps: 1000, cookie_window_days: 14 })
        const jpyFixed = await api.post(`/admin/affiliate-program`, { commission_type: "fixed", fixed_amounts: [{ currency_code: "JPY", amount: 500 }] }, { headers: owner })
        expect(jpyFixed.data.program).toMatchObject({ commission_type: "fixed", commission_bps: null, fixed_amounts: [{ currency_code: "jpy", amount: "500" }] })
      })

      it("affiliates: list and read (owner/admin/manager); status and rates (owner/admin); another org's affiliate 404", async () => {
        const orgA = f.a.org.id
        await matrix("get", () => `/admin/affiliates?org_id=${orgA}`, READ)
        const { data } = await api.get(`/admin/affiliates?status=approved`, { headers: f.a.staff.manager.headers })
        expect(data.affiliates.map((a: any) => a.code).sort()).toEqual(["ALICE", "BOB"])
        await matrix("get", () => `/admin/affiliates/${aff.alice.id}`, READ)
        await matrix("post", () => `/admin/affiliates/${aff.alice.id}`, WRITE, () => ({ status: "approved", commission_type: "percent", commission_bps: 1200 }))
        await matrix("post", () => `/admin/affiliates/${aff.alice.id}/product-rates`, WRITE, () => ({ product_id: course.id, commission_type: "percent", commission_bps: 2000 }))
        const rates = await svc().listAffiliateProductRates({ affiliate_id: aff.alice.id })
        expect(rates).toHaveLength(1)
        // Org B's product is not a product of A's affiliates.
        const other = await failure(api.post(`/admin/affiliates/${aff.bob.id}/product-rates`, { product_id: yoga.id, commission_type: "percent", commission_bps: 5 }, { headers: f.platform.headers }))
        expect(other.status).toBe(404)
        const bad = await failure(api.post(`/admin/affiliates/${aff.bob.id}`, { status: "banned" }, { headers: f.a.staff.owner.headers }))
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/status/)])
        expect((await failure(api.post(`/admin/affiliates/${aff.bob.id}`, { commission_type: "percent" }, { headers: f.a.staff.owner.headers }))).data.message).toMatch(/commission_bps is required/)
        expect((await svc().listAffiliates({ id: aff.bob.id }))[0].commission_type).toBeNull()
      })

      it("product rate removal and coupons: owner/admin only, tenancy checked", async () => {
        // Each allowed actor deletes a fresh rate: recreate before each call.
        const wrong: string[] = []
        for (const a of actors()) {
          const { result } = await affiliatesWf.setAffiliateProductRateWorkflow(getContainer()).run({
            input: { affiliate_id: aff.alice.id, org_id: f.a.org.id, product_id: course.id, commission_type: "percent", commission_bps: 100 },
          })
          const want = "role" in a && a.role ? (WRITE.includes(a.role) ? 200 : 403) : a.want
          const res = await send(api, "delete", `/admin/affiliates/${aff.alice.id}/product-rates/${result.id}`, a.headers)
          if (want === 200 ? res.status !== 200 : res.status !== want) wrong.push(`${a.name}: ${res.status} (expected ${want})`)
        }
        expect(wrong).toEqual([])

        const promos: string[] = []
        for (let i = 0; i < actors().length; i++) {
          const { data } = await api.post(
            "/admin/promotions",
            { code: `AFFCPN${i}`, type: "standard", status: "active", application_method: { type: "percentage", target_type: "order", allocation: "across", value: 5, currency_code: "usd" } },
            { headers: f.a.staff.owner.headers }
          )
          promos.push(data.promotion.id)
        }
        await matrix("post", () => `/admin/affiliates/${aff.bob.id}/coupons`, WRITE, (i) => ({ promotion_id: promos[i] }))
        const { data: bPromo } = await api.post(
          "/admin/promotions",
          { code: "BPROMO", type: "standard", status: "active", application_method: { type: "percentage", target_type: "order", allocation: "across", value: 5, currency_code: "usd" } },
          { headers: f.b.staff.owner.headers }
        )
        expect((await failure(api.post(`/admin/affiliates/${aff.bob.id}/coupons`, { promotion_id: bPromo.promotion.id }, { headers: f.platform.headers }))).status).toBe(404)
      })

      it("commissions, review and payouts: the matrix; flags filter; platform names the org", async () => {
        const orgA = f.a.org.id
        const base = {
          org_id: orgA,
          affiliate_id: aff.alice.id,
          product_id: course.id,
          currency_code: "usd",
          source: "click",
          base_amount: 100,
          original_amount: 10,
          amount: 10,
          status: "pending",
          flags: ["fast_conversion"],
          needs_review: true,
          ordered_at: new Date(Date.now() - 40 * DAY),
          hold_until: new Date(Date.now() - 10 * DAY),
        }
        const seeded = await svc().createAffiliateCommissions(
          actors().map((_, i) => ({ ...base, order_id: `order_seed_${i}`, line_item_id: `line_seed_${i}` }))
        )
        await matrix("get", () => `/admin/affiliate-commissions?org_id=${orgA}&flagged=true`, READ)
        const list = await api.get(`/admin/affiliate-commissions?status=pending&flagged=true&limit=5`, { headers: f.a.staff.owner.headers })
        expect([list.data.count, list.data.commissions.length]).toEqual([actors().length, 5])
        expect((await api.get(`/admin/affiliate-commissions?flagged=false`, { headers: f.a.staff.owner.headers })).data.count).toBe(0)
        // Pages are cut in SQL in one fixed order and do not overlap; a commission without flags (null) is unflagged.
        const next = await api.get(`/admin/affiliate-commissions?status=pending&flagged=true&limit=5&offset=5`, { headers: f.a.staff.owner.headers })
        expect(next.data.count).toBe(actors().length)
        expect(next.data.commissions.length).toBe(Math.min(5, actors().length - 5))
        const firstIds = list.data.commissions.map((c: any) => c.id)
        expect(next.data.commissions.filter((c: any) => firstIds.includes(c.id))).toEqual([])
        const all = (await api.get(`/admin/affiliate-commissions?status=pending&flagged=true&limit=100`, { headers: f.a.staff.owner.headers })).data.commissions.map((c: any) => c.id)
        expect([...firstIds, ...next.data.commissions.map((c: any) => c.id)]).toEqual(all.slice(0, firstIds.length + next.data.commissions.length))
        const [plain] = await svc().createAffiliateCommissions([{ ...base, flags: null, needs_review: false, order_id: "order_seed_plain", line_item_id: "line_seed_plain" }])
        const unflagged = (await api.get(`/admin/affiliate-commissions?flagged=false`, { headers: f.a.staff.owner.headers })).data
        expect([unflagged.count, unflagged.commissions.map((c: any) => c.id)]).toEqual([1, [plain.id]])
        await svc().deleteAffiliateCommissions([plain.id])
        expect((await failure(api.get(`/admin/affiliate-commissions?status=odd`, { headers: f.a.staff.owner.headers }))).data.message).toMatch(/status/)
        await matrix("post", (i) => `/admin/affiliate-commissions/${seeded[i].id}/review`, WRITE, () => ({ decision: "approve" }))
        // Approved by owner, admin and the platform operator: hold passed, so posted at once.
        expect(await payableBalance(aff.alice.id, "usd")).toBe(30)
        await matrix("post", () => `/admin/affiliates/${aff.alice.id}/payouts`, WRITE, () => ({ currency_code: "usd", amount: 1 }))
        expect(await payableBalance(aff.alice.id, "usd")).toBe(27)
        await matrix("get", () => `/admin/affiliate-payouts?org_id=${orgA}`, READ)
        const bad = await failure(api.post(`/admin/affiliates/${aff.alice.id}/payouts`, { currency_code: "dollars" }, { headers: f.a.staff.owner.headers }))
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/currency_code/)])
      })
    })
  },
})
