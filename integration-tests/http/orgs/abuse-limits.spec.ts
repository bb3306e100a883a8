import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createCustomer, CustomerActor, uniqueEmail } from "../../helpers/actors"
import { createRegion, createTieredProduct, TestProduct, TestRegion } from "../../helpers/commerce"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"

/**
 * Issue 20, abuse limits and referral fraud: sign-in lockout per account and per IP (with
 * an expiry), the click and referral throttles (X-Forwarded-For believed only from trusted
 * proxies), click dedupe, and a plus-alias guest checkout on the affiliate's own link.
 * Explicit small limits, set before the app boots (the defaults are documented in the
 * orgs README); the click limit keeps its real default.
 */
process.env.VOLMIFY_LOGIN_MAX_FAILURES_PER_ACCOUNT = "5"
process.env.VOLMIFY_LOGIN_MAX_FAILURES_PER_IP = "12"
process.env.VOLMIFY_LOGIN_LOCKOUT_SECONDS = "3"
process.env.VOLMIFY_LOGIN_WINDOW_SECONDS = "60"
process.env.VOLMIFY_AFFILIATE_REFERRALS_PER_MINUTE = "10"
delete process.env.VOLMIFY_AFFILIATE_CLICKS_PER_MINUTE
// No trusted proxy unless a test names one ("" rather than delete: the app must see the change).
process.env.VOLMIFY_TRUSTED_PROXIES = ""

import * as affiliatesWf from "@volmify/affiliates/workflows"

