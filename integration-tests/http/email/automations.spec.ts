import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type { ParsedMail } from "mailparser"
import { createCustomer, uniqueEmail, type CustomerActor } from "../../helpers/actors"
import { createRegion, createTieredProduct, eventually, placeOrder, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useProcessEnv } from "../../helpers/env"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"
import { TestSmtp } from "../../helpers/smtp"

// Email automations per org (issue 23 items 4 and 5): a sequence edited through the admin
// routes, run by the drain workflow with the clock moved forward, over real SMTP; consent
// (signed one-click unsubscribe, RFC 8058 headers, per-org suppression, storefront
// preferences); concurrent drains; the routes' actor matrix and tenancy.
jest.setTimeout(300_000)

const STOREFRONT = "http://shop.volmify.test"
const BACKEND = "http://api.volmify.test"
const smtp = new TestSmtp()
beforeAll(() => smtp.start())
afterAll(() => smtp.stop())
useProcessEnv({
  SMTP_URL: () => smtp.url(),
  MAIL_FROM: "Volmify <mail@volmify.test>",
  STOREFRONT_URL: STOREFRONT,
  MEDUSA_BACKEND_URL: BACKEND,
})

import { drainAutomationsWorkflow } from "@volmify/orgs/workflows"
const DAY = 24 * 3600_000
/** The sequence's emails (a new member also gets the transactional welcome, a buyer a receipt). */
const SEQ = /^(Welcome, |A tip for )/
const settle = () => new Promise((r) => setTimeout(r, 800))
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ")

