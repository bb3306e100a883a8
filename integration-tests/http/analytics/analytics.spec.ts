import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createCustomer, type CustomerActor } from "../../helpers/actors"
import { createRegion, eventually, placeOrder, TestRegion } from "../../helpers/commerce"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { collectIds, createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"
import { useProcessEnv } from "../../helpers/env"

import * as attribution from "@volmify/attribution/workflows"
import * as wf from "@volmify/courses/workflows"

jest.setTimeout(300_000)

// Payments are captured (and refunded) by hand through the admin routes, as in attribution.spec.ts.
useProcessEnv({ VOLMIFY_AUTO_CAPTURE: "false" })

const QUIZ = {
  passing_score: 70,
  required: true,
  questions: [{ id: "q1", type: "true_false", prompt: "Is 2 + 2 = 4?", points: 1, correct_option_ids: ["true"] }],
}

/*
 * The books every case reads (seeded once; the runner restores this state before each case):
 * org A sells one course (creator A holds a 70 % rule): customer A pays $99 (captured),
 * customer A2 pays ¥14,800 (captured, then ¥4,800 refunded); org B's customer pays $99 for
 * B's course. Customer A completes "Intro", fails then passes the quiz (which completes
 * "Quiz"), leaves "Wrap"; B's customer completes B's only lesson.
 *
 * By hand (5 % platform fee and 3 % processing fee on gross, creator 70 % of the rest):
 *   USD $99:  platform 4.95, processing 2.97, rest 91.08 -> creator 63.756 -> 63.76, org 27.32
 *   JPY 14800: platform 740, processing 444, rest 13616 -> creator 9531.2 -> 9531, org 4085
 *   refund ¥4800 (4800/14800 of each credit, largest remainder): platform 240, creator 3091,
 *   org 1325; the processing fee's share (144) is kept by the provider, borne by the org.
 */
const A_USD = {
  currency_code: "usd",
  gross: "99.00",
  refunds: "0.00",
  net: "99.00",
  tax: "0.00",
  platform_fees: "4.95",
  processing_fees: "2.97",
  staff_shares: "63.76",
  affiliate_commissions: "0.00",
  org_revenue: "27.32",
  refund_fees_org: "0.00",
  refund_fees_platform: "0.00",
  org_net: "27.32",
}
const A_JPY = {
  currency_code: "jpy",
  gross: "14800",
  refunds: "4800",
  net: "10000",
  tax: "0",
  platform_fees: "500",
  processing_fees: "444",
  staff_shares: "6440",
  affiliate_commissions: "0",
  org_revenue: "2760",
  refund_fees_org: "144",
  refund_fees_platform: "0",
  org_net: "2616",
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let jpy: TestRegion
    let a2: CustomerActor
    let courseA: any
    let productA: any
    let courseB: any
    let productB: any
    let p: Record<string, string>
    const orders: Record<string, string> = {}

    const ledger = () => getContainer().resolve<any>("ledger")
    const get = (url: string, headers: Record<string, string>) => send(api, "get", url, headers)
    const ok = async (url: string, headers: Record<string, string>) => {
      const res = await get(url, headers)
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.data)}`)
      return res.data
    }

    async function payment(orderId: string) {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*payment_collections.payments`, { headers: f.platform.headers })
      return data.order.payment_collections[0].payments[0]
    }
    async function buyAndCapture(customer: CustomerActor, region: TestRegion, variantId: string) {
      const orderId = await placeOrder(api, customer, region, [variantId])
      await api.post(`/admin/payments/${(await payment(orderId)).id}/capture`, {}, { headers: f.platform.headers })
      await eventually(() => ledger().findByReference("order", orderId))
      return orderId
    }
    const enrollmentOf = async (customerId: string, courseId: string) =>
      (await eventually(() => courseService(getContainer()).listEnrollments({ customer_id: customerId, course_id: courseId })))[0]

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "anl" })
      usd = await createRegion(container, "usd")
      jpy = await createRegion(container, "jpy")
      const lessons = {
        intro: await createLesson(container, f.a.org.id, { title: "Intro", body: "Hello" }),
        quiz: await createLesson(container, f.a.org.id, { title: "Quiz", type: "quiz" }),
        wrap: await createLesson(container, f.a.org.id, { title: "Wrap", body: "Bye" }),
      }
      ;({ course: courseA, product: productA } = await createCourseWithOutline(container, f.a.org, {
        handle: "anl-a",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [lessons.intro, lessons.quiz, lessons.wrap].map((l) => ({ lesson_id: l.id })) }] }],
      }))
      await wf.saveLessonQuizWorkflow(container).run({ input: { lesson_id: lessons.quiz.id, ...QUIZ } })
      p = await placementsByTitle(container, courseA.id)
      const onlyB = await createLesson(container, f.b.org.id, { title: "Only", body: "B" })
      ;({ course: courseB, product: productB } = await createCourseWithOutline(container, f.b.org, {
        handle: "anl-b",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: onlyB.id }] }] }],
      }))
      const [creator] = await container.resolve<any>("org").listOrgEmployees({ org_id: f.a.org.id, user_id: f.a.staff.creator.user.id })
      await attribution.createAttributionRuleWorkflow(container).run({
        input: {
          product_id: productA.id,
          employee_id: creator.id,
          role: "creator",
          type: "percent",
          percent_bps: 7000,
          effective_from: new Date(Date.now() - 86400_000),
        },
      })
      a2 = await createCustomer(api, f.a.key)

      orders.usd = await buyAndCapture(f.a.customer, usd, productA.variants[0].id)
      orders.jpy = await buyAndCapture(a2, jpy, productA.variants[0].id)
      orders.b = await buyAndCapture(f.b.customer, usd, productB.variants[0].id)
      await api.post(`/admin/payments/${(await payment(orders.jpy)).id}/refund`, { amount: 4800 }, { headers: f.platform.headers })
      await eventually(() => ledger().listLedgerTransactions({ kind: "reversal" }))

      // Learning: A's customer completes Intro, fails then passes the quiz, leaves Wrap.
      await enrollmentOf(f.a.customer.customer.id, courseA.id)
      await enrollmentOf(a2.customer.id, courseA.id)
      await enrollmentOf(f.b.customer.customer.id, courseB.id)
      const h = f.a.customer.headers
      const base = `/store/courses/${courseA.id}/lessons`
      const done = await send(api, "post", `${base}/${p.Intro}/progress`, h, { status: "completed" })
      expect(done.status).toBe(200)
      for (const answer of ["false", "true"]) {
        const attempt = await send(api, "post", `${base}/${p.Quiz}/quiz/attempts`, h)
        expect(attempt.status).toBeLessThan(300)
        const graded = await send(api, "post", `${base}/${p.Quiz}/quiz/attempts/${attempt.data.attempt.id}/submit`, h, {
          answers: [{ question_id: "q1", option_ids: [answer] }],
        })
        expect([graded.status, graded.data.attempt?.passed]).toEqual([200, answer === "true"])
      }
      const [placementB] = Object.values(await placementsByTitle(container, courseB.id))
      const doneB = await send(api, "post", `/store/courses/${courseB.id}/lessons/${placementB}/progress`, f.b.customer.headers, { status: "completed" })
      expect(doneB.status).toBe(200)
    })

    const today = () => new Date().toISOString().slice(0, 10)

    describe("GET /admin/analytics/overview", () => {
      it("org A's revenue equals the figures by hand and attribution's summary to the cent; B's never counts", async () => {
        const data = await ok("/admin/analytics/overview?interval=day", f.a.staff.owner.headers)
        expect([data.org_id, data.view, data.interval]).toEqual([f.a.org.id, "org", "day"])
        expect(data.revenue.current).toEqual([A_JPY, A_USD])
        expect(data.revenue.previous).toEqual([])
        expect(data.revenue.buckets).toEqual([
          { bucket: today(), ...A_JPY },
          { bucket: today(), ...A_USD },
        ])
        const { currency_code: _j, ...jpyFigures } = A_JPY
        const { currency_code: _u, ...usdFigures } = A_USD
        expect(data.revenue.by_course).toEqual([
          { product_id: productA.id, course_id: courseA.id, title: courseA.title, currency_code: "jpy", ...jpyFigures },
          { product_id: productA.id, course_id: courseA.id, title: courseA.title, currency_code: "usd", ...usdFigures },
        ])
        const month = await ok("/admin/analytics/overview?interval=month&currency_code=JPY", f.a.staff.admin.headers)
        expect(month.revenue.current).toEqual([A_JPY])
        expect(month.revenue.buckets).toEqual([{ bucket: `${today().slice(0, 7)}-01`, ...A_JPY }])

        // The attribution plugin's org summary and per-product report read the same books.
        const summary = (await ok("/admin/earnings/summary", f.a.staff.owner.headers)).summary
        for (const mine of [A_USD, A_JPY]) {
          const theirs = summary.find((s: any) => s.currency_code === mine.currency_code)
          expect({
            gross: theirs.gross,
            refunded: theirs.refunded,
            tax: theirs.tax,
            platform_fees: theirs.platform_fees,
            processing_fees: theirs.processing_fees,
            creators: theirs.creators,
            org_revenue: theirs.org_revenue,
            refund_fees_org: theirs.refund_fees_org,
          }).toEqual({
            gross: Number(mine.gross),
            refunded: Number(mine.refunds),
            tax: Number(mine.tax),
            platform_fees: Number(mine.platform_fees),
            processing_fees: Number(mine.processing_fees),
            creators: Number(mine.staff_shares),
            org_revenue: Number(mine.org_revenue),
            refund_fees_org: Number(mine.refund_fees_org),
          })
        }
        const products = (await ok("/admin/earnings/products?currency_code=usd", f.a.staff.owner.headers)).products
        expect(products).toEqual([expect.objectContaining({ product_id: productA.id, gross: 99, creators: 63.76, org_revenue: 27.32, platform_fees: 4.95 })])

        // A period before anything happened: nothing; the same span a day later is "previous".
        const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10)
        const later = await ok(`/admin/analytics/overview?from=${tomorrow}&to=${tomorrow}`, f.a.staff.owner.headers)
        expect(later.revenue.current).toEqual([])
        expect(later.revenue.previous).toEqual([A_JPY, A_USD])
        expect(later.sales.previous).toMatchObject({ orders: 2, new_students: 2 })
        expect(later.sales.current).toMatchObject({ orders: 0, new_students: 0 })
        expect(later.learning.previous).toMatchObject({ lessons_completed: 2, quiz_attempts: 2 })
      })

      it("sales and learning figures of org A, by hand", async () => {
        const data = await ok("/admin/analytics/overview", f.a.staff.owner.headers)
        expect(data.sales.current).toEqual({
          orders: 2,
          canceled_orders: 0,
          orders_by_currency: [
            { currency_code: "jpy", orders: 1, canceled_orders: 0 },
            { currency_code: "usd", orders: 1, canceled_orders: 0 },
          ],
          new_students: 2,
        })
        expect(data.sales.previous).toEqual({ orders: 0, canceled_orders: 0, orders_by_currency: [], new_students: 0 })
        expect(data.sales.top_courses).toEqual([{ course_id: courseA.id, product_id: productA.id, title: courseA.title, new_students: 2 }])
        expect(data.sales.top_affiliates).toEqual([])
        expect(data.learning.current).toEqual({
          active_students: 1,
          lessons_completed: 2,
          certificates_issued: 0,
          quiz_attempts: 2,
          quiz_attempts_passed: 1,
          quiz_pass_rate: 0.5,
        })
        expect(data.learning.completion_by_course).toEqual([
          { course_id: courseA.id, title: courseA.title, enrolled: 2, completed: 0, completed_in_period: 0, completion_rate: 0 },
        ])
        // Org B's owner sees B's figures only, and no id of A.
        const b = await ok("/admin/analytics/overview", f.b.staff.owner.headers)
        expect(b.org_id).toBe(f.b.org.id)
        expect(b.revenue.current).toEqual([expect.objectContaining({ currency_code: "usd", gross: "99.00", platform_fees: "4.95", org_revenue: "91.08" })])
        expect(b.sales.current).toMatchObject({ orders: 1, new_students: 1 })
        expect(b.learning.current).toMatchObject({ active_students: 1, lessons_completed: 1, quiz_attempts: 0, quiz_pass_rate: null })
        expect(b.learning.completion_by_course).toEqual([expect.objectContaining({ course_id: courseB.id, enrolled: 1, completed: 1, completion_rate: 1 })])
        const ids = collectIds(b)
        expect([f.a.org.id, courseA.id, productA.id, orders.usd, orders.jpy].filter((id) => ids.has(id))).toEqual([])
      })

      it("creators see their own earnings and attributed courses; other staff nothing of others", async () => {
        const creator = await ok("/admin/analytics/overview", f.a.staff.creator.headers)
        expect(creator.view).toBe("own")
        expect(creator.revenue.current).toEqual([
          expect.objectContaining({ currency_code: "jpy", gross: "0", staff_shares: "6440", org_revenue: "0", platform_fees: "0" }),
          expect.objectContaining({ currency_code: "usd", gross: "0.00", staff_shares: "63.76", org_revenue: "0.00" }),
        ])
        expect(creator.sales.current).toMatchObject({ orders: 2, new_students: 2 })
        expect(creator.sales.top_affiliates).toBeNull()
        expect(creator.learning.current).toMatchObject({ lessons_completed: 2, quiz_attempts: 2 })
        // Staff and managers hold no rule: no money, no sales, no courses.
        for (const role of ["staff", "manager"] as const) {
          const own = await ok("/admin/analytics/overview", f.a.staff[role].headers)
          expect([own.view, own.revenue.current, own.sales.current.orders, own.learning.completion_by_course]).toEqual(["own", [], 0, []])
        }
      })

      it("actor matrix: 401 without an admin, 403 outside any org, each org its own, operators all or one", async () => {
        const url = "/admin/analytics/overview"
        const wrong: string[] = []
        const cases: [string, Record<string, string>, number][] = [
          ["anonymous", {}, 401],
          ["customer of A", { authorization: f.a.customer.headers.authorization }, 401],
          ["customer of B", { authorization: f.b.customer.headers.authorization }, 401],
          ["admin user of no org", f.outsider.headers, 403],
          ...ROLES.map((r) => [`${r} of A`, f.a.staff[r].headers, 200] as [string, Record<string, string>, number]),
          ...ROLES.map((r) => [`${r} of B`, f.b.staff[r].headers, 200] as [string, Record<string, string>, number]),
          ["platform operator", f.platform.headers, 200],
        ]
        for (const [name, headers, want] of cases) {
          const res = await get(url, headers)
          if (res.status !== want) wrong.push(`${name}: ${res.status} (expected ${want}) ${JSON.stringify(res.data)}`)
          if (res.status === 200 && name.endsWith("of B")) {
            const ids = collectIds(res.data)
            if ([f.a.org.id, courseA.id, productA.id].some((id) => ids.has(id))) wrong.push(`${name} saw org A`)
          }
        }
        expect(wrong).toEqual([])
        // Another org's id: 404 for staff, whatever their role; operators name any org or none.
        for (const r of ROLES) expect((await get(`${url}?org_id=${f.a.org.id}`, f.b.staff[r].headers)).status).toBe(404)
        expect((await get(`${url}?org_id=${f.a.org.id}`, f.a.staff.owner.headers)).status).toBe(200)
        const one = await ok(`${url}?org_id=${f.a.org.id}`, f.platform.headers)
        expect(one.revenue.current).toEqual([A_JPY, A_USD])
        const all = await ok(url, f.platform.headers)
        expect(all.org_id).toBeNull()
        expect(all.revenue.current).toEqual([
          expect.objectContaining({ currency_code: "jpy", gross: "14800", net: "10000", platform_fees: "500" }),
          expect.objectContaining({ currency_code: "usd", gross: "198.00", net: "198.00", platform_fees: "9.90", org_revenue: "118.40" }),
        ])
        expect(all.sales.current).toMatchObject({ orders: 3, new_students: 3 })
        expect((await get(`${url}?org_id=org_NOPE`, f.platform.headers)).status).toBe(404)
      })

      it("bad query parameters: 400 naming the parameter; fields= is refused", async () => {
        const h = f.a.staff.owner.headers
        const cases: [string, RegExp][] = [
          ["fields=id,org_id", /fields/],
          ["fields=*revenue.by_course", /fields/],
          ["interval=year", /interval/],
          ["from=2026-13-01", /from/],
          ["from=2026-02-31", /from must be a date/],
          ["to=yesterday", /to/],
          ["from=2026-05-02&to=2026-05-01", /from must be before to/],
          ["from=2000-01-01&to=2026-01-01&interval=day", /interval=day/],
          ["currency_code=dollars", /currency_code/],
        ]
        for (const [query, message] of cases) {
          const res = await get(`/admin/analytics/overview?${query}`, h)
          expect([query, res.status, res.data.message]).toEqual([query, 400, expect.stringMatching(message)])
        }
      })
    })

    describe("GET /admin/analytics/courses/:id", () => {
      it("per-lesson completions, drop-off and quiz pass rate; another org's course is 404", async () => {
        const url = `/admin/analytics/courses/${courseA.id}`
        const data = await ok(url, f.a.staff.owner.headers)
        expect(data).toMatchObject({ course: { id: courseA.id, product_id: productA.id }, enrolled: 2, completed: 0, enrolled_in_period: 2, completion_rate: 0 })
        expect(data.lessons.map((l: any) => [l.title, l.completions, l.completions_to_date, l.drop_off])).toEqual([
          ["Intro", 1, 1, 0],
          ["Quiz", 1, 1, 1],
          ["Wrap", 0, 0, 0],
        ])
        expect(data.quizzes).toEqual([
          expect.objectContaining({ placement_id: p.Quiz, title: "Quiz", attempts: 2, passed: 1, students: 1, students_passed: 1, pass_rate: 0.5 }),
        ])
        const cases: [string, Record<string, string>, number][] = [
          ["anonymous", {}, 401],
          ["customer of A", { authorization: f.a.customer.headers.authorization }, 401],
          ["admin user of no org", f.outsider.headers, 403],
          ["creator of A (attributed)", f.a.staff.creator.headers, 200],
          ["admin of A", f.a.staff.admin.headers, 200],
          ["staff of A (not attributed)", f.a.staff.staff.headers, 404],
          ["owner of B", f.b.staff.owner.headers, 404],
          ["creator of B", f.b.staff.creator.headers, 404],
          ["platform operator", f.platform.headers, 200],
        ]
        const wrong: string[] = []
        for (const [name, headers, want] of cases) {
          const res = await get(url, headers)
          if (res.status !== want) wrong.push(`${name}: ${res.status} (expected ${want})`)
        }
        expect(wrong).toEqual([])
        expect((await get(`/admin/analytics/courses/${courseB.id}`, f.b.staff.owner.headers)).status).toBe(200)
        expect((await get(`/admin/analytics/courses/${courseB.id}`, f.a.staff.owner.headers)).status).toBe(404)
        expect((await get(`/admin/analytics/courses/course_NOPE`, f.platform.headers)).status).toBe(404)
        const refused = await get(`${url}?fields=lessons`, f.a.staff.owner.headers)
        expect([refused.status, refused.data.message]).toEqual([400, expect.stringMatching(/fields/)])
      })
    })

    describe("GET /admin/analytics/platform", () => {
      it("per org figures for operators only", async () => {
        const url = "/admin/analytics/platform"
        const cases: [string, Record<string, string>, number][] = [
          ["anonymous", {}, 401],
          ["customer of A", { authorization: f.a.customer.headers.authorization }, 401],
          ["admin user of no org", f.outsider.headers, 403],
          ...ROLES.map((r) => [`${r} of A`, f.a.staff[r].headers, 403] as [string, Record<string, string>, number]),
          ["owner of B", f.b.staff.owner.headers, 403],
        ]
        const wrong: string[] = []
        for (const [name, headers, want] of cases) {
          const res = await get(url, headers)
          if (res.status !== want) wrong.push(`${name}: ${res.status} (expected ${want})`)
        }
        expect(wrong).toEqual([])
        const { orgs } = await ok(url, f.platform.headers)
        expect(orgs.find((o: any) => o.org_id === f.a.org.id)).toMatchObject({
          students: 2,
          courses: 1,
          orders: 2,
          revenue: [
            { currency_code: "jpy", gross: "14800", refunds: "4800", net: "10000", platform_fees: "500", refund_fees_platform: "0" },
            { currency_code: "usd", gross: "99.00", refunds: "0.00", net: "99.00", platform_fees: "4.95", refund_fees_platform: "0.00" },
          ],
        })
        expect(orgs.find((o: any) => o.org_id === f.b.org.id)).toMatchObject({
          students: 1,
          courses: 1,
          orders: 1,
          revenue: [{ currency_code: "usd", gross: "99.00", platform_fees: "4.95" }],
        })
        const before = await ok(`${url}?from=2020-01-01&to=2020-01-31`, f.platform.headers)
        expect(before.orgs.find((o: any) => o.org_id === f.a.org.id)).toMatchObject({ orders: 0, revenue: [] })
        const bad = await get(`${url}?org_id=${f.a.org.id}`, f.platform.headers)
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/org_id/)])
      })
    })
  },
})
