import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createCustomer, CustomerActor } from "../../helpers/actors"
import { eventually } from "../../helpers/commerce"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

import * as wf from "@volmify/courses/workflows"
import * as accessWf from "@volmify/access/workflows"

jest.setTimeout(300_000)

const QUIZ = {
  passing_score: 50,
  required: false,
  show_explanations: false,
  questions: [{ id: "q1", type: "true_false", prompt: "Ready?", points: 1, correct_option_ids: ["true"] }],
}

/**
 * Issue 22 item 11: a course's students (tier, progress, last activity, quiz results,
 * certificate) with filters, pages and a CSV export, and issued certificates with revoke.
 * Fixture (restored before every case): course "Roster" of org A with lessons Read (tier 1),
 * Quiz (tier 1) and Deep (tier 2); Ada (tier 1) finished it and holds a certificate; Zed
 * (tier 2, a name with a comma, quotes and a formula) read one lesson and failed the optional quiz twice;
 * Noor (tier 1) did nothing. Org B's customer studies B's own course.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let course: any
    let courseB: any
    let ada: CustomerActor
    let zed: CustomerActor
    let noor: CustomerActor
    let certificate: any

    const students = (query = "", headers = f.a.staff.staff.headers) => send(api, "get", `/admin/courses/${course.id}/students${query}`, headers)
    const csv = (query = "", headers: Record<string, string> = f.a.staff.staff.headers) =>
      api
        .get(`/admin/courses/${course.id}/students/export${query}`, { headers, validateStatus: () => true, responseType: "arraybuffer" })
        // Decoded by hand: axios would strip the byte-order mark the test checks.
        .then((res: any) => ({ ...res, data: new TextDecoder("utf-8", { ignoreBOM: true }).decode(res.data) }))
    const emails = (res: { data: any }) => res.data.students.map((s: any) => s.email)

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "roster" })
      const read = await createLesson(container, f.a.org.id, { title: "Read" })
      const quiz = await createLesson(container, f.a.org.id, { title: "Quiz", type: "quiz" })
      const deep = await createLesson(container, f.a.org.id, { title: "Deep" })
      await wf.saveLessonQuizWorkflow(container).run({ input: { lesson_id: quiz.id, ...QUIZ } })
      let product: any
      ;({ course, product } = await createCourseWithOutline(container, f.a.org, {
        handle: "roster",
        outline: [
          {
            title: "M",
            sections: [{ title: "S", lessons: [{ lesson_id: read.id }, { lesson_id: quiz.id }, { lesson_id: deep.id, required_tier: 2 }] }],
          },
        ],
      }))
      await wf.updateCourseWorkflow(container).run({ input: { id: course.id, certificates_enabled: true } })
      const p = await placementsByTitle(container, course.id)

      ada = f.a.customer
      zed = await createCustomer(api, f.a.key, { email: `zed.${Date.now()}@roster.test` })
      noor = await createCustomer(api, f.a.key, { email: `noor.${Date.now()}@roster.test` })
      await container.resolve(Modules.CUSTOMER).updateCustomers(ada.customer.id, { first_name: "Ada", last_name: "Lovelace" })
      await container.resolve(Modules.CUSTOMER).updateCustomers(zed.customer.id, { first_name: '=SUM(1) Zed, "Z"', last_name: "Zimmer" })
      const grant = (customerId: string, productId: string, tier: number) =>
        accessWf.grantEntitlementWorkflow(container).run({ input: { customer_id: customerId, product_id: productId, tier, reason: "test", granted_by: "test" } })
      await grant(ada.customer.id, product.id, 1)
      await grant(zed.customer.id, product.id, 2)
      await grant(noor.customer.id, product.id, 1)
      for (const who of [ada, zed, noor]) {
        await eventually(() => courseService(container).listEnrollments({ customer_id: who.customer.id, course_id: course.id }))
      }
      const lessons = `/store/courses/${course.id}/lessons`
      const takeQuiz = async (who: CustomerActor, answer: string) => {
        const attempt = await send(api, "post", `${lessons}/${p.Quiz}/quiz/attempts`, who.headers)
        const graded = await send(api, "post", `${lessons}/${p.Quiz}/quiz/attempts/${attempt.data.attempt.id}/submit`, who.headers, {
          answers: [{ question_id: "q1", option_ids: [answer] }],
        })
        expect(graded.status).toBe(200)
      }
      // Ada: both tier-1 lessons, the quiz passed (100 %), so the course completes.
      expect((await send(api, "post", `${lessons}/${p.Read}/progress`, ada.headers, { status: "completed" })).status).toBe(200)
      await takeQuiz(ada, "true")
      // Zed: one of three lessons, the quiz failed twice.
      expect((await send(api, "post", `${lessons}/${p.Read}/progress`, zed.headers, { status: "completed" })).status).toBe(200)
      await takeQuiz(zed, "false")
      await takeQuiz(zed, "false")
      ;[certificate] = await eventually(() => courseService(container).listCertificates({ customer_id: ada.customer.id, course_id: course.id }))
      expect(certificate).toBeTruthy()

      // Org B: its own course and student, which must never show in A's lists.
      const other = await createLesson(container, f.b.org.id, { title: "Other" })
      const made = await createCourseWithOutline(container, f.b.org, {
        handle: "roster-b",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: other.id }] }] }],
      })
      courseB = made.course
      await grant(f.b.customer.customer.id, made.product.id, 1)
      await eventually(() => courseService(container).listEnrollments({ customer_id: f.b.customer.customer.id, course_id: courseB.id }))
    })

    it("GET /admin/courses/:id/students: actor matrix; another org's course is a 404 either way", async () => {
      const matrix: [string, Record<string, string>, number][] = [
        ["anonymous", {}, 401],
        ["customer of A", { authorization: ada.headers.authorization }, 401],
        ["customer of B", { authorization: f.b.customer.headers.authorization }, 401],
        ["admin user of no org", f.outsider.headers, 403],
        ["staff of A (read-only role)", f.a.staff.staff.headers, 200],
        ["owner of A", f.a.staff.owner.headers, 200],
        ["owner of B", f.b.staff.owner.headers, 404],
        ["staff of B", f.b.staff.staff.headers, 404],
        ["platform operator", f.platform.headers, 200],
      ]
      const seen = []
      for (const [who, headers, want] of matrix) {
        const res = await students("", headers)
        seen.push([who, res.status === want ? "ok" : `${res.status} ${JSON.stringify(res.data).slice(0, 200)}`])
        const exported = await csv("", headers)
        seen.push([`${who} (csv)`, exported.status === want ? "ok" : `${exported.status}`])
      }
      expect(seen.filter(([, r]) => r !== "ok")).toEqual([])
      // B's staff reach their own course, and never A's by id.
      const own = await send(api, "get", `/admin/courses/${courseB.id}/students`, f.b.staff.staff.headers)
      expect([own.status, emails(own)]).toEqual([200, [f.b.customer.customer.email]])
      const crossed = await send(api, "get", `/admin/courses/${courseB.id}/students`, f.a.staff.owner.headers)
      expect(crossed.status).toBe(404)
      expect(JSON.stringify(crossed.data)).not.toContain(f.b.customer.customer.email)
    })

    it("each student's tier, progress, last activity, quiz results and certificate", async () => {
      const res = await students()
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ count: 3, limit: 20, offset: 0 })
      const by = Object.fromEntries(res.data.students.map((s: any) => [s.email, s]))
      expect(Object.keys(by).sort()).toEqual([ada.customer.email, noor.customer.email, zed.customer.email].sort())
      expect(by[ada.customer.email]).toMatchObject({
        name: "Ada Lovelace",
        tier: 1,
        lessons_open: 2,
        lessons_completed: 2,
        progress_percent: 100,
        completed_at: expect.any(String),
        quizzes_total: 1,
        quizzes_passed: 1,
        quizzes: [{ title: "Quiz", attempts: 1, best_score_percent: 100, passed: true }],
        certificate: { id: certificate.id, code: certificate.code, revoked_at: null },
      })
      expect(by[zed.customer.email]).toMatchObject({
        tier: 2,
        lessons_open: 3,
        // An optional quiz counts as done on any graded submission (README), passed or not.
        lessons_completed: 2,
        progress_percent: 66,
        completed_at: null,
        quizzes_passed: 0,
        quizzes: [{ title: "Quiz", attempts: 2, best_score_percent: 0, passed: false }],
        certificate: null,
      })
      expect(by[noor.customer.email]).toMatchObject({ tier: 1, progress_percent: 0, quizzes: [], certificate: null })
      // Last activity: the enrollment for Noor, the latest quiz submission for Zed.
      const noorRow = by[noor.customer.email]
      expect(noorRow.last_activity_at).toBe(noorRow.enrolled_at)
      const [latest] = await courseService(getContainer()).listQuizAttempts(
        { enrollment_id: by[zed.customer.email].enrollment_id },
        { order: { submitted_at: "DESC" }, take: 1 }
      )
      expect(new Date(by[zed.customer.email].last_activity_at).getTime()).toBeGreaterThanOrEqual(new Date(latest.submitted_at).getTime())
    })

    it("filters (tier, completed, search by email or name), pages, and 400 naming a bad filter", async () => {
      expect(emails(await students("?tier=2"))).toEqual([zed.customer.email])
      expect((await students("?tier=3")).data).toMatchObject({ students: [], count: 0 })
      expect(emails(await students("?completed=true"))).toEqual([ada.customer.email])
      expect(emails(await students("?completed=false")).sort()).toEqual([noor.customer.email, zed.customer.email].sort())
      expect(emails(await students(`?q=${encodeURIComponent(noor.customer.email.slice(0, 8).toUpperCase())}`))).toEqual([noor.customer.email])
      expect(emails(await students("?q=lovelace"))).toEqual([ada.customer.email])
      expect(emails(await students("?q=ada%20love&completed=false"))).toEqual([])

      const all = emails(await students())
      const page2 = await students("?limit=1&offset=1")
      expect(page2.data).toMatchObject({ count: 3, limit: 1, offset: 1 })
      expect(emails(page2)).toEqual([all[1]])

      const bad: [string, RegExp][] = [
        ["?tier=-1", /tier/],
        ["?tier=two", /tier/],
        ["?completed=maybe", /completed/],
        ["?limit=1000", /limit/],
        ["?fields=customer.orders", /fields/],
      ]
      for (const [query, message] of bad) {
        const res = await students(query)
        expect([query, res.status, String(res.data.message)]).toEqual([query, 400, expect.stringMatching(message)])
        expect((await csv(query)).status).toBe(400)
      }
    })

    it("CSV export: a streamed attachment with the same filters, escaped cells, the org's students only", async () => {
      const res = await csv()
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="students-roster-\d{4}-\d{2}-\d{2}\.csv"$/)
      const text: string = res.data
      expect(text.startsWith("\uFEFF")).toBe(true)
      const lines = text.slice(1).split("\r\n")
      expect(lines.pop()).toBe("")
      expect(lines[0]).toBe(
        "email,name,tier,status,progress_percent,lessons_completed,lessons_open,enrolled_at,completed_at,last_activity_at,quizzes_passed,quizzes_total,quiz_results,certificate_code,certificate_status"
      )
      expect(lines).toHaveLength(4)
      const line = (email: string) => lines.find((l) => l.startsWith(email))!
      // The formula is neutralised with a quote, the comma and the quotes escaped.
      expect(line(zed.customer.email)).toMatch(
        new RegExp(`^${zed.customer.email.replace(/\./g, "\\.")},"'=SUM\\(1\\) Zed, ""Z"" Zimmer",2,in progress,66,2,3,`)
      )
      expect(line(zed.customer.email)).toMatch(/,0,1,Quiz: best 0% \(2 attempts\),,$/)
      expect(line(ada.customer.email)).toMatch(new RegExp(`,Ada Lovelace,1,completed,100,2,2,.*,1,1,Quiz: best 100% passed \\(1 attempts\\),${certificate.code},issued$`))
      expect(text).not.toContain(f.b.customer.customer.email)

      const filtered = await csv("?tier=2")
      const rows = filtered.data.slice(1).split("\r\n").filter(Boolean)
      expect(rows).toHaveLength(2)
      expect(rows[1].startsWith(zed.customer.email)).toBe(true)
      const none = await csv("?q=nobody-has-this")
      expect(none.data.slice(1).split("\r\n").filter(Boolean)).toHaveLength(1)
    })

    it("issued certificates: listed per org and course; revoke (catalog roles) stops it verifying and leaves the student's list", async () => {
      const list = (query = "", headers = f.a.staff.staff.headers) => send(api, "get", `/admin/certificates${query}`, headers)
      const own = await list(`?course_id=${course.id}`)
      expect(own.status).toBe(200)
      expect(own.data).toMatchObject({ count: 1, certificates: [{ id: certificate.id, code: certificate.code, student_name: "Ada Lovelace", revoked_at: null }] })
      expect((await list(`?q=${certificate.code.slice(5, 9).toLowerCase()}`)).data.count).toBe(1)
      expect((await list("?q=lovelace")).data.count).toBe(1)
      expect((await list("?status=revoked")).data.count).toBe(0)
      // B sees none of A's, even naming A's course; no login 401; no org 403.
      const fromB = await list(`?course_id=${course.id}`, f.b.staff.owner.headers)
      expect(fromB.data).toMatchObject({ certificates: [], count: 0 })
      expect((await list("", f.b.staff.owner.headers)).data.certificates.map((c: any) => c.id)).not.toContain(certificate.id)
      expect((await list("", {})).status).toBe(401)
      expect((await list("", f.outsider.headers)).status).toBe(403)
      expect((await list(`?org_id=${f.a.org.id}`, f.platform.headers)).data.count).toBe(1)
      expect((await list("?status=gone")).status).toBe(400)

      const revoke = (headers: Record<string, string>, body: unknown = { reason: "Exam misconduct" }, id = certificate.id) =>
        send(api, "post", `/admin/certificates/${id}/revoke`, headers, body)
      const refused: [string, Record<string, string>, number][] = [
        ["anonymous", {}, 401],
        ["customer of A", { authorization: ada.headers.authorization }, 401],
        ["admin user of no org", f.outsider.headers, 403],
        ["staff of A (read-only role)", f.a.staff.staff.headers, 403],
        ["owner of B", f.b.staff.owner.headers, 404],
      ]
      for (const [who, headers, want] of refused) expect([who, (await revoke(headers)).status]).toEqual([who, want])
      expect((await revoke(f.a.staff.owner.headers, { reason: "  " })).data.message).toMatch(/reason/)
      expect((await revoke(f.a.staff.owner.headers, {})).status).toBe(400)
      expect((await revoke(f.a.staff.owner.headers, undefined, "cert_missing")).status).toBe(404)
      expect((await courseService(getContainer()).listCertificates({ id: certificate.id }))[0].revoked_at).toBeNull()

      const done = await revoke(f.a.staff.manager.headers)
      expect(done.status).toBe(200)
      expect(done.data.certificate).toMatchObject({ id: certificate.id, revoked_at: expect.any(String), revoked_reason: "Exam misconduct", revoked_by: f.a.staff.manager.user.id })
      expect((await revoke(f.a.staff.owner.headers)).status).toBe(409)

      const verify = await send(api, "get", `/store/certificates/verify/${certificate.code}`, f.a.key.headers)
      expect(verify.data.certificate).toMatchObject({ valid: false, code: certificate.code, revoked_at: expect.any(String) })
      expect((await send(api, "get", "/store/customers/me/certificates", ada.headers)).data.certificates).toEqual([])
      expect((await send(api, "get", `/store/customers/me/certificates/${certificate.id}/pdf`, ada.headers)).status).toBe(404)
      expect((await list("?status=revoked")).data.certificates.map((c: any) => c.id)).toEqual([certificate.id])
      expect((await list("?status=issued")).data.count).toBe(0)
      const row = (await students("?completed=true")).data.students[0]
      expect(row.certificate).toMatchObject({ id: certificate.id, revoked_at: expect.any(String) })
      expect((await csv("?completed=true")).data).toMatch(new RegExp(`,${certificate.code},revoked\\r\\n$`))
      // Revoked stays revoked: the enrollment gets no new certificate on a replay.
      const enrollmentId = row.enrollment_id
      await wf.issueCertificateWorkflow(getContainer()).run({ input: { enrollment_id: enrollmentId } })
      expect(await courseService(getContainer()).listCertificates({ enrollment_id: enrollmentId })).toHaveLength(1)
    })

    it("1,000 students: the list reads with the same number of SQL statements as 3; the CSV adds a few per 500", async () => {
      const container = getContainer()
      const read = await createLesson(container, f.a.org.id, { title: "Big read" })
      const quiz = await createLesson(container, f.a.org.id, { title: "Big quiz", type: "quiz" })
      const { course: big, product } = await createCourseWithOutline(container, f.a.org, {
        handle: "big-roster",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: read.id }, { lesson_id: quiz.id }] }] }],
      })
      const [readPlacement] = (await courseService(container).readOutlineRows(big.id)).placements.filter((p: any) => p.lesson_id === read.id)
      // Bulk rows straight through the module services: 1,000 workflow runs would take minutes.
      const N = 1000
      const customers = await container.resolve(Modules.CUSTOMER).createCustomers(
        Array.from({ length: N }, (_, i) => ({ email: `bulk-${i}-${Date.now()}@roster.test`, first_name: `Bulk ${i}`, last_name: "Student" }))
      )
      const now = new Date()
      await container.resolve<any>("access").createEntitlements(
        customers.map((c: any, i: number) => ({
          customer_id: c.id, product_id: product.id, tier: 1 + (i % 3), source_type: "manual", source_id: `bulk-${c.id}`, starts_at: now, status: "active",
        }))
      )
      const enrollments = await courseService(container).createEnrollments(
        customers.map((c: any) => ({ customer_id: c.id, course_id: big.id, org_id: f.a.org.id, started_at: now, status: "active" }))
      )
      await courseService(container).createLessonProgresses(
        enrollments.filter((_: any, i: number) => i % 2 === 0).map((e: any) => ({ enrollment_id: e.id, placement_id: readPlacement.id, status: "completed", completed_at: now }))
      )

      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      const measure = async (url: string) => {
        let n = 0
        const listener = () => n++
        knex.on("query", listener)
        const started = performance.now()
        try {
          const res = await api.get(url, { headers: f.a.staff.staff.headers })
          return { n, ms: Math.round(performance.now() - started), data: res.data }
        } finally {
          knex.removeListener("query", listener)
        }
      }
      await measure(`/admin/courses/${big.id}/students`) // warm-up
      const small = await measure(`/admin/courses/${course.id}/students`)
      const large = await measure(`/admin/courses/${big.id}/students`)
      const filtered = await measure(`/admin/courses/${big.id}/students?tier=2&completed=false&q=bulk`)
      expect(large.data.count).toBe(N)
      expect(large.data.students).toHaveLength(20)
      // Tier 2 is every third student from the second (i % 3 === 1): 333 of 1,000; none completed.
      expect(filtered.data.count).toBe(333)
      expect(filtered.data.students.every((s: any) => s.tier === 2)).toBe(true)
      expect(large.n).toBe(small.n)
      const csvSmall = await measure(`/admin/courses/${course.id}/students/export`)
      const csvLarge = await measure(`/admin/courses/${big.id}/students/export`)
      expect(csvLarge.data.split("\r\n").filter(Boolean)).toHaveLength(N + 1)
      // Two batches of 500: the per-batch reads once more, nothing per student.
      expect(csvLarge.n).toBeLessThanOrEqual(2 * csvSmall.n)
      // Loose bounds (a busy CI machine), the numbers are in the log.
      expect(large.ms).toBeLessThan(5000)
      expect(csvLarge.ms).toBeLessThan(15000)
      process.stdout.write(
        `[course-students perf] list: 3 students ${small.n} statements / 1000 students ${large.n} statements ${large.ms} ms (filtered ${filtered.ms} ms); ` +
          `csv: 3 students ${csvSmall.n} statements / 1000 students ${csvLarge.n} statements ${csvLarge.ms} ms\n`
      )
    })

    it("revokeCertificateWorkflow rolls back: a failure after the update leaves the certificate valid", async () => {
      const container = getContainer()
      const failed = await runFailingAfter(wf.revokeCertificateWorkflow(container), "update-certificates", {
        id: certificate.id,
        org_id: f.a.org.id,
        reason: "will roll back",
        revoked_by: null,
      })
      expect(failed.errors).toHaveLength(1)
      const [after] = await courseService(container).listCertificates({ id: certificate.id })
      expect(after).toMatchObject({ revoked_at: null, revoked_reason: null, revoked_by: null })
      const verify = await send(api, "get", `/store/certificates/verify/${certificate.code}`, f.a.key.headers)
      expect(verify.data.certificate.valid).toBe(true)
    })
  },
})
