import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminUser, createCustomer, uniqueEmail, type CustomerActor } from "../../helpers/actors"
import { useProcessEnv } from "../../helpers/env"
import { send } from "../../helpers/http"
import { createTestOrg, type TestOrg } from "../../helpers/orgs"
import { linkIn, TestSmtp } from "../../helpers/smtp"

// Email over real SMTP (issue 23): the app's SMTP provider delivers to a listener in this
// test, which parses what a user would receive. "Forgot password" in a storefront and in
// the admin: one email per request, branded by the org whose storefront asked, with a link
// that completes the reset.
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

const settle = () => new Promise((r) => setTimeout(r, 1500))
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!

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
      const [mail] = await smtp.waitFor(student.customer.email)
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
      expect(smtp.to(student.customer.email)).toHaveLength(1)
    })

    it("the same event delivered again (and twice at once) sends nothing more", async () => {
      const email = uniqueEmail("reset.dup")
      await createCustomer(api, acme.key, { email })
      await send(api, "post", "/auth/customer/emailpass/reset-password", acme.key.headers, { identifier: email })
      const [mail] = await smtp.waitFor(email)
      const token = tokenOf(linkIn(mail, STOREFRONT))
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      const event = { name: "auth.password_reset", data: { entity_id: email, actor_type: "customer", token, metadata: { org_id: acme.org.id } } }
      await Promise.all([bus.emit(event), bus.emit(event), bus.emit(event)])
      await settle()
      expect(smtp.to(email)).toHaveLength(1)
      const rows = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: email })
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ channel: "email", template: "customer-password-reset", provider_id: "smtp", status: "success" })
    })

    it("the org comes from the publishable key, never the body; a verified primary domain gets the links; locale per org", async () => {
      // Acme's key with Yoga's org in the body: still Acme's email and storefront.
      await send(api, "post", "/auth/customer/emailpass/reset-password", acme.key.headers, {
        identifier: student.customer.email,
        metadata: { org_id: yoga.org.id },
      })
      const mails = await smtp.waitFor(student.customer.email, 2)
      expect(mails[1].subject).toBe("Reset your Acme Academy password")

      // Yoga, in Spanish, linking to its verified primary domain (an unverified one is ignored).
      await orgs().createOrgDomains([
        { org_id: yoga.org.id, hostname: "unverified.yoga.test", is_primary: false, verified_at: null },
        { org_id: yoga.org.id, hostname: "clases.yoga.test", is_primary: true, verified_at: new Date() },
      ])
      const yogi = uniqueEmail("reset.yogi")
      await createCustomer(api, yoga.key, { email: yogi })
      await send(api, "post", "/auth/customer/emailpass/reset-password", yoga.key.headers, { identifier: yogi })
      const [es] = await smtp.waitFor(yogi)
      expect(es.subject).toBe("Restablece tu contraseña de Yoga con Mia")
      expect(es.from?.value[0].name).toBe("Yoga con Mia")
      expect(linkIn(es, "https://clases.yoga.test/account/reset-password?")).toBeTruthy()
      expect(es.text).not.toContain("unverified.yoga.test")

      // No key: the platform's brand and storefront.
      await send(api, "post", "/auth/customer/emailpass/reset-password", {}, { identifier: yogi })
      const [, platform] = await smtp.waitFor(yogi, 2)
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
  },
})