const WELCOME_SEQUENCE = {
  name: "Welcome series",
  status: "active",
  trigger_type: "member_joined",
  exit_on_purchase: true,
  steps: [
    { type: "email", subject: "Welcome, {{first_name}}!", body: "Glad you joined {{org_name}}.\n\nStart here: {{course_link}}" },
    { type: "wait", days: 2 },
    { type: "email", subject: "A tip for {{first_name}}", body: "Open one lesson a day." },
  ],
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let region: TestRegion
    let product: TestProduct
    let productB: TestProduct
    let sequenceId: string

    const drain = async (now: Date, limit = 500) =>
      (await drainAutomationsWorkflow(getContainer()).run({ input: { now: now.toISOString(), limit } })).result
    const automations = () => getContainer().resolve<any>("automation")
    const runsOf = (customerId: string) => automations().listAutomationRuns({ customer_id: customerId })
    /** A customer registers on org A's storefront (joins A: the trigger) and is enrolled. */
    const joinA = async (label: string): Promise<CustomerActor> => {
      const customer = await createCustomer(api, f.a.key, { email: uniqueEmail(label) })
      await eventually(() => runsOf(customer.customer.id))
      return customer
    }
    const path = (url: string) => {
      const u = new URL(url)
      expect(u.origin).toBe(BACKEND)
      return u.pathname + u.search
    }

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "auto" })
      region = await createRegion(container, "usd")
      product = await createTieredProduct(container, f.a.org, { handle: `auto-book-${Date.now()}`, tiers: [{ title: "Book", tier: null, prices: { usd: 19 } }] })
      productB = await createTieredProduct(container, f.b.org, { handle: `auto-book-b-${Date.now()}`, tiers: [{ title: "Book", tier: null, prices: { usd: 19 } }] })
      const res = await send(api, "post", `/admin/orgs/${f.a.org.id}/automations`, f.a.staff.manager.headers, WELCOME_SEQUENCE)
      expect(res.status).toBe(201)
      sequenceId = res.data.automation.id
    })

    it("welcome now, the tip two days later, each exactly once, branded, with one-click unsubscribe headers", async () => {
      const ann = await joinA("auto.ann")
      const t0 = new Date()
      const email = ann.customer.email

      await drain(t0)
      const [welcome] = await smtp.waitFor(email, 1, SEQ)
      expect(welcome.subject).toBe("Welcome, Test!")
      expect(welcome.from?.value[0]).toEqual({ name: "Org A", address: "mail@volmify.test" })
      expect(welcome.text).toContain("Glad you joined Org A.")
      expect(welcome.text).toContain(`Start here: ${STOREFRONT}/learn`)
      const unsubscribe = header(welcome, "List-Unsubscribe")!
      expect(unsubscribe).toMatch(new RegExp(`^<${BACKEND}/email/unsubscribe\\?token=v1\\.${f.a.org.id}\\.`))
      expect(header(welcome, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click")
      expect(welcome.text).toContain(unsubscribe.slice(1, -1))

      // Nothing more until two days have passed, however often the drain runs.
      await drain(t0)
      await drain(new Date(t0.getTime() + DAY))
      await drain(new Date(t0.getTime() + 2 * DAY - 60_000))
      await settle()
      expect(smtp.to(email, SEQ)).toHaveLength(1)

      expect(await drain(new Date(t0.getTime() + 2 * DAY + 60_000))).toMatchObject({ sent: 1, completed: 1 })
      const [, tip] = await smtp.waitFor(email, 2, SEQ)
      expect(tip.subject).toBe("A tip for Test")
      await drain(new Date(t0.getTime() + 10 * DAY))
      await settle()
      expect(smtp.to(email, SEQ).map((m) => m.subject)).toEqual(["Welcome, Test!", "A tip for Test"])
      const [run] = await runsOf(ann.customer.id)
      expect(run).toMatchObject({ status: "completed", sent_count: 2, sequence_id: sequenceId })

      // Org B has no sequence: its new member gets nothing from A's.
      const bob = await createCustomer(api, f.b.key, { email: uniqueEmail("auto.bob") })
      await settle()
      await drain(new Date(t0.getTime() + 10 * DAY))
      expect(await runsOf(bob.customer.id)).toEqual([])
      expect(smtp.to(bob.customer.email, SEQ)).toEqual([])

      // A replayed trigger event starts nothing new.
      const [member] = await getContainer().resolve<any>("org").listOrgMembers({ org_id: f.a.org.id, customer_id: ann.customer.id })
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "org.member.joined", data: { id: member.id, org_id: f.a.org.id, customer_id: ann.customer.id } })
      await settle()
      expect(await runsOf(ann.customer.id)).toHaveLength(1)
    })

    it("a purchase stops the rest of the sequence", async () => {
      const buyer = await joinA("auto.buyer")
      const t0 = new Date()
      await drain(t0)
      await smtp.waitFor(buyer.customer.email, 1, SEQ)
      await placeOrder(api, buyer, region, [product.variants[0].id])
      const [run] = await eventually(async () => (await runsOf(buyer.customer.id)).filter((r: any) => r.status === "exited"))
      expect(run.status).toBe("exited")
      await drain(new Date(t0.getTime() + 3 * DAY))
      await settle()
      expect(smtp.to(buyer.customer.email, SEQ).map((m) => m.subject)).toEqual(["Welcome, Test!"])
    })

    it("one-click unsubscribe (no login) stops the rest; the page asks first; transactional email still arrives", async () => {
      const cleo = await joinA("auto.cleo")
      const t0 = new Date()
      await drain(t0)
      const [welcome] = await smtp.waitFor(cleo.customer.email, 1, SEQ)
      const link = path(header(welcome, "List-Unsubscribe")!.slice(1, -1))

      // GET shows a button and changes nothing (link scanners follow GETs).
      const page = await send(api, "get", link, {})
      expect(page.status).toBe(200)
      expect(page.data).toContain("<form method=\"post\">")
      expect(await automations().listEmailSuppressions({ org_id: f.a.org.id })).toEqual([])
      // An altered token changes nothing.
      const forged = link.replace(f.a.org.id, f.b.org.id)
      expect((await send(api, "post", forged, { "content-type": "application/x-www-form-urlencoded" }, "List-Unsubscribe=One-Click")).status).toBe(404)

      // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, no cookie, no key.
      const res = await send(api, "post", link, { "content-type": "application/x-www-form-urlencoded" }, "List-Unsubscribe=One-Click")
      expect(res.status).toBe(200)
      expect(res.data).toContain("You are unsubscribed")
      const [row] = await automations().listEmailSuppressions({ org_id: f.a.org.id })
      expect(row).toMatchObject({ email: cleo.customer.email.toLowerCase(), reason: "unsubscribed" })
      expect((await runsOf(cleo.customer.id))[0].status).toBe("unsubscribed")
      await drain(new Date(t0.getTime() + 3 * DAY))
      await settle()
      expect(smtp.to(cleo.customer.email, SEQ)).toHaveLength(1)

      // Suppression is per org and for marketing only: a password reset still arrives.
      await send(api, "post", "/auth/customer/emailpass/reset-password", f.a.key.headers, { identifier: cleo.customer.email })
      await smtp.waitFor(cleo.customer.email, 1, /password/i)

      // The storefront account shows it, and the customer can opt back in (org A only).
      const prefs = await send(api, "get", "/store/email-preferences", cleo.headers)
      expect(prefs).toMatchObject({ status: 200, data: { email_preferences: { marketing: false, suppressed_reason: "unsubscribed" } } })
      const back = await send(api, "post", "/store/email-preferences", cleo.headers, { marketing: true })
      expect(back.data.email_preferences.marketing).toBe(true)
      expect(await automations().listEmailSuppressions({ org_id: f.a.org.id })).toEqual([])
    })

    it("a suppressed (bounced) address gets no marketing email; a sequence started before stops at once", async () => {
      const dan = await joinA("auto.dan")
      const t0 = new Date()
      const res = await send(api, "post", `/admin/orgs/${f.a.org.id}/email-suppressions`, f.a.staff.manager.headers, {
        email: dan.customer.email.toUpperCase(),
        reason: "bounced",
      })
      expect(res.status).toBe(201)
      expect(await drain(t0)).toMatchObject({ sent: 0 })
      await settle()
      expect(smtp.to(dan.customer.email, SEQ)).toEqual([])
      // A bounce is not lifted by the customer's own opt-in.
      const prefs = await send(api, "post", "/store/email-preferences", dan.headers, { marketing: true })
      expect(prefs.data.email_preferences).toEqual({ marketing: false, suppressed_reason: "bounced" })
    })

    it("a mailbox the mail server refuses for good (550) becomes a bounce: suppressed for the org's marketing", async () => {
      const eve = await joinA("auto.eve")
      smtp.rejecting.add(eve.customer.email.toLowerCase())
      try {
        await drain(new Date())
        const [row] = await eventually(() => automations().listEmailSuppressions({ org_id: f.a.org.id, email: eve.customer.email.toLowerCase() }))
        expect(row).toMatchObject({ reason: "bounced", source: "smtp" })
        expect((await runsOf(eve.customer.id))[0].status).toBe("unsubscribed")
        // Org B's marketing is not affected by A's bounce record (suppression is per org).
        expect(await automations().listEmailSuppressions({ org_id: f.b.org.id })).toEqual([])
      } finally {
        smtp.rejecting.delete(eve.customer.email.toLowerCase())
      }
    })

    it("drains racing at the same moment send each (step, recipient) once", async () => {
      const container = getContainer()
      const customers = await container.resolve(Modules.CUSTOMER).createCustomers(
        Array.from({ length: 40 }, (_, i) => ({ email: uniqueEmail(`auto.race${i}`), first_name: `R${i}` }))
      )
      const now = new Date()
      await automations().createRunsIfMissing(
        customers.map((c: any) => ({ org_id: f.a.org.id, sequence_id: sequenceId, customer_id: c.id, email: c.email, due_at: now, context: null }))
      )
      const results = await Promise.all([drain(now, 7), drain(now, 7), drain(now, 7), drain(now, 7), drain(now, 7), drain(now, 7), drain(now, 7)])
      const claimed = results.reduce((n: number, r: any) => n + r.claimed, 0)
      expect(claimed).toBe(40)
      while ((await drain(now, 7)).claimed > 0) {
        // the rest, if any drain found nothing left to claim
      }
      for (const c of customers) await smtp.waitFor(c.email, 1)
      await settle()
      for (const c of customers) expect(smtp.to(c.email)).toHaveLength(1)
      const rows = await container.resolve(Modules.NOTIFICATION).listNotifications({ template: "automation-email", to: customers.map((c: any) => c.email) })
      expect(rows).toHaveLength(40)
    })

    it("admin routes: actor matrix, tenancy, validation, preview with escaped merge values", async () => {
      const A = `/admin/orgs/${f.a.org.id}`
      const anonymous = {}
      const readers = [f.a.staff.owner, f.a.staff.manager, f.a.staff.creator, f.a.staff.staff, f.platform]
      for (const actor of readers) {
        const list = await send(api, "get", `${A}/automations`, actor.headers)
        expect(list.status).toBe(200)
        expect(list.data.automations.map((s: any) => s.id)).toEqual([sequenceId])
        expect((await send(api, "get", `${A}/automations/${sequenceId}`, actor.headers)).status).toBe(200)
        expect((await send(api, "get", `${A}/email-suppressions`, actor.headers)).status).toBe(200)
      }
      // Outsiders: anonymous and customers 401; staff of B and org-less admins 404 (nothing confirmed).
      for (const [headers, status] of [
        [anonymous, 401],
        [f.a.customer.headers, 401],
        [f.b.staff.owner.headers, 404],
        [f.outsider.headers, 404],
      ] as const) {
        expect((await send(api, "get", `${A}/automations`, headers)).status).toBe(status)
        expect((await send(api, "get", `${A}/automations/${sequenceId}`, headers)).status).toBe(status)
        expect((await send(api, "post", `${A}/automations/${sequenceId}`, headers, { status: "paused" })).status).toBe(status)
        expect((await send(api, "delete", `${A}/automations/${sequenceId}`, headers)).status).toBe(status)
        expect((await send(api, "post", `${A}/automations`, headers, WELCOME_SEQUENCE)).status).toBe(status)
        expect((await send(api, "get", `${A}/email-suppressions`, headers)).status).toBe(status)
      }
      // B's owner through B's own path with A's sequence id: 404.
      const B = `/admin/orgs/${f.b.org.id}`
      expect((await send(api, "get", `${B}/automations/${sequenceId}`, f.b.staff.owner.headers)).status).toBe(404)
      expect((await send(api, "post", `${B}/automations/${sequenceId}`, f.b.staff.owner.headers, { status: "paused" })).status).toBe(404)
      expect((await send(api, "delete", `${B}/automations/${sequenceId}`, f.b.staff.owner.headers)).status).toBe(404)
      // Creators and staff read but do not write.
      for (const actor of [f.a.staff.creator, f.a.staff.staff]) {
        const res = await send(api, "post", `${A}/automations/${sequenceId}`, actor.headers, { status: "paused" })
        expect(res.status).toBe(403)
        expect((await send(api, "post", `${A}/automations`, actor.headers, WELCOME_SEQUENCE)).status).toBe(403)
      }
      // Another org's product as trigger or exit: 404 naming the field, nothing written.
      const foreign = await send(api, "post", `${A}/automations`, f.a.staff.owner.headers, {
        ...WELCOME_SEQUENCE,
        trigger_type: "product_bought",
        trigger_ref: productB.id,
      })
      expect(foreign.status).toBe(404)
      expect(foreign.data.message).toMatch(/trigger_ref/)
      const foreignExit = await send(api, "post", `${A}/automations/${sequenceId}`, f.a.staff.owner.headers, { exit_product_id: productB.id })
      expect(foreignExit.status).toBe(404)
      // Bad steps: 400 naming the problem.
      const bad = await send(api, "post", `${A}/automations`, f.a.staff.owner.headers, {
        ...WELCOME_SEQUENCE,
        steps: [{ type: "email", subject: "Hi {{password}}", body: "x" }, { type: "wait", hours: 0 }],
      })
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/unknown merge field \{\{password\}\}/)
      expect(bad.data.message).toMatch(/must wait at least one hour/)
      expect((await automations().listAutomationSequences({ org_id: f.a.org.id })).map((s: any) => s.id)).toEqual([sequenceId])

      // Own product as trigger: created; platform edits; the manager deletes.
      const own = await send(api, "post", `${A}/automations`, f.a.staff.owner.headers, {
        ...WELCOME_SEQUENCE,
        name: "Buyers",
        trigger_type: "product_bought",
        trigger_ref: product.id,
      })
      expect(own.status).toBe(201)
      const edited = await send(api, "post", `${A}/automations/${own.data.automation.id}`, f.platform.headers, { status: "paused" })
      expect(edited.data.automation.status).toBe("paused")
      expect((await send(api, "delete", `${A}/automations/${own.data.automation.id}`, f.a.staff.manager.headers)).status).toBe(200)
      expect((await send(api, "get", `${A}/automations/${own.data.automation.id}`, f.a.staff.owner.headers)).status).toBe(404)

      // Preview: the org's brand, merge values as text (escaped in the HTML).
      const preview = await send(api, "post", `${A}/automation-preview`, f.a.staff.manager.headers, {
        subject: "Hi {{first_name}}",
        body: "Welcome to {{org_name}}",
        sample: { first_name: "<script>alert(1)</script>" },
      })
      expect(preview.status).toBe(200)
      expect(preview.data.preview.subject).toBe("Hi <script>alert(1)</script>")
      expect(preview.data.preview.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
      expect(preview.data.preview.html).not.toContain("<script>alert(1)")
      expect(preview.data.preview.text).toContain("Welcome to Org A")
      expect((await send(api, "post", `${A}/automation-preview`, f.a.staff.staff.headers, { subject: "x", body: "y" })).status).toBe(403)
      expect((await send(api, "post", `${A}/automation-preview`, f.b.staff.owner.headers, { subject: "x", body: "y" })).status).toBe(404)
    })

    it("bought product Y starts its sequence with the product in the merge fields", async () => {
      const created = await send(api, "post", `/admin/orgs/${f.a.org.id}/automations`, f.a.staff.owner.headers, {
        name: "After the book",
        status: "active",
        trigger_type: "product_bought",
        trigger_ref: product.id,
        steps: [{ type: "email", subject: "How is {{product_title}}?", body: "Reply and tell us." }],
      })
      expect(created.status).toBe(201)
      const buyer = await createCustomer(api, f.a.key, { email: uniqueEmail("auto.reader") })
      await placeOrder(api, buyer, region, [product.variants[0].id])
      await eventually(async () => (await runsOf(buyer.customer.id)).filter((r: any) => r.sequence_id === created.data.automation.id))
      await drain(new Date())
      const mails = await smtp.waitFor(buyer.customer.email, 1, /How is/)
      expect(mails[0].subject).toBe(`How is ${product.handle}?`)
    })
  },
})
