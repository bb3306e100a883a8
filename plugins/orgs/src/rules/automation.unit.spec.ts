import {
  applyMergeFields,
  bodyParagraphs,
  deriveUnsubscribeKey,
  emailInLocale,
  fillTokens,
  missingEmailTranslations,
  translationLocaleProblems,
  mergeToken,
  isPermanentRejection,
  planRun,
  signUnsubscribeToken,
  stepProblems,
  verifyUnsubscribeToken,
  type AutomationStep,
  type EmailStep,
} from "./automation"

const steps: AutomationStep[] = [
  { type: "email", subject: "Welcome {{first_name}}", body: "Hi" },
  { type: "wait", days: 2 },
  { type: "email", subject: "A tip", body: "Open {{course_link}}" },
]

describe("automation rules", () => {
  it("plans the emails up to the next wait, then the time the run is due again", () => {
    const now = new Date("2026-01-01T00:00:00Z")
    expect(planRun(steps, 0, now)).toEqual([
      { kind: "send", step: 0, email: steps[0] },
      { kind: "wait", next_step: 2, due_at: new Date("2026-01-03T00:00:00Z") },
    ])
    expect(planRun(steps, 2, now)).toEqual([{ kind: "send", step: 2, email: steps[2] }, { kind: "complete" }])
    expect(planRun(steps, 3, now)).toEqual([{ kind: "complete" }])
  })

  it("refuses unknown merge fields, empty waits and sequences without an email", () => {
    expect(stepProblems(steps)).toEqual([])
    expect(stepProblems([{ type: "wait", hours: 0 }])).toEqual([
      "A sequence needs at least one email step",
      "Step 1 (wait) must wait at least one hour",
    ])
    expect(stepProblems([{ type: "email", subject: "{{password}}", body: "" }])[0]).toMatch(/unknown merge field \{\{password\}\}/)
  })

  it("fills merge fields as text, never as markup or extra header lines", () => {
    expect(applyMergeFields("Hi {{ first_name }}, see {{course_link}}", { first_name: "<b>Ann</b>", course_link: "https://x/c" })).toBe(
      "Hi <b>Ann</b>, see https://x/c"
    )
    expect(applyMergeFields("Hi {{first_name}}", {})).toBe("Hi there")
    expect(applyMergeFields("{{first_name}}", { first_name: "a\r\nBcc: evil@x" })).toBe("a Bcc: evil@x")
    expect(bodyParagraphs("One\nline\n\n  Two  \n\n\n")).toEqual(["One line", "Two"])
  })

  it("signs unsubscribe tokens per org and address; altered ones are refused", () => {
    const key = deriveUnsubscribeKey("secret")
    const token = signUnsubscribeToken(key, "org_1", "Ann@Example.com")
    expect(verifyUnsubscribeToken(key, token)).toEqual({ org_id: "org_1", email: "ann@example.com" })
    expect(verifyUnsubscribeToken(key, token.replace("org_1", "org_2"))).toBeNull()
    expect(verifyUnsubscribeToken(deriveUnsubscribeKey("other"), token)).toBeNull()
    expect(verifyUnsubscribeToken(key, "v1.org_1.x.y")).toBeNull()
    expect(verifyUnsubscribeToken(key, 42)).toBeNull()
  })

  it("tells a permanent SMTP refusal (a bounce) from a passing failure", () => {
    expect(isPermanentRejection("Can't send mail - all recipients were rejected: 550 5.1.1 Mailbox does not exist")).toBe(true)
    expect(isPermanentRejection("Failed to send notification with id noti_1:\n553 5.1.3 bad address")).toBe(true)
    expect(isPermanentRejection("421 4.7.0 Try again later")).toBe(false)
    expect(isPermanentRejection("connect ECONNREFUSED 127.0.0.1:25")).toBe(false)
  })

  it("fills a once-rendered template per recipient, escaped in HTML, raw in text", () => {
    const html = `<p>Hi ${mergeToken("first_name")}, see ${mergeToken("course_link")}</p><p>VMFTOKENUNSUBSCRIBEVMF</p>`
    const values = { first_name: "<b>Ann</b> & co", course_link: "https://x/c?a=1&b=2" }
    expect(fillTokens(html, values, "https://x/u?t=1", true)).toBe(
      "<p>Hi &lt;b&gt;Ann&lt;/b&gt; &amp; co, see https://x/c?a=1&amp;b=2</p><p>https://x/u?t=1</p>"
    )
    expect(fillTokens(`Hi ${mergeToken("first_name")}`, {}, "", false)).toBe("Hi there")
    expect(fillTokens(`Hi ${mergeToken("first_name")}`, { first_name: "<b>" }, "", false)).toBe("Hi <b>")
  })
})

describe("email step translations (issue 26)", () => {
  const steps: AutomationStep[] = [
    { type: "email", subject: "Hi {{first_name}}", body: "Welcome", translations: { es: { subject: "Hola {{first_name}}", body: "Bienvenida" } } },
    { type: "wait", days: 1 },
    { type: "email", subject: "Tip", body: "Open a lesson" },
  ]

  it("gives each locale its words, and the default text where a step has no translation", () => {
    const [first, , second] = steps as [EmailStep, AutomationStep, EmailStep]
    expect(emailInLocale(first, "es")).toEqual({ subject: "Hola {{first_name}}", body: "Bienvenida" })
    expect(emailInLocale(first, "en")).toEqual({ subject: "Hi {{first_name}}", body: "Welcome" })
    expect(emailInLocale(second, "es")).toEqual({ subject: "Tip", body: "Open a lesson" })
  })

  it("lists the email steps missing per locale (1-based, waits skipped)", () => {
    expect(missingEmailTranslations(steps, ["es", "fr"])).toEqual({ es: [3], fr: [1, 3] })
    expect(missingEmailTranslations(steps, [])).toEqual({})
  })

  it("refuses translations in the default locale or one the org has not enabled, naming step and locale", () => {
    const org = { default_locale: "en", locales: ["en", "es"] }
    expect(translationLocaleProblems(steps, org)).toEqual([])
    const bad: AutomationStep[] = [
      { type: "email", subject: "a", body: "b", translations: { en: { subject: "c", body: "d" }, de: { subject: "e", body: "f" } } },
    ]
    expect(translationLocaleProblems(bad, org)).toEqual([
      `Step 1 (email): "en" is the school's default locale; its words are the step's subject and body`,
      `Step 1 (email): locale "de" is not enabled for this school (enabled: en, es)`,
    ])
  })

  it("checks merge fields in translations too", () => {
    const withBadField: AutomationStep[] = [{ type: "email", subject: "a", body: "b", translations: { es: { subject: "{{nombre}}", body: "x" } } }]
    expect(stepProblems(withBadField)[0]).toMatch(/^Step 1 \(email, es\) uses an unknown merge field \{\{nombre\}\}/)
  })
})