jest.setTimeout(300_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const randomIp = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let course: TestProduct
    let owner: CustomerActor // affiliate OWNER of org A
    const affiliates = () => getContainer().resolve<any>("affiliates")

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "abuse" })
      usd = await createRegion(container, "usd")
      course = await createTieredProduct(container, f.a.org, {
        handle: "abuse-course",
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 100 } }],
      })
      await affiliatesWf.upsertAffiliateProgramWorkflow(container).run({
        input: { org_id: f.a.org.id, enabled: true, commission_type: "percent", commission_bps: 1000 },
      })
      owner = await createCustomer(api, f.a.key, { email: uniqueEmail("name") })
      await api.post("/store/affiliates", { code: "OWNER" }, { headers: owner.headers })
    })

    afterEach(() => {
      process.env.VOLMIFY_TRUSTED_PROXIES = ""
    })

    const login = (email: string, password: string, headers: Record<string, string> = {}) =>
      send(api, "post", "/auth/customer/emailpass", headers, { email, password })

    it("locks an account out after repeated wrong passwords, even for the right one, until the lockout expires", async () => {
      // Through a trusted proxy with an address of its own: the per-IP count is the next test's.
      process.env.VOLMIFY_TRUSTED_PROXIES = "127.0.0.1,::1"
      const via = { "x-forwarded-for": "198.51.100.1" }
      const login = (email: string, password: string) => send(api, "post", "/auth/customer/emailpass", via, { email, password })
      const email = uniqueEmail("victim")
      await createCustomer(api, f.a.key, { email, password: "right-password-1" })
      const statuses: number[] = []
      for (let i = 0; i < 8; i++) statuses.push((await login(email, `wrong-${i}`)).status)
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429])

      const locked = await login(email, "right-password-1")
      expect(locked.status).toBe(429)
      expect(locked.data.message).toMatch(/this account/)
      const refused = await api
        .post("/auth/customer/emailpass", { email, password: "right-password-1" }, { headers: via })
        .catch((e: any) => e.response)
      const retryAfter = Number(refused.headers["retry-after"])
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(3)
      // Another account from the same address is not locked by this one.
      expect((await login(f.a.customer.customer.email, "test-password-1")).status).toBe(200)

      await sleep(3_200)
      // (A new address: this one has used most of its per-IP failures above.)
      via["x-forwarded-for"] = "198.51.100.2"
      expect((await login(email, "right-password-1")).status).toBe(200)
      // A success clears the account's count: five more failures are needed to lock it again.
      for (let i = 0; i < 4; i++) expect((await login(email, "wrong")).status).toBe(401)
      expect((await login(email, "right-password-1")).status).toBe(200)
    })

    it("limits failures per client IP across accounts; X-Forwarded-For counts only from a trusted proxy", async () => {
      process.env.VOLMIFY_TRUSTED_PROXIES = "127.0.0.1,::1"
      const attacker = { "x-forwarded-for": "198.51.100.7" }
      const statuses: number[] = []
      for (let i = 0; i < 14; i++) statuses.push((await login(uniqueEmail("spray"), "wrong-password", attacker)).status)
      expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true)
      expect(statuses.slice(12)).toEqual([429, 429])
      const blocked = await login(f.a.customer.customer.email, "test-password-1", attacker)
      expect(blocked.status).toBe(429)
      expect(blocked.data.message).toMatch(/this address/)
      // The same proxy forwarding someone else.
      expect((await login(f.a.customer.customer.email, "test-password-1", { "x-forwarded-for": "198.51.100.8" })).status).toBe(200)

      // Without trusted proxies the header is ignored: rotating it does not make new clients.
      process.env.VOLMIFY_TRUSTED_PROXIES = ""
      const rotated: number[] = []
      for (let i = 0; i < 14; i++) rotated.push((await login(uniqueEmail("rotate"), "wrong", { "x-forwarded-for": randomIp() })).status)
      expect(rotated).toEqual([...Array(12).fill(401), 429, 429])
      await sleep(3_200)
    })

    it("throttles a burst of 100 referral clicks with random X-Forwarded-For (real default: 30 a minute) and stores one click per visitor", async () => {
      const before = await affiliates().listAffiliateClicks({ code: "OWNER" })
      const started = Date.now()
      const results: any[] = []
      for (let i = 0; i < 100; i++) {
        results.push(
          await api
            .post("/store/affiliates/clicks", { code: "OWNER" }, { headers: { ...f.a.key.headers, "x-forwarded-for": randomIp() } })
            .catch((e: any) => e.response)
        )
      }
      const took = Date.now() - started
      const ok = results.filter((r) => r.status === 201)
      const limited = results.filter((r) => r.status === 429)
      process.stdout.write(`[abuse] 100 clicks in ${took} ms: ${ok.length} answered 201, ${limited.length} answered 429\n`)
      expect(ok.length).toBe(30)
      expect(limited.length).toBe(70)
      expect(Number(limited[0].headers["retry-after"])).toBeGreaterThanOrEqual(1)
      // One visitor (the test client), one link: the 30 accepted are the same click.
      expect(new Set(ok.map((r) => r.data.click.id)).size).toBe(1)
      const after = await affiliates().listAffiliateClicks({ code: "OWNER" })
      expect(after.length - before.length).toBe(1)
    })

    it("keeps separate visitors' clicks apart behind a trusted proxy, and throttles referral attachments", async () => {
      process.env.VOLMIFY_TRUSTED_PROXIES = "127.0.0.0/8,::1"
      const visit = (ip: string) =>
        api.post("/store/affiliates/clicks", { code: "OWNER" }, { headers: { ...f.a.key.headers, "x-forwarded-for": `${ip}, 127.0.0.1` } })
      const first = await visit("192.0.2.10")
      const again = await visit("192.0.2.10")
      const other = await visit("192.0.2.11")
      expect(again.data.click.id).toBe(first.data.click.id)
      expect(other.data.click.id).not.toBe(first.data.click.id)

      const { data: cart } = await api.post(
        "/store/carts",
        { region_id: usd.id, items: [{ variant_id: course.variants[0].id, quantity: 1 }] },
        { headers: f.a.key.headers }
      )
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) {
        statuses.push((await send(api, "post", `/store/carts/${cart.cart.id}/referral`, { ...f.a.key.headers, "x-forwarded-for": "192.0.2.20" }, { code: "OWNER" })).status)
      }
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true)
      expect(statuses.slice(10)).toEqual([429, 429])
      const referrals = await affiliates().listAffiliateReferrals({ cart_id: cart.cart.id })
      expect(referrals).toHaveLength(1)
    })

    it("a guest checkout as name+x@domain on the link of name@domain earns no commission (self-referral)", async () => {
      process.env.VOLMIFY_TRUSTED_PROXIES = "127.0.0.1,::1"
      const headers = { ...f.a.key.headers, "x-forwarded-for": "192.0.2.99" }
      const [local, domain] = owner.customer.email.split("@")
      const alias = `${local.toUpperCase()}+x@${domain}`
      const { data: click } = await api.post("/store/affiliates/clicks", { code: "OWNER" }, { headers })
      const { data: cart } = await api.post(
        "/store/carts",
        { region_id: usd.id, email: alias, items: [{ variant_id: course.variants[0].id, quantity: 1 }] },
        { headers }
      )
      await api.post(`/store/carts/${cart.cart.id}/referral`, { code: "OWNER", click_id: click.click.id }, { headers })
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cart.cart.id }, { headers })
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers })
      const done = await api.post(`/store/carts/${cart.cart.id}/complete`, {}, { headers })
      expect(done.data.type).toBe("order")
      await affiliatesWf.createOrderCommissionsWorkflow(getContainer()).run({ input: { order_id: done.data.order.id } })
      const rows = await affiliates().listAffiliateCommissions({ order_id: done.data.order.id })
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ status: "voided", flags: ["self_referral"] })
      expect(Number(rows[0].amount)).toBe(0)
    })
  },
})
