import type { EmailBrand } from "./context"
import { renderEmail } from "./layout"
import { buildEmail, builtInEmailCoverage, EMAIL_TEMPLATES, type EmailTemplate } from "./templates"

const brand = (over: Partial<EmailBrand> = {}): EmailBrand => ({
  org_id: "org_1",
  org_name: "Acme <b>Academy</b>",
  logo_url: null,
  primary_color: "#0a7f5a",
  locale: "en",
  locales: { default_locale: "en", locales: ["en", "es"] },
  reply_to: "help@acme.test",
  from_name: "Acme",
  storefront_url: "https://acme.test",
  storefront_origin: "https://acme.test",
  admin_url: "https://api.acme.test/app",
  backend_url: "https://api.acme.test",
  ...over,
})

const PLAN = { product_title: "TS Club", amount: "$20.00", every: "month", url: "https://acme.test/account/subscriptions", first_name: "Ana" }

const SAMPLE: Record<EmailTemplate, Record<string, unknown>> = {
  "subscription-started": { ...PLAN, trial_ends_on: "January 17, 2027", next_charge_on: "January 17, 2027" },
  "subscription-renewal-receipt": { ...PLAN, display_id: 12, period: "January 17, 2027 - February 17, 2027", next_charge_on: "February 17, 2027", order_url: "https://acme.test/order/order_1" },
  "subscription-payment-failed": { ...PLAN, next_retry_on: "May 18, 2027" },
  "subscription-canceled": { ...PLAN, reason: "payment_failed" },
  "subscription-trial-ending": { ...PLAN, trial_ends_on: "January 17, 2027" },
  "subscription-cancel-scheduled": { ...PLAN, access_until: "August 1, 2028" },
  "marketing-opt-in-confirm": { url: "https://acme.test/email/confirm?token=v1.org_1.mopt_1.x", course_title: "TS", hours: 48 },
  "access-granted": { url: "https://acme.test/courses/ts", courses: [{ title: "TS", url: "https://acme.test/courses/ts" }], first_name: "Ana", expires_on: null },
  "free-enrollment": { url: "https://acme.test/courses/ts", courses: [{ title: "TS", url: "https://acme.test/courses/ts" }], display_id: 3 },
  "quiz-graded": { url: "https://acme.test/courses/ts/lessons/p1", course_title: "TS", lesson_title: "Quiz", passed: true, expired: false, score_percent: 80, passing_score: 70 },
  "assignment-to-review": { url: "https://api.acme.test/app/assignments", student: "Ana <ana@b.c>", course_title: "TS", lesson_title: "Essay" },
  "affiliate-application": { url: "https://acme.test/account/affiliate", approved: true, code: "ANA10" },
  "affiliate-commission-approved": { url: "https://acme.test/account/affiliate", count: 2, total: "$20.00" },
  "affiliate-payout-sent": { url: "https://acme.test/account/affiliate", amount: "$20.00", reference: "po_1" },
  "automation-email": {
    subject: "A tip for Ana",
    paragraphs: ["Open <b>one</b> lesson a day."],
    unsubscribe_url: "https://api.acme.test/email/unsubscribe?token=v1.org_1.x.y",
    url: "https://api.acme.test/email/unsubscribe?token=v1.org_1.x.y",
  },
  "access-revoked": { url: "https://acme.test/courses", courses: ["TS"], reason: "order fully refunded", first_name: "Ana" },
  "guest-claim-link": { url: "https://acme.test/account/claim?token=t" },
  "certificate-issued": { url: "https://acme.test/learn", learn_url: "https://acme.test/learn", verify_url: "https://acme.test/certificates/verify/ABC", course_title: "TS", code: "ABC", first_name: "Ana" },
  "assignment-reviewed": { url: "https://acme.test/courses/ts/lessons/p1", course_title: "TS", lesson_title: "Essay", passed: false, feedback: "Add <sources>", first_name: null },
  "customer-password-reset": { url: "https://acme.test/account/reset-password?token=t&email=a%40b.c", minutes: 15 },
  "user-password-reset": { url: "https://api.acme.test/app/reset-password?token=t", minutes: 15 },
  "staff-invitation": { url: "https://api.acme.test/org-invite?token=t", role: "creator", expires_on: "2026-12-09" },
  "staff-invitation-approval": { url: "https://api.acme.test/app/orgs/org_1", email: "new@acme.test", role: "staff" },
  "webhook-endpoint-disabled": { url: "https://api.acme.test/app/orgs/org_1/webhooks", endpoint_url: "https://hooks.example.com/in", since: "2026-12-01T00:00:00.000Z" },
  "customer-welcome": { url: "https://acme.test/learn", first_name: "Ana" },
  "course-lesson-available": { url: "https://acme.test/courses/ts/lessons/p1", first_name: null, course_title: "TS", lesson_title: "Generics" },
  "order-receipt": {
    display_id: 7,
    lines: [{ title: "TS (Basic)", quantity: 1, amount: "$99.00" }],
    total: "$99.00",
    courses: [{ title: "TS", url: "https://acme.test/courses/ts" }],
    order_url: "https://acme.test/order/order_1",
  },
}

