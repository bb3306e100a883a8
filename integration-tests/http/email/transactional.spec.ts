import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminUser, createCustomer, uniqueEmail, type CustomerActor } from "../../helpers/actors"
import { useProcessEnv } from "../../helpers/env"
import { send } from "../../helpers/http"
import { createStaff, createTestOrg, type TestOrg } from "../../helpers/orgs"
import { linkIn, TestSmtp } from "../../helpers/smtp"
import { createRegion, createTieredProduct, eventually, placeOrder } from "../../helpers/commerce"
import { createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"

// Email over real SMTP (issue 23): the app's SMTP provider delivers to a listener in this
// test, which parses what a user would receive. "Forgot password" in a storefront and in
// the admin (one email per request, branded by the org whose storefront asked, with a link
// that completes the reset), staff invitations (the link accepts them; a manager's waits
// for an owner's or admin's approval, who are told), and the welcome on joining an org.
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

const RESET = /password|contraseña/i
const settle = () => new Promise((r) => setTimeout(r, 1500))
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!
/** A storefront link as the store API route it reads (`/courses/x` -> `/store/courses/x`). */
const storeRouteOf = (link: string) => `/store${new URL(link).pathname}`
const DAY = 86_400_000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let acme: TestOrg
    let yoga: TestOrg
    let student: CustomerActor
    const orgs = () => getContainer().resolve<any>("org")

    beforeAll(async () => {
      const container = getContainer()
      acme = await createTestOrg(container, api, { handle: "mail-acme", name: "Acme Academy" })
      yoga = await createTestOrg(container, api, { handle: "mail-yoga", name: "Yoga con Mia" })
      await orgs().updateOrgs({ id: acme.org.id, support_email: "help@acme.test", branding: { primary_color: "#0a7f5a" } })
      await orgs().updateOrgs({ id: yoga.org.id, branding: { default_locale: "es" } })
      student = await createCustomer(api, acme.key, { email: uniqueEmail("reset.student"), password: "old-password-1" })
    })

    it("storefront forgot password: one branded email whose link sets a new password, once", async () => {
      const res = await send(api, "post", "/auth/customer/emailpass/reset-password", acme.key.headers, { identifier: student.customer.email })
      expect(res.status).toBe(201)
      const [mail] = await smtp.waitFor(student.customer.email, 1, RESET)
      expect(mail.subject).toBe("Reset your Acme Academy password")
      expect(mail.from?.value[0]).toEqual({ name: "Acme Academy", address: "mail@volmify.test" })
      expect(mail.replyTo?.value[0].address).toBe("help@acme.test")
      expect(mail.html).toContain("#0a7f5a")
      expect(mail.text).toContain("expires in 15 minutes")
      const link = linkIn(mail, `${STOREFRONT}/account/reset-password?`)
      expect(new URL(link).searchParams.get("email")).toBe(student.customer.email)

      // The link's token sets a new password (what the storefront's reset page posts).
      const update = await send(api, "post", "/auth/customer/emailpass/update", { authorization: `Bearer ${tokenOf(link)}` }, {
        email: student.customer.email,
        password: "new-password-2",
      })
      expect(update.status).toBe(200)
      expect((await send(api, "post", "/auth/customer/emailpass", {}, { email: student.customer.email, password: "new-password-2" })).status).toBe(200)
      expect((await send(api, "post", "/auth/customer/emailpass", {}, { email: student.customer.email, password: "old-password-1" })).status).toBe(401)
      // Used once: the same link no longer works.
      const again = await send(api, "post", "/auth/customer/emailpass/update", { authorization: `Bearer ${tokenOf(link)}` }, {
        email: student.customer.email,
        password: "third-password-3",
      })
      expect(again.status).toBe(401)
      await settle()
      expect(smtp.to(student.customer.email, RESET)).toHaveLength(1)
    })

    it("the same event delivered again (and twice at once) sends nothing more", async () => {
      const email = uniqueEmail("reset.dup")
      await createCustomer(api, acme.key, { email })
      await send(api, "post", "/auth/customer/emailpass/reset-password", acme.key.headers, { identifier: email })
      const [mail] = await smtp.waitFor(email, 1, RESET)
      const token = tokenOf(linkIn(mail, STOREFRONT))
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      const event = { name: "auth.password_reset", data: { entity_id: email, actor_type: "customer", token, metadata: { org_id: acme.org.id } } }
      await Promise.all([bus.emit(event), bus.emit(event), bus.emit(event)])
      await settle()
      expect(smtp.to(email, RESET)).toHaveLength(1)
      const rows = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: email, template: "customer-password-reset" })
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ channel: "email", template: "customer-password-reset", provider_id: "smtp", status: "success" })
    })

    it("the org comes from the publishable key, never the body; a verified primary domain gets the links; locale per org", async () => {
      // Acme's key with Yoga's org in the body: still Acme's email and storefront.
      await send(api, "post", "/auth/customer/emailpass/reset-password", acme.key.headers, {
        identifier: student.customer.email,
        metadata: { org_id: yoga.org.id },
      })
      const mails = await smtp.waitFor(student.customer.email, 2, RESET)
      expect(mails[1].subject).toBe("Reset your Acme Academy password")

      // Yoga, in Spanish, linking to its verified primary domain (an unverified one is ignored).
      await orgs().createOrgDomains([
        { org_id: yoga.org.id, hostname: "unverified.yoga.test", is_primary: false, verified_at: null },
        { org_id: yoga.org.id, hostname: "clases.yoga.test", is_primary: true, verified_at: new Date() },
      ])
      const yogi = uniqueEmail("reset.yogi")
      await createCustomer(api, yoga.key, { email: yogi })
      await send(api, "post", "/auth/customer/emailpass/reset-password", yoga.key.headers, { identifier: yogi })
      const [es] = await smtp.waitFor(yogi, 1, RESET)
      expect(es.subject).toBe("Restablece tu contraseña de Yoga con Mia")
      expect(es.from?.value[0].name).toBe("Yoga con Mia")
      expect(linkIn(es, "https://clases.yoga.test/account/reset-password?")).toBeTruthy()
      expect(es.text).not.toContain("unverified.yoga.test")

      // No key: the platform's brand and storefront.
      await send(api, "post", "/auth/customer/emailpass/reset-password", {}, { identifier: yogi })
      const [, platform] = await smtp.waitFor(yogi, 2, RESET)
      expect(platform.subject).toBe("Reset your Volmify password")
      expect(linkIn(platform, `${STOREFRONT}/account/reset-password?`)).toBeTruthy()
    })

    it("an unknown address gets the same answer and no email", async () => {
      const nobody = uniqueEmail("reset.nobody")
      const res = await send(api, "post", "/auth/customer/emailpass/reset-password", acme.key.headers, { identifier: nobody })
      expect(res.status).toBe(201)
      await settle()
      expect(smtp.to(nobody)).toHaveLength(0)
    })

    it("admin users: the email links to the dashboard's reset page, which sets the password", async () => {
      const email = uniqueEmail("reset.staff")
      await createAdminUser(getContainer(), api, { email, password: "staff-old-1" })
      expect((await send(api, "post", "/auth/user/emailpass/reset-password", {}, { identifier: email })).status).toBe(201)
      const [mail] = await smtp.waitFor(email)
      expect(mail.subject).toBe("Reset your Volmify admin password")
      const link = linkIn(mail, `${BACKEND}/app/reset-password?`)
      const update = await send(api, "post", "/auth/user/emailpass/update", { authorization: `Bearer ${tokenOf(link)}` }, { email, password: "staff-new-2" })
      expect(update.status).toBe(200)
      expect((await send(api, "post", "/auth/user/emailpass", {}, { email, password: "staff-new-2" })).status).toBe(200)
    })

    describe("staff invitations", () => {
      const invite = async (by: { headers: Record<string, string> }, email: string, role: string) =>
        send(api, "post", `/admin/orgs/${acme.org.id}/invitations`, by.headers, { email, role })

      it("an owner's invitation is emailed with a link that accepts it; Resend mails a new link and the old one stops working", async () => {
        const email = uniqueEmail("invitee")
        const res = await invite(acme.owner, email, "creator")
        expect(res.status).toBe(201)
        const [mail] = await smtp.waitFor(email)
        expect(mail.subject).toBe("You're invited to join Acme Academy")
        expect(mail.text).toContain("as a creator")
        const first = linkIn(mail, `${BACKEND}/org-invite?token=`)
        expect(tokenOf(first)).toBe(res.data.token)

        const resent = await send(api, "post", `/admin/orgs/${acme.org.id}/invitations/${res.data.invitation.id}/resend`, acme.owner.headers, {})
        expect(resent.status).toBeLessThan(300)
        const [, second] = await smtp.waitFor(email, 2)
        const token = tokenOf(linkIn(second, `${BACKEND}/org-invite?token=`))
        expect(token).not.toBe(tokenOf(first))

        const reg = await send(api, "post", "/auth/user/emailpass/register", {}, { email, password: "invitee-password-1" })
        const auth = { authorization: `Bearer ${reg.data.token}` }
        expect((await send(api, "post", "/admin/org-invitations/accept", auth, { token: tokenOf(first) })).status).toBeGreaterThanOrEqual(400)
        const accepted = await send(api, "post", "/admin/org-invitations/accept", auth, { token })
        expect(accepted.status).toBe(200)
        expect(accepted.data.employee).toMatchObject({ org_id: acme.org.id, role: "creator" })
      })

      it("a manager's invitation: owners and admins are asked to approve; the invitee is mailed on approval, not before", async () => {
        const manager = await createStaff(getContainer(), api, acme.org.id, "manager", "mail.manager")
        const admin = await createStaff(getContainer(), api, acme.org.id, "admin", "mail.admin")
        const email = uniqueEmail("pending.invitee")
        const res = await invite(manager, email, "staff")
        expect(res.status).toBe(201)
        for (const approver of [acme.owner, admin]) {
          const [ask] = await smtp.waitFor(approver.user.email)
          expect(ask.subject).toBe("An invitation to Acme Academy is waiting for your approval")
          expect(ask.text).toContain(email)
          expect(linkIn(ask, `${BACKEND}/app/orgs/${acme.org.id}`)).toBeTruthy()
        }
        expect(smtp.to(manager.user.email)).toHaveLength(0)
        await settle()
        expect(smtp.to(email)).toHaveLength(0)

        const approved = await send(api, "post", `/admin/orgs/${acme.org.id}/invitations/${res.data.invitation.id}/approve`, admin.headers, {})
        expect(approved.status).toBeLessThan(300)
        const [mail] = await smtp.waitFor(email)
        const token = tokenOf(linkIn(mail, `${BACKEND}/org-invite?token=`))
        const reg = await send(api, "post", "/auth/user/emailpass/register", {}, { email, password: "pending-password-1" })
        const accepted = await send(api, "post", "/admin/org-invitations/accept", { authorization: `Bearer ${reg.data.token}` }, { token })
        expect(accepted.status).toBe(200)
        await settle()
        expect(smtp.to(acme.owner.user.email)).toHaveLength(1)
      })
    })

    it("joining an org: one welcome email per org, in its language, linking to My learning; guests get none", async () => {
      const email = uniqueEmail("welcome")
      // (The runner restores the database before each test: the domain is made here.)
      await orgs().createOrgDomains([{ org_id: yoga.org.id, hostname: "clases.yoga.test", is_primary: true, verified_at: new Date() }])
      await createCustomer(api, yoga.key, { email })
      const [mail] = await smtp.waitFor(email)
      expect(mail.subject).toBe("Te damos la bienvenida a Yoga con Mia")
      expect(linkIn(mail, "https://clases.yoga.test/learn")).toBeTruthy()
      // Joining again (membership call from the storefront) sends nothing more.
      const login = await send(api, "post", "/auth/customer/emailpass", {}, { email, password: "test-password-1" })
      await send(api, "post", "/store/org/membership", { ...yoga.key.headers, authorization: `Bearer ${login.data.token}` }, {})
      // The same customer joining Acme is welcomed by Acme.
      await send(api, "post", "/store/org/membership", { ...acme.key.headers, authorization: `Bearer ${login.data.token}` }, {})
      const [, acmeMail] = await smtp.waitFor(email, 2)
      expect(acmeMail.subject).toBe("Welcome to Acme Academy")
      await settle()
      expect(smtp.to(email).map((m) => m.subject)).toEqual(["Te damos la bienvenida a Yoga con Mia", "Welcome to Acme Academy"])
    })

    it("order receipt: lines and total in the org's currency (JPY too), a Start learning link per course, once per order", async () => {
      const container = getContainer()
      const usd = await createRegion(container, "usd")
      const jpy = await createRegion(container, "jpy")
      const lesson = await createLesson(container, acme.org.id, { title: "Welcome", body: "Hello" })
      const outline = [{ title: "Start", sections: [{ title: "First", lessons: [{ lesson_id: lesson.id }] }] }]
      const ts = await createCourseWithOutline(container, acme.org, { handle: "mail-typescript", title: "TypeScript from Zero", outline })
      const rx = await createCourseWithOutline(container, acme.org, { handle: "mail-rxjs", title: "RxJS in Depth", outline })
      const buyer = await createCustomer(api, acme.key, { email: uniqueEmail("receipt") })
      const orderId = await placeOrder(api, buyer, usd, [ts.product.variants[0].id, rx.product.variants[1].id])
      const [mail] = await smtp.waitFor(buyer.customer.email, 1, /order #/)
      const { data: [order] } = await container.resolve("query").graph({ entity: "order", fields: ["display_id"], filters: { id: orderId } })
      expect(mail.subject).toBe(`Your Acme Academy order #${order.display_id}`)
      expect(mail.text).toMatch(/\$99\.00/)
      expect(mail.text).toMatch(/\$199\.00/)
      expect(mail.text).toMatch(/Total: \$298\.00/)
      expect(linkIn(mail, `${STOREFRONT}/courses/mail-typescript`)).toBeTruthy()
      expect(linkIn(mail, `${STOREFRONT}/courses/mail-rxjs`)).toBeTruthy()
      expect(linkIn(mail, `${STOREFRONT}/order/${orderId}`)).toBeTruthy()

      // The event again: nothing more.
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: orderId } })
      await settle()
      expect(smtp.to(buyer.customer.email, /order #/)).toHaveLength(1)

      // Zero-decimal currency: ¥14,800, no decimals.
      const jpyOrder = await placeOrder(api, buyer, jpy, [ts.product.variants[0].id])
      const [, yen] = await smtp.waitFor(buyer.customer.email, 2, /order #/)
      expect(yen.text).toMatch(/Total: ¥14,800(?![.,]\d)/)
      expect(linkIn(yen, `${STOREFRONT}/order/${jpyOrder}`)).toBeTruthy()
    })

    it("certificate issued and assignment reviewed: the student is mailed once each, with the verification page and the lesson", async () => {
      const container = getContainer()
      const courses = container.resolve<any>("course")
      const bus = container.resolve(Modules.EVENT_BUS)
      const lesson = await createLesson(container, acme.org.id, { title: "Essay", body: "Write" })
      const outline = [{ title: "Start", sections: [{ title: "First", lessons: [{ lesson_id: lesson.id }] }] }]
      const { course } = await createCourseWithOutline(container, acme.org, { handle: "mail-essays", title: "Essay Writing", outline })
      const [placement] = await courses.listSectionLessons({ lesson_id: lesson.id }, { select: ["id"] })
      const enrollment = { id: "enr_mail_test" }
      const [cert] = await courses.createCertificates([
        {
          code: "MAIL-CERT-1",
          enrollment_id: enrollment.id,
          customer_id: student.customer.id,
          course_id: course.id,
          org_id: acme.org.id,
          student_name: "Test Customer",
          course_title: "Essay Writing",
          org_name: "Acme Academy",
          issued_at: new Date(),
        },
      ])
      const issued = { name: "course.certificate.issued", data: { id: cert.id } }
      await Promise.all([bus.emit(issued), bus.emit(issued)])
      const [mail] = await smtp.waitFor(student.customer.email, 1, /certificate/)
      expect(mail.subject).toBe("Your certificate for Essay Writing")
      expect(linkIn(mail, `${STOREFRONT}/certificates/verify/MAIL-CERT-1`)).toBeTruthy()
      expect(linkIn(mail, `${STOREFRONT}/learn`)).toBeTruthy()

      const [submission] = await courses.createAssignmentSubmissions([
        {
          org_id: acme.org.id,
          course_id: course.id,
          enrollment_id: enrollment.id,
          customer_id: student.customer.id,
          placement_id: placement.id,
          lesson_id: lesson.id,
          text: "My essay",
          status: "failed",
          feedback: "Cite <two> sources",
          reviewed_by: acme.owner.user.id,
          reviewed_at: new Date(),
        },
      ])
      const reviewed = { name: "course.assignment.reviewed", data: { id: submission.id } }
      await Promise.all([bus.emit(reviewed), bus.emit(reviewed)])
      const [review] = await smtp.waitFor(student.customer.email, 1, /Essay$/)
      expect(review.subject).toBe("Feedback: Essay")
      expect(review.text).toContain("Feedback: Cite <two> sources")
      expect(review.html).not.toContain("<two>")
      expect(linkIn(review, `${STOREFRONT}/courses/mail-essays/lessons/${placement.id}`)).toBeTruthy()
      await settle()
      expect(smtp.to(student.customer.email, /certificate|Essay$/).map((m) => m.subject)).toEqual(["Your certificate for Essay Writing", "Feedback: Essay"])
    })

    it("access revoked: one email per student and org naming the courses and the reason, once", async () => {
      const container = getContainer()
      const { revokeEntitlementsForOrderWorkflow } = require("@volmify/access/workflows")
      const usd = await createRegion(container, "usd")
      const lesson = await createLesson(container, acme.org.id, { title: "Intro", body: "Hi" })
      const outline = [{ title: "Start", sections: [{ title: "First", lessons: [{ lesson_id: lesson.id }] }] }]
      const a = await createCourseWithOutline(container, acme.org, { handle: "mail-revoke-a", title: "Course Alpha", outline })
      const b = await createCourseWithOutline(container, acme.org, { handle: "mail-revoke-b", title: "Course Beta", outline })
      const buyer = await createCustomer(api, acme.key, { email: uniqueEmail("revoked") })
      const orderId = await placeOrder(api, buyer, usd, [a.product.variants[0].id, b.product.variants[0].id])
      const access = container.resolve<any>("access")
      for (let i = 0; i < 100 && (await access.listEntitlements({ order_id: orderId, status: "active" })).length < 2; i++) await new Promise((r) => setTimeout(r, 100))
      await revokeEntitlementsForOrderWorkflow(container).run({ input: { order_id: orderId, reason: "order fully refunded" } })
      const [mail] = await smtp.waitFor(buyer.customer.email, 1, /access/)
      expect(mail.subject).toBe("Your access to 2 courses has ended")
      expect(mail.text).toContain("Course Alpha, Course Beta at Acme Academy has ended (order fully refunded)")
      expect(linkIn(mail, `${STOREFRONT}/courses`)).toBeTruthy()
      // The same event again: nothing more.
      const ids = (await access.listEntitlements({ order_id: orderId })).map((e: any) => e.id)
      await container.resolve(Modules.EVENT_BUS).emit({ name: "entitlement.revoked", data: { ids } })
      await settle()
      expect(smtp.to(buyer.customer.email, /access/)).toHaveLength(1)
    })
    it("access granted by staff: one email per student and org with a Start learning link the store API opens; an order's grant sends only the order's email", async () => {
      const container = getContainer()
      const bus = container.resolve(Modules.EVENT_BUS)
      const { grantEntitlementWorkflow } = require("@volmify/access/workflows")
      const lesson = await createLesson(container, acme.org.id, { title: "Intro", body: "Hi" })
      const outline = [{ title: "Start", sections: [{ title: "First", lessons: [{ lesson_id: lesson.id }] }] }]
      const { product } = await createCourseWithOutline(container, acme.org, { handle: "mail-granted", title: "Granted Course", outline })
      const gifted = await createCustomer(api, acme.key, { email: uniqueEmail("granted") })
      const { result: entitlement } = await grantEntitlementWorkflow(container).run({
        input: { customer_id: gifted.customer.id, product_id: product.id, tier: 2, duration_days: 30, reason: "scholarship", granted_by: acme.owner.user.id },
      })
      const [mail] = await smtp.waitFor(gifted.customer.email, 1, /access to/)
      expect(mail.subject).toBe("You now have access to Granted Course")
      expect(mail.from?.value[0].name).toBe("Acme Academy")
      expect(mail.replyTo?.value[0].address).toBe("help@acme.test")
      expect(mail.html).toContain("#0a7f5a")
      expect(mail.text).toContain(`Your access lasts until ${new Date(entitlement.expires_at).toISOString().slice(0, 10)}`)
      const link = linkIn(mail, `${STOREFRONT}/courses/mail-granted`)
      // The link opens the course, with the granted tier, through the store API.
      const page = await send(api, "get", storeRouteOf(link), gifted.headers)
      expect(page.status).toBe(200)
      expect(page.data.course).toMatchObject({ handle: "mail-granted", title: "Granted Course" })
      // Delivered again (and twice at once): nothing more.
      const event = { name: "entitlement.granted", data: { ids: [entitlement.id], customer_id: gifted.customer.id, product_ids: [product.id] } }
      await Promise.all([bus.emit(event), bus.emit(event)])
      await settle()
      expect(smtp.to(gifted.customer.email, /access to/)).toHaveLength(1)

      // Bought: the receipt only (its Start learning link), no "access" email for the same order.
      const usd = await createRegion(container, "usd")
      const buyer = await createCustomer(api, acme.key, { email: uniqueEmail("granted.buyer") })
      const orderId = await placeOrder(api, buyer, usd, [product.variants[0].id])
      await smtp.waitFor(buyer.customer.email, 1, /order #/)
      await eventually(() => container.resolve<any>("access").listEntitlements({ order_id: orderId }))
      await settle()
      expect(smtp.to(buyer.customer.email, /access to|enrolled/)).toHaveLength(0)
    })

    it("free enrollment: one 'You're enrolled' email (no receipt, no access email) whose link opens the course; the order's event again sends nothing", async () => {
      const container = getContainer()
      const usd = await createRegion(container, "usd")
      const free = await createTieredProduct(container, acme.org, { handle: `mail-free-${Date.now()}`, tiers: [{ title: "Free", tier: 1, prices: { usd: 0 } }] })
      const lesson = await createLesson(container, acme.org.id, { title: "Free intro", body: "Hi" })
      const cwf = require("@volmify/courses/workflows")
      const { result: course } = await cwf.createCourseWorkflow(container).run({ input: { product_id: free.id, handle: "mail-free", title: "Free Starter" } })
      await cwf.applyCourseOutlineWorkflow(container).run({
        input: { course_id: course.id, outline: { modules: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id }] }] }] } },
      })
      await cwf.publishCourseWorkflow(container).run({ input: { id: course.id } })
      const learner = await createCustomer(api, acme.key, { email: uniqueEmail("free.learner") })
      const res = await send(api, "post", `/store/courses/${course.id}/free-enrollment`, learner.headers, { region_id: usd.id })
      expect(res.status).toBeLessThan(300)
      expect(res.data.enrollment.status).toBe("enrolled")
      const order = res.data.enrollment.order
      const [mail] = await smtp.waitFor(learner.customer.email, 1, /enrolled/)
      expect(mail.subject).toBe("You're enrolled in Free Starter")
      expect(mail.from?.value[0].name).toBe("Acme Academy")
      expect(mail.text).toContain(`free of charge (order #${order.display_id})`)
      const page = await send(api, "get", storeRouteOf(linkIn(mail, `${STOREFRONT}/courses/mail-free`)), learner.headers)
      expect(page.status).toBe(200)
      expect(page.data.course).toMatchObject({ handle: "mail-free" })
      await container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
      await settle()
      expect(smtp.to(learner.customer.email, /enrolled|order #|access to/).map((m) => m.subject)).toEqual(["You're enrolled in Free Starter"])
    })

    it("quiz graded and assignment to review: the student gets the score once; every staff member of the org (not another org's) is asked to review once", async () => {
      const container = getContainer()
      const bus = container.resolve(Modules.EVENT_BUS)
      const cwf = require("@volmify/courses/workflows")
      const { grantEntitlementWorkflow } = require("@volmify/access/workflows")
      const quizLesson = await createLesson(container, acme.org.id, { title: "Check-in", type: "quiz", body: "Answer" })
      const homework = await createLesson(container, acme.org.id, { title: "Haiku", type: "assignment", body: "Write one" })
      const outline = [{ title: "Start", sections: [{ title: "All", lessons: [{ lesson_id: quizLesson.id }, { lesson_id: homework.id }] }] }]
      const { course, product } = await createCourseWithOutline(container, acme.org, { handle: "mail-quiz", title: "Quizzed Course", outline })
      await cwf.saveLessonQuizWorkflow(container).run({
        input: {
          lesson_id: quizLesson.id,
          passing_score: 60,
          required: true,
          questions: [
            { id: "q1", type: "true_false", prompt: "Yes?", points: 1, correct_option_ids: ["true"] },
            { id: "q2", type: "true_false", prompt: "No?", points: 1, correct_option_ids: ["false"] },
          ],
        },
      })
      const p = await placementsByTitle(container, course.id)
      const learner = await createCustomer(api, acme.key, { email: uniqueEmail("quiz.learner") })
      await grantEntitlementWorkflow(container).run({ input: { customer_id: learner.customer.id, product_id: product.id, tier: 1, reason: "test", granted_by: "test" } })
      await eventually(() => container.resolve<any>("course").listEnrollments({ customer_id: learner.customer.id, course_id: course.id }))

      const quiz = `/store/courses/${course.id}/lessons/${p["Check-in"]}/quiz/attempts`
      const started = await send(api, "post", quiz, learner.headers)
      expect(started.status).toBeLessThan(300)
      const submitted = await send(api, "post", `${quiz}/${started.data.attempt.id}/submit`, learner.headers, {
        answers: [{ question_id: "q1", option_ids: ["true"] }, { question_id: "q2", option_ids: ["true"] }],
      })
      expect(submitted.data.attempt).toMatchObject({ passed: false, score_percent: 50 })
      const [graded] = await smtp.waitFor(learner.customer.email, 1, /Check-in/)
      expect(graded.subject).toBe("Quiz result: Check-in (50%)")
      expect(graded.text).toContain('Test, your attempt at "Check-in" in Quizzed Course scored 50% (60% to pass).')
      expect(graded.html).toContain("#0a7f5a")
      const lessonLink = linkIn(graded, `${STOREFRONT}/courses/mail-quiz/lessons/${p["Check-in"]}`)
      const lessonPage = await send(api, "get", storeRouteOf(lessonLink), learner.headers)
      expect(lessonPage.status).toBe(200)
      const again = { name: "course.quiz_attempt.submitted", data: { id: started.data.attempt.id } }
      await Promise.all([bus.emit(again), bus.emit(again)])

      // The assignment: every Acme staff member is asked once; Yoga's owner and the student are not.
      const creator = await createStaff(container, api, acme.org.id, "creator", "mail.reviewer")
      // A staff member made inactive (no admin access any more) is not asked.
      const former = await createStaff(container, api, acme.org.id, "staff", "mail.former")
      const [formerRow] = await orgs().listOrgEmployees({ org_id: acme.org.id, user_id: former.user.id })
      await orgs().updateOrgEmployees({ id: formerRow.id, status: "inactive" })
      const sub = await send(api, "post", `/store/courses/${course.id}/lessons/${p.Haiku}/assignment/submissions`, learner.headers, { text: "An old silent pond" })
      expect(sub.status).toBeLessThan(300)
      for (const reviewer of [acme.owner, creator]) {
        const [ask] = await smtp.waitFor(reviewer.user.email, 1, /review/)
        expect(ask.subject).toBe("New assignment to review: Haiku")
        expect(ask.text).toContain(`Test Customer (${learner.customer.email}) submitted "Haiku" in Quizzed Course at Acme Academy`)
        expect(ask.from?.value[0].name).toBe("Acme Academy")
        expect(linkIn(ask, `${BACKEND}/app/assignments`)).toBeTruthy()
      }
      // The queue the link opens (the admin API behind it) lists the submission for that reviewer.
      const queue = await send(api, "get", "/admin/assignment-submissions", creator.headers)
      expect(queue.status).toBe(200)
      expect(JSON.stringify(queue.data)).toContain(sub.data.submission.id)
      const submittedEvent = { name: "course.assignment.submitted", data: { id: sub.data.submission.id } }
      await Promise.all([bus.emit(submittedEvent), bus.emit(submittedEvent)])
      await settle()
      expect(smtp.to(acme.owner.user.email, /review/)).toHaveLength(1)
      expect(smtp.to(creator.user.email, /review/)).toHaveLength(1)
      expect(smtp.to(yoga.owner.user.email, /review/)).toHaveLength(0)
      expect(smtp.to(former.user.email, /review/)).toHaveLength(0)
      expect(smtp.to(learner.customer.email, /review|Check-in/).map((m) => m.subject)).toEqual(["Quiz result: Check-in (50%)"])
    })

    it("emails in the recipient's language (issue 26): the page that asked for a reset, the customer's locale, the order's; only locales the org enabled", async () => {
      const container = getContainer()
      const bil = await createTestOrg(container, api, { handle: "mail-bilingual", name: "Bilingual School" })
      await orgs().updateOrgs({ id: bil.org.id, branding: { default_locale: "en", locales: ["es"] } })
      const register = async (label: string, metadata?: Record<string, unknown>) => {
        const email = uniqueEmail(label)
        const reg = await api.post("/auth/customer/emailpass/register", { email, password: "test-password-1" })
        const { data } = await api.post(
          "/store/customers",
          { email, first_name: "Ana", last_name: "Test", ...(metadata ? { metadata } : {}) },
          { headers: { ...bil.key.headers, authorization: `Bearer ${reg.data.token}` } }
        )
        const login = await api.post("/auth/customer/emailpass", { email, password: "test-password-1" })
        return { id: data.customer.id as string, email, headers: { ...bil.key.headers, authorization: `Bearer ${login.data.token}` } }
      }

      // 1. Forgot password: the storefront page's locale (x-volmify-locale) picks the words and
      // the link's /es prefix; a locale the org did not enable, or one in the body, does not.
      const plain = await register("i18n.plain")
      const reset = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
        send(api, "post", "/auth/customer/emailpass/reset-password", { ...bil.key.headers, ...headers }, { identifier: plain.email, ...body })
      expect((await reset({ "x-volmify-locale": "es" })).status).toBe(201)
      const [es] = await smtp.waitFor(plain.email, 1, RESET)
      expect(es.subject).toBe("Restablece tu contraseña de Bilingual School")
      expect(linkIn(es, `${STOREFRONT}/es/account/reset-password?`)).toBeTruthy()
      await reset({ "x-volmify-locale": "de" })
      await reset({}, { metadata: { locale: "es" } })
      await reset({ "x-volmify-locale": "<script>" })
      const mails = await smtp.waitFor(plain.email, 4, RESET)
      expect(mails.slice(1).map((m) => m.subject)).toEqual(Array(3).fill("Reset your Bilingual School password"))
      expect(linkIn(mails[1], `${STOREFRONT}/account/reset-password?`)).toBeTruthy()

      // 2. A customer who registered on a Spanish page is welcomed in Spanish, linked under /es;
      // one without a locale in the org's default.
      const ana = await register("i18n.ana", { locale: "es-MX", source: "test" })
      const [welcome] = await smtp.waitFor(ana.email, 1, /bienvenida|welcome/i)
      expect(welcome.subject).toBe("Te damos la bienvenida a Bilingual School")
      expect(linkIn(welcome, `${STOREFRONT}/es/learn`)).toBeTruthy()
      const [plainWelcome] = await smtp.waitFor(plain.email, 1, /bienvenida|welcome/i)
      expect(plainWelcome.subject).toBe("Welcome to Bilingual School")
      expect(linkIn(plainWelcome, `${STOREFRONT}/learn`)).toBeTruthy()

      // 3. An order placed with a locale (the storefront puts the page's on the cart): the receipt
      // in it, and it becomes the customer's language (other metadata kept).
      const usd = await createRegion(container, "usd")
      const lesson = await createLesson(container, bil.org.id, { title: "Hola", body: "Hola" })
      const course = await createCourseWithOutline(container, bil.org, {
        handle: "mail-i18n-course",
        title: "Spanish Course",
        outline: [{ title: "Start", sections: [{ title: "First", lessons: [{ lesson_id: lesson.id }] }] }],
      })
      const buyer = await register("i18n.buyer", { source: "ads" })
      const { data: cartRes } = await api.post(
        "/store/carts",
        { region_id: usd.id, email: buyer.email, locale: "es", items: [{ variant_id: course.product.variants[0].id, quantity: 1 }] },
        { headers: buyer.headers }
      )
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartRes.cart.id }, { headers: buyer.headers })
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers: buyer.headers })
      const { data: done } = await api.post(`/store/carts/${cartRes.cart.id}/complete`, {}, { headers: buyer.headers })
      expect(done.type).toBe("order")
      const [receipt] = await smtp.waitFor(buyer.email, 1, /pedido|order #/i)
      expect(receipt.subject).toBe(`Tu pedido #${done.order.display_id} en Bilingual School`)
      expect(receipt.text).toContain(`Este es tu recibo del pedido #${done.order.display_id} en Bilingual School.`)
      expect(linkIn(receipt, `${STOREFRONT}/es/courses/mail-i18n-course`)).toBeTruthy()
      const customers = container.resolve(Modules.CUSTOMER)
      const metadata = await eventually(async () => {
        const [c] = await customers.listCustomers({ id: buyer.id }, { select: ["id", "metadata"] })
        return c.metadata?.locale ? c.metadata : null
      })
      expect(metadata).toEqual({ source: "ads", locale: "es" })
      const rows = await container.resolve(Modules.NOTIFICATION).listNotifications({ to: buyer.email, template: "order-receipt" })
      expect(rows.map((r: { data?: { locale?: string } | null }) => r.data?.locale)).toEqual(["es"])
    })

    it("affiliates: approved (automatic and by staff) or rejected, commissions approved (JPY total), payout sent; each once, linking to the affiliate page", async () => {
      const container = getContainer()
      const bus = container.resolve(Modules.EVENT_BUS)
      const awf = require("@volmify/affiliates/workflows")
      const affiliates = container.resolve<any>("affiliates")
      await awf.upsertAffiliateProgramWorkflow(container).run({ input: { org_id: acme.org.id, enabled: true, approval: "automatic" } })
      const ana = await createCustomer(api, acme.key, { email: uniqueEmail("aff.ana") })
      const applied = await send(api, "post", "/store/affiliates", ana.headers, { code: "ANAMAIL" })
      expect(applied.data.affiliate.status).toBe("approved")
      const [welcome] = await smtp.waitFor(ana.customer.email, 1, /affiliate/)
      expect(welcome.subject).toBe("You're an affiliate of Acme Academy")
      expect(welcome.text).toContain("code ANAMAIL")
      expect(welcome.html).toContain("#0a7f5a")
      expect(linkIn(welcome, `${STOREFRONT}/account/affiliate`)).toBeTruthy()
      // What that storefront page reads: the affiliate, approved, with the code.
      const me = await send(api, "get", "/store/affiliates/me", ana.headers)
      expect(me.status).toBe(200)
      expect(me.data.affiliate).toMatchObject({ code: "ANAMAIL", status: "approved" })

      // Manual approval: pending (no email), then rejected by staff (one email), then approved.
      await awf.upsertAffiliateProgramWorkflow(container).run({ input: { org_id: acme.org.id, approval: "manual" } })
      const ben = await createCustomer(api, acme.key, { email: uniqueEmail("aff.ben") })
      const pending = await send(api, "post", "/store/affiliates", ben.headers, { code: "BENMAIL" })
      expect(pending.data.affiliate.status).toBe("pending")
      expect((await send(api, "post", `/admin/affiliates/${pending.data.affiliate.id}`, acme.owner.headers, { status: "rejected" })).status).toBe(200)
      const [rejected] = await smtp.waitFor(ben.customer.email, 1, /affiliate/)
      expect(rejected.subject).toBe("Your affiliate application to Acme Academy")
      expect(rejected.text).toContain("did not approve")
      const [benRow] = await affiliates.listAffiliates({ id: pending.data.affiliate.id })
      const statusEvent = { name: "affiliate.status_changed", data: { id: benRow.id, org_id: acme.org.id, status: "rejected" } }
      await Promise.all([bus.emit(statusEvent), bus.emit(statusEvent)])
      await settle()
      expect(smtp.to(ben.customer.email, /affiliate/)).toHaveLength(1)

      // Two commissions past their hold (JPY): one email with their total; the payout: one email.
      const [anaRow] = await affiliates.listAffiliates({ id: applied.data.affiliate.id })
      const commission = (n: number, amount: number) => ({
        org_id: acme.org.id,
        affiliate_id: anaRow.id,
        order_id: `order_mail_${n}`,
        line_item_id: `item_mail_${n}`,
        currency_code: "jpy",
        source: "click",
        base_amount: amount * 10,
        original_amount: amount,
        amount,
        ordered_at: new Date(Date.now() - 40 * DAY),
        hold_until: new Date(Date.now() - DAY),
      })
      const rows = await affiliates.createAffiliateCommissions([commission(1, 500), commission(2, 740)])
      await awf.approveDueCommissionsWorkflow(container).run({ input: { org_id: acme.org.id } })
      const [earned] = await smtp.waitFor(ana.customer.email, 1, /Commission/)
      expect(earned.subject).toBe("Commission approved: ¥1,240")
      expect(earned.text).toContain("approved 2 commissions of ¥1,240 in total")
      expect(linkIn(earned, `${STOREFRONT}/account/affiliate`)).toBeTruthy()
      await bus.emit({ name: "affiliate.commissions.approved", data: { ids: rows.map((r: any) => r.id) } })

      const payout = await send(api, "post", `/admin/affiliates/${anaRow.id}/payouts`, acme.owner.headers, { currency_code: "jpy", reference: "dec-run" })
      expect(payout.status).toBeLessThan(300)
      const [paid] = await smtp.waitFor(ana.customer.email, 1, /Payout/)
      expect(paid.subject).toBe("Payout sent: ¥1,240")
      expect(paid.text).toContain("(reference dec-run)")
      expect(paid.from?.value[0].name).toBe("Acme Academy")
      // The same reference again records nothing and mails nothing.
      await send(api, "post", `/admin/affiliates/${anaRow.id}/payouts`, acme.owner.headers, { currency_code: "jpy", amount: 1240, reference: "dec-run" })
      await settle()
      expect(smtp.to(ana.customer.email, /affiliate|Commission|Payout/).map((m) => m.subject)).toEqual([
        "You're an affiliate of Acme Academy",
        "Commission approved: ¥1,240",
        "Payout sent: ¥1,240",
      ])
    })
  },
})
