import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Ajv2020 from "ajv/dist/2020"
import { execFile } from "node:child_process"
import path from "node:path"
import { createCustomer } from "../../helpers/actors"
import { createRegion, eventually } from "../../helpers/commerce"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"

const wf = require("@volmify/courses/workflows")
const accessWf = require("@volmify/access/workflows")

jest.setTimeout(300_000)

const ROOT = path.resolve(__dirname, "../../..")

function runNode(script: string, env: Record<string, string | undefined>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { cwd: ROOT, env, timeout: 120_000 }, (error: any, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout: String(stdout), stderr: String(stderr) })
    )
  })
}
type Doc = Record<string, any>

/**
 * The OpenAPI documents against the running app: both are served (the admin one to
 * operators and staff only), every documented store route is called and each answer is
 * checked against the document's schema for its status (ajv, JSON Schema 2020-12), and the
 * developer example (docs/examples/storefront.mjs, through @volmify/js-sdk) runs.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture

    beforeAll(async () => {
      f = await createTwoOrgFixture(getContainer(), api, { prefix: "oas" })
    })

    it("serves the store document under any org's key and the admin document to operators and staff only", async () => {
      const store = "/store/volmify/openapi.json"
      expect((await send(api, "get", store, {})).status).toBe(400)
      for (const headers of [f.a.key.headers, f.b.key.headers, f.a.customer.headers]) {
        const res = await send(api, "get", store, headers)
        expect(res.status).toBe(200)
        expect(res.data.openapi).toBe("3.1.0")
        expect(res.data.paths["/store/courses"].get.operationId).toBe("getStoreCourses")
      }
      const admin = "/admin/volmify/openapi.json"
      expect((await send(api, "get", admin, {})).status).toBe(401)
      expect((await send(api, "get", admin, f.a.customer.headers)).status).toBe(401)
      const outsider = await send(api, "get", admin, f.outsider.headers)
      expect(outsider.status).toBe(403)
      expect(outsider.data.message).toMatch(/platform operators and org staff/)
      for (const actor of [f.platform, f.a.staff.owner, f.a.staff.staff, f.b.staff.owner]) {
        const res = await send(api, "get", admin, actor.headers)
        expect(res.status).toBe(200)
        expect(Object.keys(res.data.paths)).toContain("/admin/courses")
        expect(Object.keys(res.data.paths).every((p) => p.startsWith("/admin/"))).toBe(true)
      }
      // The reference page and its viewer files come from this server (no CDN).
      const page = await api.get("/volmify/docs")
      expect(page.headers["content-type"]).toMatch(/text\/html/)
      expect(page.data).toContain("/volmify/docs/swagger-ui-bundle.js")
      expect(page.data).not.toMatch(/https?:\/\//)
      const bundle = await api.get("/volmify/docs/swagger-ui-bundle.js")
      expect(bundle.headers["content-type"]).toMatch(/javascript/)
      expect(String(bundle.data).length).toBeGreaterThan(100_000)
      expect((await api.get("/volmify/docs/admin.json")).data.info.title).toMatch(/admin/i)
      expect((await send(api, "get", "/volmify/docs/package.json", {})).status).toBe(404)
      expect((await send(api, "get", "/volmify/docs/..%2F..%2Fpackage.json", {})).status).toBe(404)
    })

    it("answers every documented store route as its response schemas say", async () => {
      const container = getContainer()
      const doc: Doc = (await api.get("/store/volmify/openapi.json", { headers: f.a.key.headers })).data
      const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
      ajv.addSchema({ $id: "volmify-store", components: doc.components })
      const called = new Set<string>()

      const problems: unknown[] = []
      /** Calls `template` (filled as `url`) and checks status and body against the document. */
      async function check(method: "get" | "post", template: string, url: string, headers: Record<string, string>, status: number, body?: unknown) {
        const res = await send(api, method, url, headers, body)
        called.add(`${method.toUpperCase()} ${template}`)
        if (res.status !== status) {
          problems.push({ route: `${method} ${url}`, expected: status, got: res.status, body: res.data })
        }
        const operation = doc.paths[template]?.[method]
        if (!operation) {
          problems.push({ undocumented: `${method} ${template}` })
          return res
        }
        const answer = operation.responses[String(res.status)]
        if (!answer) {
          problems.push({ template, method, undocumentedStatus: res.status })
          return res
        }
        if (!answer.content) {
          // Documented without a body (204): the answer has none.
          if (res.data !== "" && res.data !== undefined) problems.push({ template, method, status: res.status, unexpectedBody: res.data })
          return res
        }
        const [type, media] = Object.entries<any>(answer.content)[0]
        if (type === "application/json") {
          const schema = JSON.parse(JSON.stringify(media.schema).replace(/"#\/components\//g, '"volmify-store#/components/'))
          const validate = ajv.compile(schema)
          if (!validate(res.data)) problems.push({ template, method, status: res.status, errors: validate.errors, body: res.data })
        }
        return res
      }

      // A course of org A: an open lesson, a tier-2 lesson, a drip lesson, a quiz, an assignment.
      const L = {
        open: await createLesson(container, f.a.org.id, { title: "Open", body: "Hello" }),
        premium: await createLesson(container, f.a.org.id, { title: "Premium" }),
        later: await createLesson(container, f.a.org.id, { title: "Later" }),
        quiz: await createLesson(container, f.a.org.id, { title: "Quiz", type: "quiz" }),
        homework: await createLesson(container, f.a.org.id, { title: "Homework", type: "assignment" }),
      }
      const { course, product } = await createCourseWithOutline(container, f.a.org, {
        handle: "oas-course",
        outline: [
          {
            title: "M",
            sections: [
              {
                title: "S",
                lessons: [
                  { lesson_id: L.open.id },
                  { lesson_id: L.premium.id, required_tier: 2 },
                  { lesson_id: L.later.id, drip_days: 30 },
                  { lesson_id: L.quiz.id },
                  { lesson_id: L.homework.id },
                ],
              },
            ],
          },
        ],
      })
      await wf.saveLessonQuizWorkflow(container).run({
        input: { lesson_id: L.quiz.id, questions: [{ id: "q1", type: "true_false", prompt: "Yes?", points: 1, correct_option_ids: ["true"] }] },
      })
      // A one-lesson course with certificates, which the customer completes.
      const single = await createLesson(container, f.a.org.id, { title: "Only" })
      const certified = await createCourseWithOutline(container, f.a.org, {
        handle: "oas-certified",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: single.id }] }] }],
      })
      await wf.updateCourseWorkflow(container).run({ input: { id: certified.course.id, certificates_enabled: true } })
      const p = await placementsByTitle(container, course.id)
      const only = (await placementsByTitle(container, certified.course.id)).Only
      const grant = (productId: string) =>
        accessWf.grantEntitlementWorkflow(container).run({
          input: { customer_id: f.a.customer.customer.id, product_id: productId, tier: 1, reason: "test", granted_by: "test" },
        })
      await grant(product.id)
      await grant(certified.product.id)
      await eventually(() => courseService(container).listEnrollments({ customer_id: f.a.customer.customer.id, course_id: certified.course.id }))
      const region = await createRegion(container, "usd")

      const key = f.a.key.headers
      const me = f.a.customer.headers
      const lesson = (id: string) => `/store/courses/${course.handle}/lessons/${id}`
      const T = "/store/courses/{id_or_handle}/lessons/{placement_id}"

      // Org, membership, email preferences.
      await check("get", "/store/org", "/store/org", key, 200)
      await check("get", "/store/orgs/resolve", "/store/orgs/resolve?host=nowhere.example.com", key, 404)
      await check("get", "/store/org/membership", "/store/org/membership", me, 200)
      const joiner = await createCustomer(api, f.b.key)
      await check("post", "/store/org/membership", "/store/org/membership", { ...key, authorization: joiner.headers.authorization }, 201, {})
      // Lead-magnet opt-in: the same 202 for any published lead magnet of the key's org; a bad confirmation token is a 400.
      await check("post", "/store/marketing-opt-ins", "/store/marketing-opt-ins", key, 400, { email: "reader@example.com", course_id: course.id })
      await check("post", "/store/marketing-opt-ins/confirm", "/store/marketing-opt-ins/confirm", key, 400, { token: "not-a-token" })
      await check("get", "/store/email-preferences", "/store/email-preferences", me, 200)
      await check("post", "/store/email-preferences", "/store/email-preferences", me, 200, { marketing: false })
      await check("post", "/store/email-preferences", "/store/email-preferences", me, 400, { marketing: "nope" })

      // Catalog and the lesson gate, anonymous and logged in.
      await check("get", "/store/courses", "/store/courses?limit=10", key, 200)
      await check("get", "/store/courses", "/store/courses?limit=1000", key, 400)
      await check("get", "/store/courses/{id_or_handle}", `/store/courses/${course.handle}`, key, 200)
      await check("get", "/store/courses/{id_or_handle}", `/store/courses/${course.handle}`, me, 200)
      await check("get", "/store/courses/{id_or_handle}", "/store/courses/no-such-course", key, 404)
      await check("get", T, lesson(p.Open), key, 401)
      await check("get", T, lesson(p.Open), me, 200)
      const tier = await check("get", T, lesson(p.Premium), me, 403)
      expect(tier.data).toMatchObject({ code: "tier_required", required_tier: 2, current_tier: 1 })
      const drip = await check("get", T, lesson(p.Later), me, 403)
      expect(drip.data.code).toBe("drip_locked")
      await check("post", `${T}/progress`, `${lesson(p.Open)}/progress`, me, 200, { status: "completed" })
      await check("post", `${T}/progress`, `${lesson(p.Open)}/progress`, me, 400, { status: "done" })
      await check("post", "/store/courses/{id_or_handle}/free-enrollment", `/store/courses/${course.handle}/free-enrollment`, me, 400, {
        region_id: region.id,
      })

      // Quiz and assignment.
      await check("get", `${T}/quiz`, `${lesson(p.Quiz)}/quiz`, me, 200)
      const attempt = await check("post", `${T}/quiz/attempts`, `${lesson(p.Quiz)}/quiz/attempts`, me, 201)
      const a = `${lesson(p.Quiz)}/quiz/attempts/${attempt.data.attempt.id}`
      await check("get", `${T}/quiz/attempts/{attempt_id}`, a, me, 200)
      await check("post", `${T}/quiz/attempts/{attempt_id}/submit`, `${a}/submit`, me, 200, { answers: [{ question_id: "q1", option_ids: ["true"] }] })
      await check("get", `${T}/assignment`, `${lesson(p.Homework)}/assignment`, me, 200)
      await check("post", `${T}/assignment/submissions`, `${lesson(p.Homework)}/assignment/submissions`, me, 201, { text: "Done" })

      // Enrollments and certificates (the one-lesson course completed).
      await check("get", "/store/customers/me/enrollments", "/store/customers/me/enrollments", me, 200)
      await check("post", `${T}/progress`, `/store/courses/${certified.course.handle}/lessons/${only}/progress`, me, 200, { status: "completed" })
      const [enrolled] = await courseService(container).listEnrollments({ customer_id: f.a.customer.customer.id, course_id: certified.course.id })
      expect({ status: enrolled.status, problems }).toEqual({ status: "completed", problems: [] })
      // The subscriber issues it too; the workflow is idempotent (one certificate per enrollment).
      await wf.issueCertificateWorkflow(container).run({ input: { enrollment_id: enrolled.id } })
      const [certificate] = await courseService(container).listCertificates({ enrollment_id: enrolled.id })
      expect(certificate?.code).toEqual(expect.any(String))
      await check("get", "/store/customers/me/certificates", "/store/customers/me/certificates", me, 200)
      await check("get", "/store/certificates/verify/{code}", `/store/certificates/verify/${certificate.code}`, key, 200)
      await check("get", "/store/certificates/verify/{code}", "/store/certificates/verify/NOPE-NOPE", key, 404)
      const pdf = await check("get", "/store/customers/me/certificates/{id}/pdf", `/store/customers/me/certificates/${certificate.id}/pdf`, me, 200)
      expect(String(pdf.data).startsWith("%PDF")).toBe(true)

      // Access: entitlements, upgrade quote and credit, guest claims.
      await check("get", "/store/customers/me/subscriptions", "/store/customers/me/subscriptions", me, 200)
      await check("post", "/store/customers/me/subscriptions/{id}/cancel", "/store/customers/me/subscriptions/sub_missing/cancel", me, 404, {})
      await check("post", "/store/customers/me/subscriptions/{id}/resume", "/store/customers/me/subscriptions/sub_missing/resume", me, 404, {})
      await check("get", "/store/customers/me/subscriptions/{id}/switch", "/store/customers/me/subscriptions/sub_missing/switch?variant_id=variant_missing", me, 404)
      await check("post", "/store/customers/me/subscriptions/{id}/switch", "/store/customers/me/subscriptions/sub_missing/switch", me, 404, { variant_id: "variant_missing" })
      await check("post", "/store/customers/me/payment-methods", "/store/customers/me/payment-methods", me, 400, { provider_id: "pp_system_default", payment_method: "pm_x" })
      await check("post", "/store/customers/me/subscriptions/{id}/payment-method", "/store/customers/me/subscriptions/sub_missing/payment-method", me, 404, { provider_id: "pp_system_default" })
      await check("get", "/store/customers/me/entitlements", "/store/customers/me/entitlements", me, 200)
      const premium = product.variants.find((v) => v.tier === 2)!
      await check("get", "/store/customers/me/upgrade-quote", `/store/customers/me/upgrade-quote?variant_id=${premium.id}&region_id=${region.id}`, me, 200)
      await check("get", "/store/customers/me/upgrade-quote", "/store/customers/me/upgrade-quote", me, 400)
      const { data: cartBody } = await api.post("/store/carts", { region_id: region.id }, { headers: me })
      const cartId = cartBody.cart.id
      await check("post", "/store/carts/{id}/upgrade-credit", `/store/carts/${cartId}/upgrade-credit`, me, 400, { variant_id: premium.id })
      await check("post", "/store/carts/{id}/subscription-trial", `/store/carts/${cartId}/subscription-trial`, me, 200, {})
      await check("post", "/store/customers/me/guest-claims", "/store/customers/me/guest-claims", me, 400, {})
      await check("post", "/store/customers/me/guest-claims/email", "/store/customers/me/guest-claims/email", me, 202, {})
      await check("post", "/store/customers/me/guest-claims/confirm", "/store/customers/me/guest-claims/confirm", me, 400, { token: "not-a-token" })

      // Affiliates: the program switched on by the org's owner.
      expect((await send(api, "post", "/admin/affiliate-program", f.a.staff.owner.headers, { enabled: true })).status).toBe(200)
      await check("get", "/store/affiliates/me", "/store/affiliates/me", me, 200)
      const applied = await check("post", "/store/affiliates", "/store/affiliates", me, 201, {})
      await check("get", "/store/affiliates/me", "/store/affiliates/me", me, 200)
      const click = await check("post", "/store/affiliates/clicks", "/store/affiliates/clicks", key, 201, { code: applied.data.affiliate.code })
      const other = await createCustomer(api, f.a.key)
      const { data: otherCart } = await api.post("/store/carts", { region_id: region.id }, { headers: other.headers })
      await check("post", "/store/carts/{id}/referral", `/store/carts/${otherCart.cart.id}/referral`, other.headers, 200, {
        code: applied.data.affiliate.code,
        click_id: click.data.click.id,
      })

      // Pages: a published page of the org, and no home page yet.
      const salesPage = await send(api, "post", "/admin/pages", f.a.staff.owner.headers, { title: "Launch", slug: "launch", blocks: [{ type: "hero", heading: "Hi" }] })
      expect(salesPage.status).toBe(201)
      expect((await send(api, "post", `/admin/pages/${salesPage.data.page.id}/publish`, f.a.staff.owner.headers, {})).status).toBe(200)
      await check("get", "/store/pages/{slug}", "/store/pages/launch", key, 200)
      await check("get", "/store/pages/{slug}", "/store/pages/missing", key, 404)
      await check("get", "/store/home-page", "/store/home-page", key, 404)
      await check("get", "/store/pages", "/store/pages", key, 200)

      // Analytics: the page-view beacon counts a published course or page of the key's org.
      await check("post", "/store/analytics/page-views", "/store/analytics/page-views", key, 204, { course_id: course.id })
      await check("post", "/store/analytics/page-views", "/store/analytics/page-views", key, 204, { page_slug: "launch" })
      await check("post", "/store/analytics/page-views", "/store/analytics/page-views", key, 404, { page_slug: "missing" })
      await check("post", "/store/analytics/page-views", "/store/analytics/page-views", key, 400, { course_id: course.id, page_slug: "launch" })

      // Public links: signed media without a signature, invitation and unsubscribe pages.
      await check("get", "/course-media/lessons/{id}/video", `/course-media/lessons/${L.open.id}/video`, {}, 403)
      await check("get", "/course-media/lessons/{id}/attachments/{file_id}", `/course-media/lessons/${L.open.id}/attachments/nope`, {}, 403)
      await check("get", "/org-invite", "/org-invite", {}, 200)
      // An unsubscribe link without its signed token is a page saying so (404).
      await check("get", "/ready", "/ready", {}, 200)
      await check("get", "/email/unsubscribe", "/email/unsubscribe", {}, 404)
      await check("post", "/email/unsubscribe", "/email/unsubscribe", {}, 404, {})

      expect(problems).toEqual([])
      const documented = Object.entries<any>(doc.paths).flatMap(([route, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${route}`))
      expect(documented.filter((op) => !called.has(op)).sort()).toEqual([])
    })

    it("answers a representative set of admin routes as the admin document's response schemas say", async () => {
      const container = getContainer()
      const doc: Doc = (await api.get("/admin/volmify/openapi.json", { headers: f.a.staff.owner.headers })).data
      const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
      ajv.addSchema({ $id: "volmify-admin", components: doc.components })
      const problems: unknown[] = []
      let checked = 0
      async function check(method: "get" | "post" | "delete", template: string, url: string, headers: Record<string, string>, status: number, body?: unknown) {
        const res = await send(api, method, url, headers, body)
        if (res.status !== status) problems.push({ route: `${method} ${url}`, expected: status, got: res.status, body: res.data })
        const answer = doc.paths[template]?.[method]?.responses[String(res.status)]
        if (!answer) {
          problems.push({ template, method, undocumentedStatus: res.status })
          return res
        }
        const media = answer.content["application/json"]
        expect(media?.schema).toBeDefined()
        // A success answer names its own schema, not the placeholder "any object".
        if (res.status < 300) expect({ template, method, ref: media.schema.$ref }).toEqual({ template, method, ref: expect.stringMatching(/^#\/components\/schemas\/Admin/) })
        const validate = ajv.compile(JSON.parse(JSON.stringify(media.schema).replace(/"#\/components\//g, '"volmify-admin#/components/')))
        if (!validate(res.data)) problems.push({ template, method, status: res.status, errors: validate.errors, body: res.data })
        checked++
        return res
      }
      const owner = f.a.staff.owner.headers
      const orgId = f.a.org.id
      const O = "/admin/orgs/{id}"
      await check("get", "/admin/orgs", "/admin/orgs", f.platform.headers, 200)
      await check("get", O, `/admin/orgs/${orgId}`, owner, 200)
      await check("get", O, `/admin/orgs/${f.b.org.id}`, owner, 404)
      for (const sub of ["employees", "members", "invitations", "domains", "webhooks", "automations", "email-suppressions"]) {
        await check("get", `${O}/${sub}`, `/admin/orgs/${orgId}/${sub}`, owner, 200)
      }
      await check("post", `${O}/activate`, `/admin/orgs/${orgId}/activate`, owner, 200, {})

      const lesson = await check("post", "/admin/lessons", "/admin/lessons", owner, 201, { title: "Schema lesson", type: "text", body: "Hi" })
      const lessonId = lesson.data.lesson.id
      await check("get", "/admin/lessons", "/admin/lessons?limit=5", owner, 200)
      await check("get", "/admin/lessons/{id}", `/admin/lessons/${lessonId}`, owner, 200)
      await check("get", "/admin/lessons/{id}/quiz", `/admin/lessons/${lessonId}/quiz`, owner, 200)
      await check("post", "/admin/lessons/{id}", `/admin/lessons/${lessonId}`, owner, 200, { title: "Renamed lesson" })
      await check("post", "/admin/lessons/{id}", `/admin/lessons/${lessonId}`, owner, 400, { title: 42 })
      await check("post", "/admin/lessons/{id}", `/admin/lessons/${lessonId}`, f.b.staff.owner.headers, 404, { title: "Theirs" })
      await check("delete", "/admin/lessons/{id}", `/admin/lessons/${lessonId}`, owner, 200)

      const inner = await createLesson(container, f.a.org.id, { title: "Inner" })
      const { course, product } = await createCourseWithOutline(container, f.a.org, {
        handle: "oas-admin-course",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: inner.id }] }] }],
      })
      await check("get", "/admin/courses", "/admin/courses", owner, 200)
      await check("get", "/admin/courses/{id}", `/admin/courses/${course.id}`, owner, 200)
      await check("get", "/admin/courses/{id}/outline", `/admin/courses/${course.id}/outline`, owner, 200)
      await check("get", "/admin/courses/{id}/students", `/admin/courses/${course.id}/students`, owner, 200)
      await check("get", "/admin/products/{id}/access-plans", `/admin/products/${product.id}/access-plans`, owner, 200)
      await check("get", "/admin/products/{id}/attribution-rules", `/admin/products/${product.id}/attribution-rules`, owner, 200)
      await check("get", "/admin/customers/{id}/entitlements", `/admin/customers/${f.a.customer.customer.id}/entitlements`, owner, 200)
      await check("get", "/admin/customers/{id}/enrollments", `/admin/customers/${f.a.customer.customer.id}/enrollments`, owner, 200)
      for (const url of ["/admin/certificates", "/admin/certificate-settings", "/admin/assignment-submissions", "/admin/instructors", "/admin/subscriptions", "/admin/affiliates", "/admin/affiliate-program", "/admin/affiliate-commissions", "/admin/affiliate-payouts", "/admin/earnings/summary", "/admin/earnings/products", "/admin/earnings/statements"]) {
        await check("get", url, url, owner, 200)
      }
      await check("get", "/admin/reconciliation", "/admin/reconciliation?month=2026-01", owner, 200)
      expect(problems).toEqual([])
      expect(checked).toBeGreaterThan(35)
    })

    it("runs the developer example against the app", async () => {
      const container = getContainer()
      const lessonA = await createLesson(container, f.a.org.id, { title: "Welcome", body: "Hi" })
      const lessonB = await createLesson(container, f.a.org.id, { title: "Deep dive" })
      await createCourseWithOutline(container, f.a.org, {
        handle: "example-course",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lessonA.id }, { lesson_id: lessonB.id, required_tier: 3 }] }] }],
      })
      // Not spawnSync: the app answering the script runs in this process.
      const run = await runNode(path.join(ROOT, "docs/examples/storefront.mjs"), {
          ...process.env,
          MEDUSA_BACKEND_URL: (api as any).defaults.baseURL,
          MEDUSA_PUBLISHABLE_KEY: f.a.key.token,
          CUSTOMER_EMAIL: f.a.customer.customer.email,
          CUSTOMER_PASSWORD: "test-password-1",
      })
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" })
      expect(run.stdout).toContain(`Org: ${f.a.org.name}`)
      expect(run.stdout).toContain("example-course")
      expect(run.stdout).toMatch(/Deep dive: locked \(tier_required: needs tier 3, you have 0\)/)
    })
  },
})