describe("email templates", () => {
  it.each(Object.keys(EMAIL_TEMPLATES) as EmailTemplate[])("%s: subject, HTML and text with its link; the org name is escaped", async (template) => {
    const body = buildEmail(template, brand(), SAMPLE[template])
    const mail = await renderEmail(brand(), body)
    expect(mail.subject).toContain(template.startsWith("course-lesson") ? "Generics" : "")
    expect(mail.subject.length).toBeGreaterThan(5)
    const url = String(SAMPLE[template].url ?? SAMPLE[template].order_url)
    expect(mail.text).toContain(template === "order-receipt" ? "https://acme.test/courses/ts" : url)
    expect(mail.html).toContain(url.replace(/&/g, "&amp;"))
    expect(mail.html).not.toContain("<b>Academy</b>")
    expect(mail.html).toContain("#0a7f5a")
    expect(mail.text).toContain("acme.test")
  })

  it("uses the org's locale where a translation exists and English otherwise", () => {
    expect(buildEmail("quiz-graded", brand({ locale: "es" }), SAMPLE["quiz-graded"]).subject).toBe("Aprobado: Quiz (80%)")
    expect(buildEmail("free-enrollment", brand({ locale: "es" }), SAMPLE["free-enrollment"]).subject).toBe("Te inscribiste en TS")
    expect(buildEmail("customer-password-reset", brand({ locale: "es-MX" }), SAMPLE["customer-password-reset"]).subject).toBe(
      "Restablece tu contraseña de Acme <b>Academy</b>"
    )
    expect(buildEmail("customer-password-reset", brand({ locale: "fr" }), SAMPLE["customer-password-reset"]).subject).toBe(
      "Reset your Acme <b>Academy</b> password"
    )
  })

  it("words each subscription email with its dates, amount and reason", () => {
    const b = brand()
    expect(buildEmail("subscription-started", b, SAMPLE["subscription-started"]).paragraphs[0]).toBe(
      "Ana, your free trial of TS Club at Acme <b>Academy</b> runs until January 17, 2027. Unless you cancel before then, your saved payment method is charged $20.00 on January 17, 2027 and every month after that."
    )
    expect(buildEmail("subscription-started", b, { ...PLAN, trial_ends_on: null, next_charge_on: "February 3, 2027", first_name: null }).subject).toBe(
      "Your subscription to TS Club has started"
    )
    expect(buildEmail("subscription-payment-failed", b, SAMPLE["subscription-payment-failed"]).paragraphs[1]).toContain("We will try again on May 18, 2027")
    expect(buildEmail("subscription-renewal-receipt", b, { ...SAMPLE["subscription-renewal-receipt"], next_charge_on: null }).paragraphs[1]).toBe(
      "That was your last payment: your access stays."
    )
    const ended = (reason: string) => buildEmail("subscription-canceled", b, { ...PLAN, reason }).subject
    expect([ended("payment_failed"), ended("period_end"), ended("merchant")]).toEqual([
      "Your TS Club subscription was canceled",
      "Your TS Club subscription has ended",
      "Your TS Club subscription was canceled",
    ])
    expect(buildEmail("subscription-canceled", b, { ...PLAN, reason: "payment_failed" }).paragraphs[0]).toContain("because its payment failed")
  })

  it("ignores a brand colour that is not a hex colour (no CSS injection)", async () => {
    const mail = await renderEmail(brand({ primary_color: "red;background:url(https://evil.test)" }), buildEmail("customer-welcome", brand(), SAMPLE["customer-welcome"]))
    expect(mail.html).not.toContain("evil.test")
    expect(mail.html).toContain("#111827")
  })
})

describe("built-in email coverage per language (what the org page shows)", () => {
  it("counts customer emails only, English complete, Spanish partial, others none", () => {
    const en = builtInEmailCoverage("en-GB")
    expect(en).toMatchObject({ language: "en", missing: [] })
    expect(en.translated).toBe(en.total)
    const es = builtInEmailCoverage("es-MX")
    expect(es.translated).toBeGreaterThan(0)
    expect(es.translated + es.missing.length).toBe(es.total)
    expect(es.missing).not.toContain("order-receipt")
    expect(es.missing).not.toContain("staff-invitation")
    expect(builtInEmailCoverage("fr")).toMatchObject({ translated: 0, missing: expect.arrayContaining(["order-receipt", "customer-welcome"]) })
  })
})
