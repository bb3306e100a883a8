import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type { ParsedMail } from "mailparser"
import { createCustomer, uniqueEmail, type CustomerActor } from "../../helpers/actors"
import { createRegion, createTieredProduct, eventually, placeOrder, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useProcessEnv } from "../../helpers/env"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, type TwoOrgFixture } from "../../helpers/orgs"
import { linkIn, TestSmtp } from "../../helpers/smtp"
import { createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { runFailingAfter } from "../../helpers/workflows"

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
  // Opt-in limits small enough to reach; each case of the opt-in tests has its own client IP.
  VOLMIFY_TRUSTED_PROXIES: "127.0.0.1,::1",
  VOLMIFY_OPT_INS_PER_MINUTE: "5",
  VOLMIFY_OPT_INS_PER_ADDRESS_PER_HOUR: "3",
})

const { drainAutomationsWorkflow, enrollInactiveStudentsWorkflow, confirmMarketingOptInWorkflow } = require("@volmify/orgs/workflows")
const courseWorkflows = require("@volmify/courses/workflows")
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

    it("translated steps (issue 26): a customer in Spanish gets the es words and /es links, others the default; missing translations listed; locales the org did not enable refused", async () => {
      const A = `/admin/orgs/${f.a.org.id}`
      await getContainer().resolve<any>("org").updateOrgs({ id: f.a.org.id, branding: { default_locale: "en", locales: ["es", "fr"] } })
      const [welcomeStep, wait, tipStep] = WELCOME_SEQUENCE.steps
      const translated = [
        { ...welcomeStep, translations: { es: { subject: "Bienvenida, {{first_name}}!", body: "Qué bien que te uniste a {{org_name}}.\n\nEmpieza aquí: {{course_link}}" } } },
        wait,
        tipStep,
      ]
      // Refused, nothing written: a locale the org did not enable, its default, an unknown merge field, a half translation.
      for (const [translations, message] of [
        [{ de: { subject: "Hallo", body: "x" } }, /locale "de" is not enabled for this school \(enabled: en, es, fr\)/],
        [{ en: { subject: "Hi", body: "x" } }, /"en" is the school's default locale/],
        [{ es: { subject: "Hola {{nombre}}", body: "x" } }, /Step 1 \(email, es\) uses an unknown merge field \{\{nombre\}\}/],
        [{ es: { subject: "Hola" } }, /body/],
        [{ "es_ES!": { subject: "Hola", body: "x" } }, /locale like es or pt-BR/],
      ] as const) {
        const res = await send(api, "post", `${A}/automations/${sequenceId}`, f.a.staff.manager.headers, { steps: [{ ...welcomeStep, translations }, wait, tipStep] })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(message)
      }
      const [unchanged] = await automations().listAutomationSequences({ id: sequenceId })
      expect(unchanged.steps[0].translations).toBeUndefined()

      const saved = await send(api, "post", `${A}/automations/${sequenceId}`, f.a.staff.manager.headers, { steps: translated })
      expect(saved.status).toBe(200)
      expect(saved.data.automation.steps[0].translations.es.subject).toBe("Bienvenida, {{first_name}}!")
      // What the admin shows as missing: per enabled locale besides the default, the email steps without a translation.
      const list = await send(api, "get", `${A}/automations`, f.a.staff.creator.headers)
      expect(list.data.automations.find((s: any) => s.id === sequenceId).missing_translations).toEqual({ es: [3], fr: [1, 3] })

      // Two new members: one registered on a Spanish page (metadata.locale), one with none.
      const register = async (label: string, metadata?: Record<string, unknown>) => {
        const email = uniqueEmail(label)
        const reg = await api.post("/auth/customer/emailpass/register", { email, password: "test-password-1" })
        const { data } = await api.post(
          "/store/customers",
          { email, first_name: "Test", last_name: "Customer", ...(metadata ? { metadata } : {}) },
          { headers: { ...f.a.key.headers, authorization: `Bearer ${reg.data.token}` } }
        )
        await eventually(() => runsOf(data.customer.id))
        return email
      }
      const sofia = await register("auto.sofia", { locale: "es" })
      const tom = await register("auto.tom")
      const t0 = new Date()
      await drain(t0)
      const SEQ_ANY = /^(Welcome, |A tip for |Bienvenida, )/
      const [es] = await smtp.waitFor(sofia, 1, SEQ_ANY)
      expect(es.subject).toBe("Bienvenida, Test!")
      expect(es.text).toContain("Qué bien que te uniste a Org A.")
      expect(es.text).toContain(`Empieza aquí: ${STOREFRONT}/es/learn`)
      expect(es.text).toContain("Darte de baja:")
      const [en] = await smtp.waitFor(tom, 1, SEQ_ANY)
      expect(en.subject).toBe("Welcome, Test!")
      expect(en.text).toContain(`Start here: ${STOREFRONT}/learn`)
      // Step 3 has no es translation: Sofia gets the default words.
      await drain(new Date(t0.getTime() + 2 * DAY + 60_000))
      const [, tip] = await smtp.waitFor(sofia, 2, SEQ_ANY)
      expect(tip.subject).toBe("A tip for Test")
      await settle()
      expect(smtp.to(sofia, SEQ_ANY).map((m) => m.subject)).toEqual(["Bienvenida, Test!", "A tip for Test"])
      expect(smtp.to(tom, SEQ_ANY).map((m) => m.subject)).toEqual(["Welcome, Test!", "A tip for Test"])
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

    it("no lesson opened for N days: once per quiet spell, re-armed by opening a lesson; never active students nor another org's", async () => {
      const container = getContainer()
      const quietCourse = async (side: typeof f.a, label: string) => {
        const lesson = await createLesson(container, side.org.id, { title: `${label} lesson`, body: "Hello" })
        const { course, product } = await createCourseWithOutline(container, side.org, {
          handle: `${label}-${Date.now().toString(36)}`,
          title: `${label} course`,
          outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id, is_preview: true }] }] }],
        })
        return { course, product, placement: Object.values(await placementsByTitle(container, course.id))[0] }
      }
      const a = await quietCourse(f.a, "quiet-a")
      const b = await quietCourse(f.b, "quiet-b")
      const seqA = await send(api, "post", `/admin/orgs/${f.a.org.id}/automations`, f.a.staff.manager.headers, {
        name: "Come back",
        status: "active",
        trigger_type: "no_lesson_opened",
        trigger_ref: a.course.id,
        trigger_days: 7,
        steps: [{ type: "email", subject: "We miss you in {{course_title}}", body: "Pick up where you left off: {{course_link}}" }],
      })
      expect([seqA.status, seqA.data.automation?.trigger_days]).toEqual([201, 7])
      // Org B: any of its courses, after 3 days.
      const seqB = await send(api, "post", `/admin/orgs/${f.b.org.id}/automations`, f.b.staff.owner.headers, {
        name: "B misses you",
        status: "active",
        trigger_type: "no_lesson_opened",
        trigger_days: 3,
        steps: [{ type: "email", subject: "Org B misses you", body: "Come back to {{course_title}}" }],
      })
      expect(seqB.status).toBe(201)
      // Settings are checked: no days, days on another trigger, another org's course.
      const noDays = await send(api, "post", `/admin/orgs/${f.a.org.id}/automations`, f.a.staff.manager.headers, { ...WELCOME_SEQUENCE, trigger_type: "no_lesson_opened" })
      expect([noDays.status, noDays.data.message]).toEqual([400, expect.stringMatching(/trigger_days .* is required/)])
      const daysElsewhere = await send(api, "post", `/admin/orgs/${f.a.org.id}/automations`, f.a.staff.manager.headers, { ...WELCOME_SEQUENCE, trigger_days: 3 })
      expect([daysElsewhere.status, daysElsewhere.data.message]).toEqual([400, expect.stringMatching(/trigger_days only applies/)])
      const foreignCourse = await send(api, "post", `/admin/orgs/${f.a.org.id}/automations`, f.a.staff.manager.headers, {
        ...WELCOME_SEQUENCE, trigger_type: "no_lesson_opened", trigger_days: 7, trigger_ref: b.course.id,
      })
      expect([foreignCourse.status, foreignCourse.data.message]).toEqual([404, expect.stringMatching(/trigger_ref: course/)])
      const clearDays = await send(api, "post", `/admin/orgs/${f.a.org.id}/automations/${seqA.data.automation.id}`, f.a.staff.manager.headers, { trigger_days: null })
      expect([clearDays.status, clearDays.data.message]).toEqual([400, expect.stringMatching(/trigger_days .* is required/)])

      // Three students of A's course and one of B's, all enrolled 8 days ago.
      const eightDaysAgo = new Date(Date.now() - 8 * DAY)
      const quiet = await joinA("auto.quiet")
      const busy = await joinA("auto.busy")
      const bStudent = await createCustomer(api, f.b.key, { email: uniqueEmail("auto.bquiet") })
      const enroll = (customerId: string, productId: string) =>
        courseWorkflows.enrollCustomerForProductsWorkflow(container).run({ input: { customer_id: customerId, product_ids: [productId], started_at: eightDaysAgo } })
      await enroll(quiet.customer.id, a.product.id)
      await enroll(busy.customer.id, a.product.id)
      await enroll(bStudent.customer.id, b.product.id)
      const openLesson = async (who: CustomerActor, side: typeof f.a, x: typeof a) =>
        expect((await send(api, "get", `/store/courses/${x.course.id}/lessons/${x.placement}`, { ...side.key.headers, ...who.headers })).status).toBe(200)
      await openLesson(busy, f.a, a)

      const scan = async (at: Date) => (await enrollInactiveStudentsWorkflow(container).run({ input: { now: at.toISOString(), batch: 2 } })).result
      const runsIn = async (seq: string, customerId: string) => (await automations().listAutomationRuns({ sequence_id: seq, customer_id: customerId })).length
      const t0 = new Date()
      // Two workers scanning at once, then again: one run for the quiet student, none for the busy one.
      await Promise.all([scan(t0), scan(t0)])
      await scan(new Date(t0.getTime() + DAY))
      expect(await runsIn(seqA.data.automation.id, quiet.customer.id)).toBe(1)
      expect(await runsIn(seqA.data.automation.id, busy.customer.id)).toBe(0)
      // Each org's sequence stays with its own students.
      expect(await runsIn(seqB.data.automation.id, bStudent.customer.id)).toBe(1)
      expect(await runsIn(seqB.data.automation.id, quiet.customer.id)).toBe(0)
      expect(await runsIn(seqA.data.automation.id, bStudent.customer.id)).toBe(0)
      await drain(t0)
      const [missed] = await smtp.waitFor(quiet.customer.email, 1, /We miss you/)
      expect(missed.subject).toBe("We miss you in quiet-a course")
      expect(missed.text).toContain(`${STOREFRONT}/courses/${a.course.handle}`)
      await smtp.waitFor(bStudent.customer.email, 1, /Org B misses you/)

      // The quiet student comes back (a lesson opened): re-armed, nothing while active...
      await openLesson(quiet, f.a, a)
      const t1 = new Date()
      await scan(new Date(t1.getTime() + 6 * DAY))
      await drain(new Date(t1.getTime() + 6 * DAY))
      await settle()
      expect(smtp.to(quiet.customer.email, /We miss you/)).toHaveLength(1)
      // ...and once more after seven quiet days, exactly once however often it runs.
      await scan(new Date(t1.getTime() + 7 * DAY + 3600_000))
      await scan(new Date(t1.getTime() + 8 * DAY))
      expect(await runsIn(seqA.data.automation.id, quiet.customer.id)).toBe(2)
      await drain(new Date(t1.getTime() + 8 * DAY))
      await smtp.waitFor(quiet.customer.email, 2, /We miss you/)
      await drain(new Date(t1.getTime() + 9 * DAY))
      await settle()
      expect(smtp.to(quiet.customer.email, /We miss you/)).toHaveLength(2)
      // The busy student, who last opened a lesson at t0, went quiet by then too: once.
      expect(smtp.to(busy.customer.email, /We miss you/)).toHaveLength(1)
      // Paused sequences enroll nobody.
      await send(api, "post", `/admin/orgs/${f.a.org.id}/automations/${seqA.data.automation.id}`, f.a.staff.manager.headers, { status: "paused" })
      expect((await scan(new Date(t1.getTime() + 30 * DAY))).sequences).toBe(1)
    })

    describe("lead magnet double opt-in", () => {
      let magnet: any
      let plainCourse: any
      let magnetB: any
      let leadSeq: string
      let anySeq: string
      let ipSeq = 0
      const nextIp = () => ({ "x-forwarded-for": `203.0.113.${++ipSeq}` })
      const optIn = (key: { headers: Record<string, string> }, body: unknown, extra: Record<string, string> = nextIp()) =>
        send(api, "post", "/store/marketing-opt-ins", { ...key.headers, ...extra }, body)
      const confirm = (key: { headers: Record<string, string> }, body: unknown) =>
        send(api, "post", "/store/marketing-opt-ins/confirm", { ...key.headers, ...nextIp() }, body)
      const tokenOf = async (email: string) => {
        const [mail] = await smtp.waitFor(email, 1, /Confirm your subscription/)
        return new URL(linkIn(mail, `${STOREFRONT}/email/confirm?token=`)).searchParams.get("token")!
      }
      const magnetCourse = async (side: typeof f.a, label: string, lead = true) => {
        const lesson = await createLesson(getContainer(), side.org.id, { title: `${label} lesson`, body: "Hello" })
        const { course } = await createCourseWithOutline(getContainer(), side.org, {
          handle: `${label}-${Date.now().toString(36)}`,
          title: `${label} guide`,
          outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id }] }] }],
        })
        if (lead) expect((await send(api, "post", `/admin/courses/${course.id}`, side.staff.manager.headers, { lead_magnet: true })).status).toBe(200)
        return course
      }

      // The runner restores the database before every case: each case sets these up again.
      const setup = async () => {
        magnet = await magnetCourse(f.a, "magnet")
        plainCourse = await magnetCourse(f.a, "plain", false)
        magnetB = await magnetCourse(f.b, "magnet-b")
        const A = `/admin/orgs/${f.a.org.id}/automations`
        const lead = await send(api, "post", A, f.a.staff.manager.headers, {
          name: "Guide follow-up", status: "active", trigger_type: "lead_magnet_opt_in", trigger_ref: magnet.id,
          steps: [{ type: "email", subject: "Your {{course_title}} is here", body: "Start: {{course_link}}" }],
        })
        expect(lead.status).toBe(201)
        leadSeq = lead.data.automation.id
        const any = await send(api, "post", A, f.a.staff.manager.headers, {
          name: "Any magnet", status: "active", trigger_type: "lead_magnet_opt_in",
          steps: [{ type: "email", subject: "Thanks for subscribing to {{org_name}}", body: "More soon." }],
        })
        expect(any.status).toBe(201)
        anySeq = any.data.automation.id
        // A lead-magnet trigger on a course that is not one: 400.
        const notMagnet = await send(api, "post", A, f.a.staff.manager.headers, {
          ...WELCOME_SEQUENCE, trigger_type: "lead_magnet_opt_in", trigger_ref: plainCourse.id,
        })
        expect([notMagnet.status, notMagnet.data.message]).toEqual([400, expect.stringMatching(/not a lead magnet/)])
      }

      it("opt-in -> confirmation email -> the link starts the sequences once; unconfirmed and reused links start nothing", async () => {
        await setup()
        const email = uniqueEmail("lead.ok")
        const res = await optIn(f.a.key, { email: email.toUpperCase(), course_id: magnet.id })
        expect(res.status).toBe(202)
        const token = await tokenOf(email)
        const [confirmMail] = smtp.to(email)
        expect(confirmMail.from?.value[0].name).toBe("Org A")
        expect(confirmMail.subject).toBe("Confirm your subscription to Org A")

        // Nothing starts before the link is followed.
        const unconfirmed = uniqueEmail("lead.never")
        expect((await optIn(f.a.key, { email: unconfirmed, course_id: magnet.id })).status).toBe(202)
        await tokenOf(unconfirmed)
        expect(await automations().listAutomationRuns({ sequence_id: [leadSeq, anySeq] })).toEqual([])

        // Tampered, cut, another org's key: 400 naming the link, nothing written.
        const tampered = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA")
        for (const [key, body] of [
          [f.a.key, { token: tampered }],
          [f.a.key, { token: token.split(".").slice(0, 3).join(".") }],
          [f.b.key, { token }],
        ] as const) {
          const bad = await confirm(key, body)
          expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/confirmation link is not valid/)])
        }
        expect((await confirm(f.a.key, { token: "a\u0000b" })).status).toBe(400)
        expect((await confirm(f.a.key, {})).status).toBe(400)
        expect(await automations().listAutomationRuns({ sequence_id: [leadSeq, anySeq] })).toEqual([])

        const ok = await confirm(f.a.key, { token })
        expect([ok.status, ok.data.confirmed]).toEqual([200, true])
        // A duplicate confirmation (a second click, a mail scanner): 400, nothing twice.
        const again = await confirm(f.a.key, { token })
        expect([again.status, again.data.message]).toEqual([400, expect.stringMatching(/already used/)])
        const t0 = new Date()
        await drain(t0)
        const [first] = await smtp.waitFor(email, 1, /^Your /)
        expect(first.subject).toBe("Your magnet guide is here")
        expect(first.text).toContain(`${STOREFRONT}/courses/${magnet.handle}`)
        expect(header(first, "List-Unsubscribe")).toBeTruthy()
        await smtp.waitFor(email, 1, /Thanks for subscribing to Org A/)
        await drain(new Date(t0.getTime() + DAY))
        await settle()
        expect(smtp.to(email, /^Your |Thanks for subscribing/)).toHaveLength(2)
        expect(smtp.to(unconfirmed)).toHaveLength(1)
        const runs = await automations().listAutomationRuns({ sequence_id: [leadSeq, anySeq] })
        expect(runs.map((r: any) => r.email)).toEqual([email, email])
        // A guest customer now stands for the address (no account made, none exposed).
        const customers = await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email })
        expect(customers.map((c: any) => c.has_account)).toEqual([false])
      })

      it("expired links are refused; an earlier unsubscribe is lifted only by a confirmed opt-in", async () => {
        await setup()
        const email = uniqueEmail("lead.late")
        await automations().suppress({ org_id: f.a.org.id, email, reason: "unsubscribed", source: "test" })
        expect((await optIn(f.a.key, { email, course_id: magnet.id })).status).toBe(202)
        const token = await tokenOf(email)
        const [row] = await automations().listMarketingOptIns({ email })
        expect(row.expires_at.getTime() - row.created_at.getTime()).toBeGreaterThanOrEqual(48 * 3600_000 - 1000)
        await automations().updateMarketingOptIns({ id: row.id, expires_at: new Date(Date.now() - 1000) })
        const late = await confirm(f.a.key, { token })
        expect([late.status, late.data.message]).toEqual([400, expect.stringMatching(/expired/)])
        expect(await automations().listEmailSuppressions({ org_id: f.a.org.id, email })).toHaveLength(1)
        // A fresh opt-in confirms and lifts it.
        expect((await optIn(f.a.key, { email, course_id: magnet.id })).status).toBe(202)
        const [, fresh] = await smtp.waitFor(email, 2, /Confirm your subscription/)
        const freshToken = new URL(linkIn(fresh, `${STOREFRONT}/email/confirm?token=`)).searchParams.get("token")!
        expect((await confirm(f.a.key, { token: freshToken })).status).toBe(200)
        expect(await automations().listEmailSuppressions({ org_id: f.a.org.id, email })).toEqual([])
      })

      it("input and tenancy: only a lead magnet of the key's org; bad input 400; the same answer for every address and actor", async () => {
        await setup()
        const email = uniqueEmail("lead.input")
        for (const [body, message] of [
          [{ email, course_id: magnetB.id }, /is not a lead magnet of this store/],
          [{ email, course_id: plainCourse.id }, /is not a lead magnet of this store/],
          [{ email, course_id: "course_nope" }, /is not a lead magnet of this store/],
          [{ email: "not-an-email", course_id: magnet.id }, /email/],
          [{ email: `a\u0000${email}`, course_id: magnet.id }, /./],
          [{ email, course_id: [magnet.id, magnetB.id] }, /course_id/],
          [{ email, course_id: magnet.id, org_id: f.b.org.id }, /org_id/],
          [{ course_id: magnet.id }, /email/],
        ] as const) {
          const res = await optIn(f.a.key, body)
          expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(message)])
        }
        expect((await send(api, "post", "/store/marketing-opt-ins", nextIp(), { email, course_id: magnet.id })).status).toBe(400)
        await settle()
        expect(smtp.to(email)).toEqual([])
        expect(await automations().listMarketingOptIns({ email })).toEqual([])

        // Actor matrix: the route is public; whoever calls, with A's key the answer is the
        // same 202 (an address with an account too: nothing tells who is a customer).
        const bearer = (a: { token: string }) => ({ authorization: `Bearer ${a.token}` })
        const answers = new Set<string>()
        for (const [actor, address] of [
          [{}, uniqueEmail("lead.anon")],
          [bearer(f.a.customer), f.a.customer.customer.email],
          [bearer(f.b.customer), f.b.customer.customer.email],
          [bearer(f.a.staff.owner), uniqueEmail("lead.staffa")],
          [bearer(f.b.staff.owner), uniqueEmail("lead.staffb")],
          [bearer(f.platform), uniqueEmail("lead.platform")],
        ] as const) {
          const res = await optIn(f.a.key, { email: address, course_id: magnet.id }, { ...nextIp(), ...actor })
          expect(res.status).toBe(202)
          answers.add(JSON.stringify(res.data))
          await smtp.waitFor(address, 1, /Confirm your subscription to Org A/)
        }
        expect(answers.size).toBe(1)
        // With B's key, A's lead magnet is not a lead magnet of that store.
        expect((await optIn(f.b.key, { email: uniqueEmail("lead.bkey"), course_id: magnet.id })).status).toBe(400)
      })

      it("rate limits: per address and per client IP, 429 with Retry-After", async () => {
        await setup()
        const email = uniqueEmail("lead.many")
        for (let i = 0; i < 3; i++) expect((await optIn(f.a.key, { email, course_id: magnet.id })).status).toBe(202)
        const limited = await optIn(f.a.key, { email: email.toUpperCase(), course_id: magnet.id })
        expect(limited.status).toBe(429)
        expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
        expect(limited.data.message).toMatch(/Too many confirmation emails to this address/)
        await settle()
        expect(smtp.to(email)).toHaveLength(3)
        // Another org's limit for the same address is its own.
        expect((await optIn(f.b.key, { email, course_id: magnetB.id })).status).toBe(202)

        const ip = nextIp()
        for (let i = 0; i < 5; i++) expect((await optIn(f.a.key, { email: uniqueEmail(`lead.ip${i}`), course_id: magnet.id }, ip)).status).toBe(202)
        const blocked = await optIn(f.a.key, { email: uniqueEmail("lead.ip5"), course_id: magnet.id }, ip)
        expect(blocked.status).toBe(429)
        expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0)
        // Another client is not affected.
        expect((await optIn(f.a.key, { email: uniqueEmail("lead.otherip"), course_id: magnet.id })).status).toBe(202)
      })

      // Last in the file: appendAction changes the workflow for the rest of the run.
      it("confirmation rolls back when a later step fails: link unused, no customer, no runs, suppression kept", async () => {
        await setup()
        const email = uniqueEmail("lead.rollback")
        await automations().suppress({ org_id: f.a.org.id, email, reason: "unsubscribed", source: "test" })
        expect((await optIn(f.a.key, { email, course_id: magnet.id })).status).toBe(202)
        await tokenOf(email)
        const [row] = await automations().listMarketingOptIns({ email })
        const { errors } = await runFailingAfter(confirmMarketingOptInWorkflow(getContainer()), "enroll-opt-in-sequences", { opt_in_id: row.id })
        expect(errors[0].error.message).toMatch(/forced failure/)
        const [after] = await automations().listMarketingOptIns({ id: row.id })
        expect(after.confirmed_at).toBeNull()
        expect(await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email })).toEqual([])
        expect((await automations().listAutomationRuns({ email })).length).toBe(0)
        expect(await automations().listEmailSuppressions({ org_id: f.a.org.id, email })).toHaveLength(1)
      })
    })
  },
})
