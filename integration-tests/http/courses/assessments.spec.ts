import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createCustomer } from "../../helpers/actors"
import { eventually } from "../../helpers/commerce"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { attributeStaff, createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"
import { pdfText } from "../../helpers/pdf"

import * as wf from "@volmify/courses/workflows"
import * as accessWf from "@volmify/access/workflows"

jest.setTimeout(300_000)

const EXPLAIN = "EXPLAIN-SECRET-1"
const ACCEPTED = "KEY-ANSWER-SECRET"
const QUIZ = {
  passing_score: 70,
  shuffle: true,
  show_explanations: true,
  required: true,
  questions: [
    { id: "q-single", type: "single_choice", prompt: "2 + 2?", points: 2, options: [{ id: "a", text: "3" }, { id: "b", text: "4" }], correct_option_ids: ["b"], explanation: EXPLAIN },
    {
      id: "q-multi",
      type: "multiple_choice",
      prompt: "Primes?",
      points: 3,
      options: [{ id: "o2", text: "2" }, { id: "o3", text: "3" }, { id: "o4", text: "4" }, { id: "o5", text: "5" }],
      correct_option_ids: ["o2", "o3", "o5"],
    },
    { id: "q-tf", type: "true_false", prompt: "The sky is blue", points: 1, correct_option_ids: ["true"] },
    { id: "q-short", type: "short_answer", prompt: "The password?", points: 4, accepted_answers: [ACCEPTED], match: "case_insensitive" },
  ],
}
const TIMED = {
  time_limit_seconds: 60,
  attempts_limit: 2,
  show_explanations: false,
  required: false,
  questions: [{ id: "t1", type: "true_false", prompt: "Fast?", points: 1, correct_option_ids: ["true"], explanation: EXPLAIN }],
}
const KEY_WORDS = ["correct_option_ids", "accepted_answers", '"explanation"', EXPLAIN, ACCEPTED]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let course: any
    let product: any
    let p: Record<string, string>
    let lessons: Record<string, { id: string }>
    let a2: any

    const base = () => `/store/courses/${course.id}/lessons`
    const grant = (customerId: string, productId = product.id, tier = 1) =>
      accessWf.grantEntitlementWorkflow(getContainer()).run({
        input: { customer_id: customerId, product_id: productId, tier, reason: "test grant", granted_by: "test" },
      })
    const enrollmentOf = async (customerId: string, courseId = course.id) =>
      (await eventually(() => courseService(getContainer()).listEnrollments({ customer_id: customerId, course_id: courseId })))[0]
    const noKey = (data: unknown) => {
      const text = JSON.stringify(data)
      for (const word of KEY_WORDS) expect([word, text.includes(word)]).toEqual([word, false])
    }

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "asm" })
      lessons = {
        read: await createLesson(container, f.a.org.id, { title: "Read me", body: "Intro" }),
        quiz: await createLesson(container, f.a.org.id, { title: "Quiz", type: "quiz", body: "Answer the questions" }),
        homework: await createLesson(container, f.a.org.id, { title: "Homework", type: "assignment", body: "Write a haiku" }),
        timed: await createLesson(container, f.a.org.id, { title: "Timed", type: "quiz" }),
      }
      ;({ course, product } = await createCourseWithOutline(container, f.a.org, {
        handle: "assessed",
        outline: [
          {
            title: "Start",
            sections: [{ title: "All", lessons: ["read", "quiz", "homework", "timed"].map((k) => ({ lesson_id: lessons[k].id })) }],
          },
        ],
      }))
      p = await placementsByTitle(container, course.id)
      // Creators change only the courses they are attributed on (the role matrix).
      await attributeStaff(container, f.a.org.id, f.a.staff.creator, [product.id])
      a2 = await createCustomer(api, f.a.key)
      await grant(f.a.customer.customer.id)
      await grant(a2.customer.id)
      await enrollmentOf(f.a.customer.customer.id)
      await enrollmentOf(a2.customer.id)
      // Every test starts from this state (the runner restores the database before each).
      await wf.saveLessonQuizWorkflow(container).run({ input: { lesson_id: lessons.quiz.id, ...QUIZ } })
      await wf.saveLessonQuizWorkflow(container).run({ input: { lesson_id: lessons.timed.id, ...TIMED } })
      await wf.updateCourseWorkflow(container).run({ input: { id: course.id, certificates_enabled: true } })
      await wf.saveCertificateSettingsWorkflow(container).run({ input: { org_id: f.a.org.id, title: "Diploma of Learning", signatory_name: "Grace Hopper" } })
    })

    const RIGHT = [
      { question_id: "q-single", option_ids: ["b"] },
      { question_id: "q-multi", option_ids: ["o2", "o3"] },
      { question_id: "q-tf", option_ids: ["true"] },
      { question_id: "q-short", text: `  ${ACCEPTED.toLowerCase()} ` },
    ]
    /** Customer A takes every lesson of the course (staff pass the homework). */
    async function completeCourse(h: Record<string, string>) {
      const quiz = `${base()}/${p.Quiz}/quiz`
      const a = await send(api, "post", `${quiz}/attempts`, h)
      expect((await send(api, "post", `${quiz}/attempts/${a.data.attempt.id}/submit`, h, { answers: RIGHT })).data.attempt.passed).toBe(true)
      const t = await send(api, "post", `${base()}/${p.Timed}/quiz/attempts`, h)
      await send(api, "post", `${base()}/${p.Timed}/quiz/attempts/${t.data.attempt.id}/submit`, h, { answers: [] })
      await send(api, "post", `${base()}/${p["Read me"]}/progress`, h, { status: "completed" })
      const sub = await send(api, "post", `${base()}/${p.Homework}/assignment/submissions`, h, { text: "An old silent pond" })
      expect(sub.status).toBe(201)
      const passed = await send(api, "post", `/admin/assignment-submissions/${sub.data.submission.id}/review`, f.a.staff.creator.headers, { status: "passed", feedback: "Lovely" })
      expect(passed.status).toBe(200)
      return passed
    }

    describe("admin: quiz editor, certificate settings", () => {
      it("saves a quiz with its key (catalog roles), refuses bad definitions naming the field; actor matrix", async () => {
        const url = `/admin/lessons/${lessons.quiz.id}/quiz`
        expect((await send(api, "post", url, f.a.staff.staff.headers, QUIZ)).status).toBe(403)
        const saved = await send(api, "post", url, f.a.staff.creator.headers, QUIZ)
        expect(saved.status).toBe(200)
        expect(saved.data.quiz).toMatchObject({ lesson_id: lessons.quiz.id, org_id: f.a.org.id, passing_score: 70 })
        const timed = await send(api, "post", `/admin/lessons/${lessons.timed.id}/quiz`, f.a.owner.headers, TIMED)
        expect(timed.status).toBe(200)

        const matrix = [
          ["anonymous", {}, 401],
          ["customer A", f.a.customer.headers, 401],
          ["outsider", f.outsider.headers, 403],
          ["staff A", f.a.staff.staff.headers, 200],
          ["staff B", f.b.staff.owner.headers, 404],
          ["platform", f.platform.headers, 200],
        ] as const
        for (const [who, headers, status] of matrix) {
          const res = await send(api, "get", url, headers as any)
          expect([who, res.status]).toEqual([who, status])
          if (status === 200) expect(res.data.quiz.questions[0].correct_option_ids).toEqual(["b"])
        }
        expect((await send(api, "post", url, f.b.staff.owner.headers, QUIZ)).status).toBe(404)

        const bad = [
          [{ ...QUIZ, questions: [{ ...QUIZ.questions[0], correct_option_ids: ["z"] }] }, /questions\[0\]\.correct_option_ids has unknown option "z"/],
          [{ ...QUIZ, questions: [{ ...QUIZ.questions[3], accepted_answers: [] }] }, /questions\[0\]\.accepted_answers/],
          [{ ...QUIZ, passing_score: 101 }, /passing_score/],
          [{ ...QUIZ, questions: [] }, /questions/],
          [{ ...QUIZ, questions: [{ ...QUIZ.questions[0], points: 1.5 }] }, /points/],
        ] as const
        for (const [body, message] of bad) {
          const res = await send(api, "post", url, f.a.owner.headers, body)
          expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(message)])
        }
        const onText = await send(api, "post", `/admin/lessons/${lessons.read.id}/quiz`, f.a.owner.headers, QUIZ)
        expect([onText.status, onText.data.message]).toEqual([400, expect.stringMatching(/only quiz lessons/)])
        const [stored] = await courseService(getContainer()).listQuizDefinitions({ lesson_id: lessons.quiz.id })
        expect(stored.questions).toHaveLength(4)
      })

      it("certificate settings per org: defaults, save (catalog roles), tenancy; course switch", async () => {
        const url = "/admin/certificate-settings"
        const defaults = await send(api, "get", url, f.b.staff.staff.headers)
        expect(defaults.data.certificate_settings).toMatchObject({ org_id: f.b.org.id, title: "Certificate of Completion", signatory_name: null })
        expect((await send(api, "post", url, f.a.staff.staff.headers, { title: "X" })).status).toBe(403)
        const saved = await send(api, "post", url, f.a.staff.admin.headers, { title: "Diploma of Learning", signatory_name: "Grace Hopper", accent_color: "#225588" })
        expect([saved.status, saved.data.certificate_settings.accent_color]).toEqual([200, "#225588"])
        expect((await send(api, "get", url, f.a.staff.staff.headers)).data.certificate_settings).toMatchObject({ org_id: f.a.org.id, title: "Diploma of Learning", accent_color: "#225588" })
        expect((await send(api, "post", url, f.a.staff.admin.headers, { accent_color: "red" })).data.message).toMatch(/accent_color/)
        expect((await send(api, "get", url, f.b.staff.owner.headers)).data.certificate_settings.title).toBe("Certificate of Completion")
        expect((await send(api, "get", `${url}?org_id=${f.a.org.id}`, f.b.staff.owner.headers)).status).toBe(404)
        expect((await send(api, "get", url, f.platform.headers)).status).toBe(400)
        expect((await send(api, "get", `${url}?org_id=${f.a.org.id}`, f.platform.headers)).data.certificate_settings.title).toBe("Diploma of Learning")
        expect((await send(api, "get", url, {})).status).toBe(401)
        expect((await send(api, "get", url, f.a.customer.headers)).status).toBe(401)
        expect((await send(api, "get", url, f.outsider.headers)).status).toBe(403)
        const on = await send(api, "post", `/admin/courses/${course.id}`, f.a.staff.creator.headers, { certificates_enabled: true })
        expect([on.status, on.data.course.certificates_enabled]).toEqual([200, true])
        expect((await send(api, "post", `/admin/courses/${course.id}`, f.a.staff.creator.headers, { certificates_enabled: "yes" })).status).toBe(400)
      })
    })

    describe("store: quiz", () => {
      it("actor matrix on the quiz routes: the lesson gate and the key's org first", async () => {
        const url = `${base()}/${p.Quiz}/quiz`
        const withKeyA = (h: Record<string, string>) => ({ ...h, ...f.a.key.headers })
        const matrix = [
          ["anonymous", f.a.key.headers, 401],
          ["customer A", f.a.customer.headers, 200],
          ["customer B, own key", f.b.customer.headers, 404],
          ["customer B, A's key, no tier", withKeyA({ authorization: f.b.customer.headers.authorization }), 403],
          ["staff A", withKeyA(f.a.staff.owner.headers), 401],
          ["staff B", withKeyA(f.b.staff.owner.headers), 401],
          ["platform", withKeyA(f.platform.headers), 401],
          ["no key", { authorization: f.a.customer.headers.authorization }, 400],
        ] as const
        for (const [who, headers, status] of matrix) {
          for (const [method, u] of [["get", url], ["post", `${url}/attempts`], ["get", `${base()}/${p.Homework}/assignment`], ["post", `${base()}/${p.Homework}/assignment/submissions`]] as const) {
            const res = await send(api, method, u, headers as any, method === "post" && u.endsWith("submissions") ? { text: "x" } : {})
            const expected = status === 200 && method === "post" ? (u.endsWith("submissions") ? 201 : 201) : status
            expect([who, method, u.split("/").slice(-2).join("/"), res.status]).toEqual([who, method, u.split("/").slice(-2).join("/"), expected])
            if (res.status === 403) expect(res.data.code).toBe("tier_required")
          }
        }
        // Only customer A's calls wrote anything.
        const attempts = await courseService(getContainer()).listQuizAttempts({ placement_id: p.Quiz })
        expect(attempts).toHaveLength(1)
        const subs = await courseService(getContainer()).listAssignmentSubmissions({ placement_id: p.Homework })
        expect(subs.map((s: any) => s.customer_id)).toEqual([f.a.customer.customer.id])
        // Not a quiz / not an assignment: 404.
        expect((await send(api, "get", `${base()}/${p["Read me"]}/quiz`, f.a.customer.headers)).status).toBe(404)
        expect((await send(api, "get", `${base()}/${p.Quiz}/assignment`, f.a.customer.headers)).status).toBe(404)
      })

      it("never sends the answer key before submission; grades on the server with partial credit; shows the key after", async () => {
        const h = f.a.customer.headers
        const url = `${base()}/${p.Quiz}/quiz`
        for (const u of [`/store/courses/${course.id}`, `${base()}/${p.Quiz}`, url]) {
          const res = await send(api, "get", u, h)
          expect(res.status).toBe(200)
          noKey(res.data)
        }
        const started = await send(api, "post", `${url}/attempts`, h)
        expect([started.status, started.data.resumed]).toEqual([201, false])
        noKey(started.data)
        const resumed = await send(api, "post", `${url}/attempts`, h)
        expect([resumed.status, resumed.data.resumed, resumed.data.attempt.id]).toEqual([200, true, started.data.attempt.id])
        noKey(resumed.data)
        const attempt = resumed.data.attempt
        expect(attempt.questions.map((q: any) => q.id).sort()).toEqual(["q-multi", "q-short", "q-single", "q-tf"])
        expect(attempt.questions.find((q: any) => q.id === "q-tf").options.map((o: any) => o.id)).toEqual(["true", "false"])
        expect(attempt).toMatchObject({ status: "in_progress", score_points: null, passed: null, max_points: 10 })
        const one = await send(api, "get", `${url}/attempts/${attempt.id}`, h)
        noKey(one.data)
        expect((await send(api, "get", `${url}/attempts/${attempt.id}`, a2.headers)).status).toBe(404)
        expect((await send(api, "post", `${url}/attempts/${attempt.id}/submit`, a2.headers, { answers: [] })).status).toBe(404)

        // Completing the required quiz's lesson by hand is refused until it is passed.
        const early = await send(api, "post", `${base()}/${p.Quiz}/progress`, h, { status: "completed" })
        expect([early.status, early.data.message]).toEqual([400, expect.stringMatching(/pass the quiz/)])
        expect((await send(api, "post", `${url}/attempts/${attempt.id}/submit`, h, { answers: "all" })).data.message).toMatch(/answers/)

        const first = await send(api, "post", `${url}/attempts/${attempt.id}/submit`, h, {
          answers: [
            { question_id: "q-single", option_ids: ["a"] },
            { question_id: "q-multi", option_ids: ["o2", "o4"] },
            { question_id: "q-tf", option_ids: ["true"] },
            { question_id: "q-short", text: "nope" },
          ],
        })
        expect(first.status).toBe(200)
        expect(first.data.attempt).toMatchObject({ status: "submitted", score_points: 1, score_percent: 10, passed: false })
        const single = first.data.attempt.questions.find((q: any) => q.id === "q-single")
        expect(single).toMatchObject({ awarded: 0, correct: false, correct_option_ids: ["b"], explanation: EXPLAIN })
        expect((await send(api, "post", `${url}/attempts/${attempt.id}/submit`, h, { answers: [] })).status).toBe(409)

        const second = await send(api, "post", `${url}/attempts`, h)
        expect([second.status, second.data.attempt.number]).toEqual([201, 2])
        noKey(second.data)
        const graded = await send(api, "post", `${url}/attempts/${second.data.attempt.id}/submit`, h, { answers: RIGHT })
        expect(graded.data.attempt).toMatchObject({ status: "submitted", score_points: 9, score_percent: 90, passed: true })
        expect(graded.data.attempt.questions.find((q: any) => q.id === "q-multi")).toMatchObject({ awarded: 2, points: 3, correct: false })
        expect(graded.data.course_progress_percent).toBe(25)
        const progress = await courseService(getContainer()).listLessonProgresses({ placement_id: p.Quiz })
        expect(progress.map((x: any) => x.status)).toEqual(["completed"])
        const summary = await send(api, "get", url, h)
        expect(summary.data.quiz).toMatchObject({ passed: true, attempts_used: 2, question_count: 4, max_points: 10 })
      })

      it("time limit and attempts limit are enforced on the server; concurrent starts make one attempt", async () => {
        const h = f.a.customer.headers
        const url = `${base()}/${p.Timed}/quiz`
        const starts = await Promise.all([1, 2, 3].map(() => send(api, "post", `${url}/attempts`, h)))
        const ids = new Set(starts.map((s) => s.data.attempt?.id))
        expect([...new Set(starts.map((s) => s.status))].sort()).toEqual([200, 201])
        expect(ids.size).toBe(1)
        const [id] = [...ids]
        const first = starts[0].data.attempt
        expect(new Date(first.deadline_at).getTime() - new Date(first.started_at).getTime()).toBe(60_000)
        noKey(starts.map((s) => s.data))
        // The clock moves on: the attempt started two minutes ago (deadline 60 s + 30 s grace passed).
        const past = Date.now() - 120_000
        await courseService(getContainer()).updateQuizAttempts({ id, started_at: new Date(past), deadline_at: new Date(past + 60_000) })
        const late = await send(api, "post", `${url}/attempts/${id}/submit`, h, { answers: [{ question_id: "t1", option_ids: ["true"] }] })
        expect(late.status).toBe(200)
        expect(late.data.attempt).toMatchObject({ status: "expired", score_points: 0, passed: false })
        // show_explanations is off: even after grading the key stays hidden.
        noKey(late.data)
        expect((await courseService(getContainer()).listLessonProgresses({ placement_id: p.Timed })).length).toBe(0)

        const second = await send(api, "post", `${url}/attempts`, h)
        expect([second.status, second.data.attempt.number]).toEqual([201, 2])
        // Within the limit: graded normally (a wrong answer; the quiz is optional, so the lesson completes).
        const graded = await send(api, "post", `${url}/attempts/${second.data.attempt.id}/submit`, h, { answers: [{ question_id: "t1", option_ids: ["false"] }] })
        expect(graded.data.attempt).toMatchObject({ status: "submitted", passed: false })
        expect(graded.data.course_progress_percent).toBe(25)
        const third = await send(api, "post", `${url}/attempts`, h)
        expect([third.status, third.data.message]).toEqual([400, expect.stringMatching(/attempts: all 2 attempts/)])
        expect(await courseService(getContainer()).listQuizAttempts({ placement_id: p.Timed })).toHaveLength(2)
      })

      it("an open attempt whose time ran out is closed as expired when the next one starts", async () => {
        const h = a2.headers
        const url = `${base()}/${p.Timed}/quiz`
        const { data } = await send(api, "post", `${url}/attempts`, h)
        const past = Date.now() - 600_000
        await courseService(getContainer()).updateQuizAttempts({ id: data.attempt.id, started_at: new Date(past), deadline_at: new Date(past + 60_000) })
        const next = await send(api, "post", `${url}/attempts`, h)
        expect([next.status, next.data.attempt.number]).toEqual([201, 2])
        const [old] = await courseService(getContainer()).listQuizAttempts({ id: data.attempt.id })
        expect([old.status, old.passed]).toEqual(["expired", false])
        expect((await send(api, "post", `${url}/attempts`, h)).data.attempt.id).toBe(next.data.attempt.id)
        expect((await send(api, "post", `${url}/attempts`, h)).status).toBe(200)
        await courseService(getContainer()).updateQuizAttempts({ id: next.data.attempt.id, deadline_at: new Date(past) })
        expect((await send(api, "post", `${url}/attempts`, h)).status).toBe(400)
      })
    })

    describe("store + admin: assignments", () => {
      it("submit text and a file, one waiting at a time; review queue per org; fail with feedback, resubmit, pass completes", async () => {
        const h = f.a.customer.headers
        const url = `${base()}/${p.Homework}/assignment`
        const first = await send(api, "post", `${url}/submissions`, h, { text: "first" })
        expect([first.status, first.data.submission.status]).toEqual([201, "submitted"])
        let submissionId = first.data.submission.id
        const again = await send(api, "post", `${url}/submissions`, h, { text: "second" })
        expect([again.status, again.data.message]).toEqual([400, expect.stringMatching(/waiting for review/)])
        expect((await send(api, "post", `${url}/submissions`, a2.headers, {})).data.message).toMatch(/text or file/)
        expect((await send(api, "post", `${url}/submissions`, a2.headers, { file: { name: "x.exe", mime_type: "application/x-msdownload", content_base64: "AAAA" } })).data.message).toMatch(/field 'file, mime_type'/)
        const content = Buffer.from("five seven five").toString("base64")
        const withFile = await send(api, "post", `${url}/submissions`, a2.headers, { text: "haiku", file: { name: "haiku.txt", mime_type: "text/plain", content_base64: content } })
        expect(withFile.status).toBe(201)
        expect(withFile.data.submission).toMatchObject({ status: "submitted", text: "haiku", file: { name: "haiku.txt", mime_type: "text/plain" } })
        expect(JSON.stringify(withFile.data)).not.toContain("file_id")

        const queue = "/admin/assignment-submissions?status=submitted"
        const matrix = [
          ["anonymous", {}, 401, 0],
          ["customer A", f.a.customer.headers, 401, 0],
          ["outsider", f.outsider.headers, 403, 0],
          ["staff A", f.a.staff.staff.headers, 200, 2],
          ["staff B", f.b.staff.owner.headers, 200, 0],
          ["platform", f.platform.headers, 200, 2],
        ] as const
        for (const [who, headers, status, count] of matrix) {
          const res = await send(api, "get", queue, headers as any)
          expect([who, res.status, res.status === 200 ? res.data.submissions.length : 0]).toEqual([who, status, count])
        }
        const detail = await send(api, "get", `/admin/assignment-submissions/${withFile.data.submission.id}`, f.a.staff.staff.headers)
        expect(detail.data.submission).toMatchObject({ customer: { email: a2.customer.email }, lesson: { title: "Homework" }, file_name: "haiku.txt" })
        expect(detail.data.submission.file_url).toEqual(expect.any(String))
        const stored = await getContainer().resolve(Modules.FILE).retrieveFile(detail.data.submission.file_id)
        expect(stored.id).toBe(detail.data.submission.file_id)
        expect((await send(api, "get", `/admin/assignment-submissions/${submissionId}`, f.b.staff.owner.headers)).status).toBe(404)
        expect((await send(api, "post", `/admin/assignment-submissions/${submissionId}/review`, f.b.staff.owner.headers, { status: "passed" })).status).toBe(404)
        expect((await send(api, "post", `/admin/assignment-submissions/${submissionId}/review`, f.a.staff.staff.headers, { status: "maybe" })).data.message).toMatch(/status/)

        const failed = await send(api, "post", `/admin/assignment-submissions/${submissionId}/review`, f.a.staff.staff.headers, { status: "failed", feedback: "Count the syllables" })
        expect(failed.data.submission).toMatchObject({ status: "failed", feedback: "Count the syllables" })
        expect((await send(api, "post", `/admin/assignment-submissions/${submissionId}/review`, f.a.staff.staff.headers, { status: "passed" })).status).toBe(409)
        const mine = await send(api, "get", url, h)
        expect(mine.data).toMatchObject({ passed: false, pending: false, submissions: [{ status: "failed", feedback: "Count the syllables" }] })
        const early = await send(api, "post", `${base()}/${p.Homework}/progress`, h, { status: "completed" })
        expect([early.status, early.data.message]).toEqual([400, expect.stringMatching(/staff pass/)])
        const resubmitted = await send(api, "post", `${url}/submissions`, h, { text: "An old silent pond" })
        expect(resubmitted.status).toBe(201)
        submissionId = resubmitted.data.submission.id
        const ok = await send(api, "post", `/admin/assignment-submissions/${submissionId}/review`, f.a.staff.staff.headers, { status: "passed", feedback: "Good" })
        expect(ok.data.submission.status).toBe("passed")
        expect((await courseService(getContainer()).listLessonProgresses({ placement_id: p.Homework })).map((x: any) => x.status)).toEqual(["completed"])
        expect((await send(api, "get", url, h)).data).toMatchObject({ passed: true, pending: false })
        expect((await send(api, "post", `${url}/submissions`, h, { text: "more" })).data.message).toMatch(/already passed/)
      })
    })

    describe("certificates", () => {
      it("completing the course issues one certificate: listed, PDF with the student's name, verifiable by code in its org only", async () => {
        const h = f.a.customer.headers
        await api.post("/store/customers/me", { first_name: "Ada", last_name: "Lovelace" }, { headers: h })
        expect((await send(api, "get", "/store/customers/me/certificates", h)).data.certificates).toEqual([])
        await completeCourse(h)
        const [enrollment] = await courseService(getContainer()).listEnrollments({ customer_id: f.a.customer.customer.id, course_id: course.id })
        expect(enrollment.status).toBe("completed")
        const certs = await eventually(async () => (await send(api, "get", "/store/customers/me/certificates", h)).data.certificates)
        expect(certs).toHaveLength(1)
        const cert = certs[0]
        expect(cert).toMatchObject({ student_name: "Ada Lovelace", course_title: course.title, org_name: "Org A" })
        expect(cert.code).toMatch(/^VCRT(-[0-9A-Z]{4}){4}$/)

        // Replays (event again, concurrent runs) issue nothing more.
        await Promise.all([1, 2, 3, 4, 5].map(() => wf.issueCertificateWorkflow(getContainer()).run({ input: { enrollment_id: enrollment.id } })))
        await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "course.enrollment.completed", data: { id: enrollment.id } })
        await new Promise((r) => setTimeout(r, 500))
        expect(await courseService(getContainer()).listCertificates({ enrollment_id: enrollment.id })).toHaveLength(1)

        const pdf = await api.get(cert.pdf_path, { headers: h, responseType: "arraybuffer" })
        expect(pdf.headers["content-type"]).toMatch(/application\/pdf/)
        const text = await pdfText(Buffer.from(pdf.data))
        expect(text).toContain("Ada Lovelace")
        expect(text).toContain(course.title)
        expect(text).toContain(cert.code)
        expect(text).toContain("Diploma of Learning")
        expect(text).toContain("Grace Hopper")
        expect((await send(api, "get", cert.pdf_path, a2.headers)).status).toBe(404)
        expect((await send(api, "get", cert.pdf_path, { ...f.b.key.headers, authorization: h.authorization })).status).toBe(404)
        expect((await send(api, "get", cert.pdf_path, f.a.key.headers)).status).toBe(401)

        const verify = await send(api, "get", `/store/certificates/verify/${cert.code.toLowerCase()}`, f.a.key.headers)
        expect(verify.status).toBe(200)
        expect(Object.keys(verify.data.certificate).sort()).toEqual(["code", "course_title", "issued_at", "org_name", "revoked_at", "student_name", "valid"])
        expect(verify.data.certificate).toMatchObject({ valid: true, code: cert.code, student_name: "Ada Lovelace" })
        expect((await send(api, "get", `/store/certificates/verify/${cert.code}`, f.b.key.headers)).status).toBe(404)
        expect((await send(api, "get", "/store/certificates/verify/VCRT-0000-0000-0000-0000", f.a.key.headers)).status).toBe(404)
        expect((await send(api, "get", "/store/certificates/verify/' or 1=1 --", f.a.key.headers)).status).toBe(404)
        expect((await send(api, "get", `/store/certificates/verify/${cert.code}`, {})).status).toBe(400)
        expect((await send(api, "get", "/store/customers/me/certificates", f.b.customer.headers)).data.certificates).toEqual([])
        expect((await send(api, "get", "/store/customers/me/certificates", f.a.key.headers)).status).toBe(401)
      })

      it("no certificate while the course has them off; issued when turned on; rollback leaves none", async () => {
        const container = getContainer()
        const lesson = await createLesson(container, f.a.org.id, { title: "Only lesson" })
        const { course: mini, product: miniProduct } = await createCourseWithOutline(container, f.a.org, {
          handle: "mini",
          outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id }] }] }],
        })
        await grant(a2.customer.id, miniProduct.id)
        const enrollment = await enrollmentOf(a2.customer.id, mini.id)
        const [placement] = Object.values(await placementsByTitle(container, mini.id))
        const done = await send(api, "post", `/store/courses/${mini.id}/lessons/${placement}/progress`, a2.headers, { status: "completed" })
        expect(done.data.course_progress_percent).toBe(100)
        await new Promise((r) => setTimeout(r, 500))
        expect(await courseService(container).listCertificates({ enrollment_id: enrollment.id })).toEqual([])
        await courseService(container).updateCourses({ id: mini.id, certificates_enabled: true })
        const failed = await runFailingAfter(wf.issueCertificateWorkflow(container), "create-certificates", { enrollment_id: enrollment.id })
        expect(failed.errors).toHaveLength(1)
        expect(await courseService(container).listCertificates({ enrollment_id: enrollment.id })).toEqual([])
        const runs = await Promise.all([1, 2, 3].map(() => wf.issueCertificateWorkflow(container).run({ input: { enrollment_id: enrollment.id } })))
        expect(runs.filter((r: any) => r.result).length).toBe(1)
        expect(await courseService(container).listCertificates({ enrollment_id: enrollment.id })).toHaveLength(1)
      })

      it("turning certificates on for a course issues the missing ones of students who already completed it", async () => {
        const container = getContainer()
        const lesson = await createLesson(container, f.a.org.id, { title: "Single" })
        const { course: late, product: lateProduct } = await createCourseWithOutline(container, f.a.org, {
          handle: "late-certificates",
          outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id }] }] }],
        })
        await grant(a2.customer.id, lateProduct.id)
        await attributeStaff(container, f.a.org.id, f.a.staff.creator, [lateProduct.id])
        const enrollment = await enrollmentOf(a2.customer.id, late.id)
        const [placement] = Object.values(await placementsByTitle(container, late.id))
        await send(api, "post", `/store/courses/${late.id}/lessons/${placement}/progress`, a2.headers, { status: "completed" })
        expect((await courseService(container).listEnrollments({ id: enrollment.id }))[0].status).toBe("completed")
        expect(await courseService(container).listCertificates({ enrollment_id: enrollment.id })).toEqual([])
        const on = await send(api, "post", `/admin/courses/${late.id}`, f.a.staff.creator.headers, { certificates_enabled: true })
        expect(on.status).toBe(200)
        const issued = await eventually(() => courseService(container).listCertificates({ enrollment_id: enrollment.id }))
        expect(issued).toHaveLength(1)
        expect(issued[0]).toMatchObject({ course_title: late.title, customer_id: a2.customer.id })
      })
    })

    describe("drip notices", () => {
      it("a drip-locked lesson that opens is noticed once by email, however often the job runs; a failed run releases its claims", async () => {
        const container = getContainer()
        const now = await createLesson(container, f.a.org.id, { title: "Now" })
        const later = await createLesson(container, f.a.org.id, { title: "Later" })
        const { course: drip, product: dripProduct } = await createCourseWithOutline(container, f.a.org, {
          handle: "drip",
          outline: [
            { title: "Week one", sections: [{ title: "S", lessons: [{ lesson_id: now.id }] }] },
            { title: "Week two", drip_days: 7, sections: [{ title: "S2", lessons: [{ lesson_id: later.id }] }] },
          ],
        })
        await grant(f.a.customer.customer.id, dripProduct.id)
        await grant(a2.customer.id, dripProduct.id)
        const e1 = await enrollmentOf(f.a.customer.customer.id, drip.id)
        const e2 = await enrollmentOf(a2.customer.id, drip.id)
        const day = 24 * 3600_000
        const start = Math.max(new Date(e1.started_at).getTime(), new Date(e2.started_at).getTime())
        const run = (at: number) => wf.sendDripNoticesWorkflow(container).run({ input: { now: new Date(at), course_ids: [drip.id] } })
        expect((await run(start + 6 * day)).result).toEqual({ claimed: 0, sent: 0 })

        const failed = await runFailingAfter(wf.sendDripNoticesWorkflow(container), "claim-drip-notices", { now: new Date(start + 7 * day + 3600_000), course_ids: [drip.id] })
        expect(failed.errors).toHaveLength(1)
        expect(await courseService(container).listDripNotices({ enrollment_id: [e1.id, e2.id] })).toEqual([])

        const runs = await Promise.all([1, 2, 3].map(() => run(start + 7 * day + 3600_000)))
        expect(runs.reduce((s: number, r: any) => s + r.result.claimed, 0)).toBe(2)
        expect((await run(start + 8 * day)).result).toEqual({ claimed: 0, sent: 0 })
        const notices = await courseService(container).listDripNotices({ enrollment_id: [e1.id, e2.id] })
        expect(notices.map((n: any) => n.customer_id).sort()).toEqual([f.a.customer.customer.id, a2.customer.id].sort())
        const notifications = await container.resolve(Modules.NOTIFICATION).listNotifications({ receiver_id: f.a.customer.customer.id, template: "course-lesson-available" })
        expect(notifications).toHaveLength(1)
        expect(notifications[0]).toMatchObject({ channel: "email", to: f.a.customer.customer.email, resource_id: notices[0].placement_id })
        expect(notifications[0].data).toMatchObject({ course_title: drip.title, lesson_title: "Later" })
        expect(notices.every((n: any) => n.notification_id)).toBe(true)
      })
    })

    describe("rollbacks", () => {
      it("quiz start, quiz save and assignment submission leave nothing behind when a later step fails", async () => {
        const container = getContainer()
        const [e2] = await courseService(container).listEnrollments({ customer_id: a2.customer.id, course_id: course.id })
        const before = await courseService(container).listQuizAttempts({ enrollment_id: e2.id, placement_id: p.Quiz })
        const started = await runFailingAfter(wf.startQuizAttemptWorkflow(container), "create-quiz-attempts", { enrollment_id: e2.id, placement_id: p.Quiz, lesson_id: lessons.quiz.id })
        expect(started.errors).toHaveLength(1)
        expect(await courseService(container).listQuizAttempts({ enrollment_id: e2.id, placement_id: p.Quiz })).toEqual(before)

        const saved = await runFailingAfter(wf.saveLessonQuizWorkflow(container), "update-lesson-quiz", { lesson_id: lessons.quiz.id, ...QUIZ, passing_score: 5 })
        expect(saved.errors).toHaveLength(1)
        expect((await courseService(container).listQuizDefinitions({ lesson_id: lessons.quiz.id }))[0].passing_score).toBe(70)

        const pending = await courseService(container).listAssignmentSubmissions({ enrollment_id: e2.id, status: "submitted" })
        await courseService(container).updateAssignmentSubmissions(pending.map((s: any) => ({ id: s.id, status: "failed" })))
        const countBefore = (await courseService(container).listAssignmentSubmissions({ enrollment_id: e2.id })).length
        const submitted = await runFailingAfter(wf.submitAssignmentWorkflow(container), "create-assignment-submissions", {
          org_id: f.a.org.id,
          course_id: course.id,
          enrollment_id: e2.id,
          customer_id: a2.customer.id,
          placement_id: p.Homework,
          lesson_id: lessons.homework.id,
          text: "rolled back",
          file: { name: "r.txt", mime_type: "text/plain", content_base64: Buffer.from("r").toString("base64") },
        })
        expect(submitted.errors).toHaveLength(1)
        expect((await courseService(container).listAssignmentSubmissions({ enrollment_id: e2.id })).length).toBe(countBefore)
      })
    })
  },
})
