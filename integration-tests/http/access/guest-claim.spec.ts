import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createCustomer, CustomerActor, StoreKey, uniqueEmail } from "../../helpers/actors"
import { accessService, createRegion, eventually, TestRegion } from "../../helpers/commerce"
import { createCourseWithOutline, createLesson } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"
import { useProcessEnv } from "../../helpers/env"
import { linkIn, TestSmtp } from "../../helpers/smtp"

import { claimGuestEntitlementsWorkflow } from "@volmify/access/workflows"

jest.setTimeout(240_000)

/**
 * Issue 22, item 1: a guest buyer keeps their course. Access bought as a guest moves to the
 * account with the same email only with proof (the guest order token of that order, or a
 * one-time link emailed to the address), within the store's org, and nothing else changes:
 * the order, its payment and its ledger posting stay as they are.
 */
// Claim links go by email over SMTP to a listener in this test.
const STOREFRONT = "http://school-a.volmify.test"
const smtp = new TestSmtp()
beforeAll(() => smtp.start())
afterAll(() => smtp.stop())
useProcessEnv({ SMTP_URL: () => smtp.url(), STOREFRONT_URL: STOREFRONT })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let courseA: { course: any; product: any }
    let courseB: { course: any; product: any }

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "gc" })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      const outline = async (orgId: string) => [
        { title: "Start", sections: [{ title: "One", lessons: [{ lesson_id: (await createLesson(container, orgId, { title: "Hello" })).id }] }] },
      ]
      courseA = await createCourseWithOutline(container, f.a.org, { handle: `claim-a-${Date.now()}`, outline: await outline(f.a.org.id) })
      courseB = await createCourseWithOutline(container, f.b.org, { handle: `claim-b-${Date.now()}`, outline: await outline(f.b.org.id) })
    })

    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const ledger = () => getContainer().resolve<any>("ledger")
    const notifications = () => getContainer().resolve(Modules.NOTIFICATION)

    /** Checks out as a guest (publishable key only) with the system provider: the order and its guest order token. */
    async function guestBuys(key: StoreKey, region: TestRegion, variantId: string, email: string) {
      const headers = { headers: key.headers }
      const { data } = await api.post("/store/carts", { region_id: region.id, email, items: [{ variant_id: variantId, quantity: 1 }] }, headers)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: data.cart.id }, headers)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, headers)
      const res = await api.post(`/store/carts/${data.cart.id}/complete`, {}, headers)
      expect(res.data.type).toBe("order")
      const orderId = res.data.order.id as string
      const {
        data: [order],
      } = await query().graph({ entity: "order", fields: ["id", "customer_id"], filters: { id: orderId } })
      // Granted (and, all digital, captured) once order.placed is handled.
      const granted = await eventually(() => accessService(getContainer()).listEntitlements({ order_id: orderId }))
      expect(granted).toHaveLength(1)
      expect(granted[0].customer_id).toBe(order.customer_id)
      return { orderId, token: res.headers["x-order-token"] as string, guestId: order.customer_id as string, entitlementId: granted[0].id as string }
    }

    const entitlementOwners = async (orderIds: string[]) =>
      (await accessService(getContainer()).listEntitlements({ order_id: orderIds })).map((e: any) => [e.order_id, e.customer_id]).sort()

    const enrolledHandles = async (who: CustomerActor, key: StoreKey) => {
      const res = await send(api, "get", "/store/customers/me/enrollments", { ...key.headers, authorization: who.headers.authorization })
      expect(res.status).toBe(200)
      return res.data.enrollments.map((e: any) => e.course.handle).sort()
    }

    const as = (who: CustomerActor | null, key: StoreKey, extra: Record<string, string> = {}) => ({
      ...key.headers,
      ...(who ? { authorization: who.headers.authorization } : {}),
      ...extra,
    })

    describe("claim with the guest order token", () => {
      it("moves the order's access to the account with that email, only there; everyone else is refused; replays move nothing", async () => {
        const email = uniqueEmail("guest.token")
        const bought = await guestBuys(f.a.key, usd, courseA.product.variants[0].id, email)
        // Another guest (other email) in A, and the same email as a guest in B.
        const stranger = await guestBuys(f.a.key, jpy, courseA.product.variants[1].id, uniqueEmail("guest.other"))
        const inB = await guestBuys(f.b.key, usd, courseB.product.variants[0].id, email)
        const posted = await eventually(() => ledger().listLedgerTransactions({ reference_type: "order", reference_id: bought.orderId }))
        expect(posted).toHaveLength(1)

        // The account is created after paying (as the storefront asks the buyer to do).
        const account = await createCustomer(api, f.a.key, { email })
        expect(await enrolledHandles(account, f.a.key)).toEqual([])

        const url = "/store/customers/me/guest-claims"
        const token = { "x-order-token": bought.token }
        const refusals: [string, Record<string, string>, number, RegExp | null][] = [
          ["anonymous with the token", as(null, f.a.key, token), 401, null],
          ["staff of A (admin token)", { ...f.a.key.headers, ...f.a.staff.owner.headers, ...token }, 401, null],
          ["staff of B (admin token)", { ...f.a.key.headers, ...f.b.staff.owner.headers, ...token }, 401, null],
          ["platform operator", { ...f.a.key.headers, ...f.platform.headers, ...token }, 401, null],
          ["customer of A, another email", as(f.a.customer, f.a.key, token), 403, /another email/],
          ["customer of B, another email", as(f.b.customer, f.a.key, token), 403, /another email/],
          ["the account on B's key (another org's order)", as(account, f.b.key, token), 404, /was not found/],
          ["the account without a token", as(account, f.a.key), 400, /x-order-token/],
          ["the account with an altered token", as(account, f.a.key, { "x-order-token": bought.token.slice(0, -2) + "00" }), 403, /not valid/],
          ["the account with another guest's token", as(account, f.a.key, { "x-order-token": stranger.token }), 403, /another email/],
          ["the account on A's key with its B order's token", as(account, f.a.key, { "x-order-token": inB.token }), 404, /was not found/],
          ["a body field", as(account, f.a.key, token), 400, /unrecognized|customer_id/i],
        ]
        const wrong: string[] = []
        for (const [name, headers, want, message] of refusals) {
          const res = await send(api, "post", url, headers, name === "a body field" ? { customer_id: account.customer.id } : {})
          if (res.status !== want || (message && !message.test(res.data?.message ?? ""))) {
            wrong.push(`${name}: ${res.status} ${JSON.stringify(res.data)}`)
          }
        }
        expect(wrong).toEqual([])
        // Nothing moved on any refusal.
        expect(await entitlementOwners([bought.orderId, stranger.orderId, inB.orderId])).toEqual(
          [
            [bought.orderId, bought.guestId],
            [stranger.orderId, stranger.guestId],
            [inB.orderId, inB.guestId],
          ].sort()
        )

        const claimed = await send(api, "post", url, as(account, f.a.key, token))
        expect(claimed.status).toBe(200)
        expect(claimed.data).toEqual({
          claimed: [bought.entitlementId],
          product_ids: [courseA.product.id],
          order_ids: [bought.orderId],
          already_yours: 0,
        })
        expect(await entitlementOwners([bought.orderId, stranger.orderId, inB.orderId])).toEqual(
          [
            [bought.orderId, account.customer.id],
            [stranger.orderId, stranger.guestId],
            [inB.orderId, inB.guestId],
          ].sort()
        )
        // My learning shows the course (entitlement.claimed -> enrollment), on A only.
        expect(await eventually(() => enrolledHandles(account, f.a.key))).toEqual([courseA.course.handle])
        expect(await enrolledHandles(account, f.b.key)).toEqual([])
        const live = await send(api, "get", "/store/customers/me/entitlements", as(account, f.a.key))
        expect(live.data.entitlements.map((e: any) => [e.product_id, e.tier])).toEqual([[courseA.product.id, 1]])

        // The order stays the order: its customer, its ledger posting.
        const {
          data: [order],
        } = await query().graph({ entity: "order", fields: ["id", "customer_id", "email"], filters: { id: bought.orderId } })
        expect(order.customer_id).toBe(bought.guestId)
        const after = await ledger().listLedgerTransactions({ reference_type: "order", reference_id: bought.orderId })
        expect(after.map((t: any) => [t.id, t.org_id])).toEqual(posted.map((t: any) => [t.id, t.org_id]))

        // Replays (sequential and concurrent) move nothing and answer the same.
        const replays = await Promise.all([1, 2, 3].map(() => send(api, "post", url, as(account, f.a.key, token))))
        expect(replays.map((r) => [r.status, r.data.claimed, r.data.already_yours])).toEqual(Array(3).fill([200, [], 1]))
        expect(await eventually(() => enrolledHandles(account, f.a.key))).toEqual([courseA.course.handle])
      })
    })

    describe("claim before the order's grant ran", () => {
      it("a sign-up faster than order.placed's grant still ends with the access on the account (the claim grants first)", async () => {
        const email = uniqueEmail("guest.fast")
        const bought = await guestBuys(f.a.key, jpy, courseA.product.variants[0].id, email)
        // As if the order.placed delivery had not been handled yet.
        await accessService(getContainer()).deleteEntitlements([bought.entitlementId])
        const account = await createCustomer(api, f.a.key, { email })
        const res = await send(api, "post", "/store/customers/me/guest-claims", as(account, f.a.key, { "x-order-token": bought.token }))
        expect([res.status, res.data.claimed.length, res.data.order_ids]).toEqual([200, 1, [bought.orderId]])
        expect(await entitlementOwners([bought.orderId])).toEqual([[bought.orderId, account.customer.id]])
        expect(await eventually(() => enrolledHandles(account, f.a.key))).toEqual([courseA.course.handle])
        // The late delivery then grants nothing more.
        const { grantEntitlementsForOrderWorkflow } = require("@volmify/access/workflows")
        const { result } = await grantEntitlementsForOrderWorkflow(getContainer()).run({ input: { order_id: bought.orderId } })
        expect(result.entitlements).toEqual([])
        expect(await entitlementOwners([bought.orderId])).toEqual([[bought.orderId, account.customer.id]])
      })
    })

    describe("claim with an emailed one-time link", () => {
      it("emails a link to the account's own address only when it bought here as a guest; the link claims every guest order of that email in this org (JPY too), once", async () => {
        const email = uniqueEmail("guest.link")
        const usdOrder = await guestBuys(f.a.key, usd, courseA.product.variants[0].id, email)
        const jpyOrder = await guestBuys(f.a.key, jpy, courseA.product.variants[2].id, email)
        const inB = await guestBuys(f.b.key, usd, courseB.product.variants[0].id, email)
        const account = await createCustomer(api, f.a.key, { email })
        const emailUrl = "/store/customers/me/guest-claims/email"

        // Who may ask: a logged-in customer only; a bad storefront_url is a 400 naming it.
        expect((await send(api, "post", emailUrl, as(null, f.a.key), {})).status).toBe(401)
        expect((await send(api, "post", emailUrl, { ...f.a.key.headers, ...f.a.staff.owner.headers }, {})).status).toBe(401)
        expect((await send(api, "post", emailUrl, { ...f.a.key.headers, ...f.platform.headers }, {})).status).toBe(401)
        // The link always opens the org's own storefront: a request cannot name another.
        const badUrl = await send(api, "post", emailUrl, as(account, f.a.key), { storefront_url: "https://evil.example" })
        expect([badUrl.status, badUrl.data.message]).toEqual([400, expect.stringMatching(/storefront_url/)])

        const asked = await send(api, "post", emailUrl, as(account, f.a.key), {})
        expect(asked.status).toBe(202)
        const sent = await notifications().listNotifications({ receiver_id: account.customer.id, template: "guest-claim-link" } as any)
        expect(sent).toHaveLength(1)
        expect(sent[0]).toMatchObject({ to: email, channel: "email", resource_id: f.a.org.id })
        // The link is in the email only (the notification record keeps no token).
        expect(JSON.stringify(sent[0].data)).not.toMatch(/token/)
        const [mail] = await smtp.waitFor(email, 1, /purchases/)
        expect(mail.subject).toBe(`Add your ${f.a.org.name} purchases to your account`)
        const claimUrl = new URL(linkIn(mail, `${STOREFRONT}/account/claim?token=`))
        const linkToken = claimUrl.searchParams.get("token")!
        // Asking again right away sends nothing more; the answer is the same.
        const again = await send(api, "post", emailUrl, as(account, f.a.key), {})
        expect([again.status, again.data.message]).toEqual([202, asked.data.message])
        expect(await notifications().listNotifications({ receiver_id: account.customer.id, template: "guest-claim-link" } as any)).toHaveLength(1)
        // An account that bought nothing as a guest gets the same answer and no email.
        const noPurchases = await send(api, "post", emailUrl, as(f.a.customer, f.a.key), {})
        expect([noPurchases.status, noPurchases.data.message]).toEqual([202, expect.stringContaining(f.a.customer.customer.email)])
        expect(await notifications().listNotifications({ receiver_id: f.a.customer.customer.id, template: "guest-claim-link" } as any)).toHaveLength(0)

        const confirmUrl = "/store/customers/me/guest-claims/confirm"
        const refusals: [string, Record<string, string>, unknown, number, RegExp | null][] = [
          ["anonymous", as(null, f.a.key), { token: linkToken }, 401, null],
          ["staff of A", { ...f.a.key.headers, ...f.a.staff.owner.headers }, { token: linkToken }, 401, null],
          ["platform operator", { ...f.a.key.headers, ...f.platform.headers }, { token: linkToken }, 401, null],
          ["customer of A (another account)", as(f.a.customer, f.a.key), { token: linkToken }, 403, /another account/],
          ["customer of B (another account)", as(f.b.customer, f.b.key), { token: linkToken }, 403, /another account/],
          ["the account on B's key", as(account, f.b.key), { token: linkToken }, 403, /another store/],
          ["the account, altered token", as(account, f.a.key), { token: linkToken.slice(0, -2) + "00" }, 403, /not valid/],
          ["the account, malformed token", as(account, f.a.key), { token: "not-a-link" }, 400, /malformed/],
          ["the account, no token", as(account, f.a.key), {}, 400, /token/],
          ["the account, extra field", as(account, f.a.key), { token: linkToken, customer_id: f.a.customer.customer.id }, 400, null],
        ]
        const wrong: string[] = []
        for (const [name, headers, body, want, message] of refusals) {
          const res = await send(api, "post", confirmUrl, headers, body)
          if (res.status !== want || (message && !message.test(res.data?.message ?? ""))) wrong.push(`${name}: ${res.status} ${JSON.stringify(res.data)}`)
        }
        expect(wrong).toEqual([])
        const guestOwners = [
          [usdOrder.orderId, usdOrder.guestId],
          [jpyOrder.orderId, jpyOrder.guestId],
          [inB.orderId, inB.guestId],
        ].sort()
        expect(await entitlementOwners([usdOrder.orderId, jpyOrder.orderId, inB.orderId])).toEqual(guestOwners)

        const claimed = await send(api, "post", confirmUrl, as(account, f.a.key), { token: linkToken })
        expect(claimed.status).toBe(200)
        expect([...claimed.data.claimed].sort()).toEqual([usdOrder.entitlementId, jpyOrder.entitlementId].sort())
        expect([...claimed.data.order_ids].sort()).toEqual([usdOrder.orderId, jpyOrder.orderId].sort())
        // Org B's guest order of the same email stays where it was: a claim never crosses orgs.
        expect(await entitlementOwners([usdOrder.orderId, jpyOrder.orderId, inB.orderId])).toEqual(
          [
            [usdOrder.orderId, account.customer.id],
            [jpyOrder.orderId, account.customer.id],
            [inB.orderId, inB.guestId],
          ].sort()
        )
        expect(await eventually(() => enrolledHandles(account, f.a.key))).toEqual([courseA.course.handle])
        const live = await send(api, "get", "/store/customers/me/entitlements", as(account, f.a.key))
        expect(live.data.entitlements.map((e: any) => e.tier).sort()).toEqual([1, 3])

        // The link works once.
        const replay = await send(api, "post", confirmUrl, as(account, f.a.key), { token: linkToken })
        expect([replay.status, replay.data.message]).toEqual([409, "This claim link was already used"])
      })
    })

    describe("rollback", () => {
      it("a failure after the move and the link mark puts every entitlement and the metadata back", async () => {
        const container = getContainer()
        const email = uniqueEmail("guest.rollback")
        const bought = await guestBuys(f.a.key, usd, courseA.product.variants[1].id, email)
        const account = await createCustomer(api, f.a.key, { email })
        await container.resolve(Modules.CUSTOMER).updateCustomers(account.customer.id, { metadata: { kept: "yes" } })
        const { errors } = await runFailingAfter(claimGuestEntitlementsWorkflow(container), "mark-guest-claim-link-used", {
          customer_id: account.customer.id,
          org_id: f.a.org.id,
          link_issued_at: Math.floor(Date.now() / 1000),
        })
        expect(errors[0].error.message).toMatch(/forced failure/)
        expect(await entitlementOwners([bought.orderId])).toEqual([[bought.orderId, bought.guestId]])
        const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(account.customer.id)
        expect(customer.metadata).toEqual({ kept: "yes" })
        expect(await enrolledHandles(account, f.a.key)).toEqual([])
      })
    })
  },
})
