import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createCustomer, type CustomerActor } from "../../helpers/actors"
import { createRegion, eventually, placeOrder, TestRegion } from "../../helpers/commerce"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { collectIds, createTestOrg, createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"
import { useProcessEnv } from "../../helpers/env"

import * as attribution from "@volmify/attribution/workflows"
import * as wf from "@volmify/courses/workflows"

jest.setTimeout(300_000)

// Payments are captured (and refunded) by hand through the admin routes, as in attribution.spec.ts.
// The page-view beacon's limit is lowered to 30 a minute per key so one case can reach it.
useProcessEnv({ VOLMIFY_AUTO_CAPTURE: "false", VOLMIFY_PAGE_VIEWS_PER_MINUTE: "30" })

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

      it("the ledger's daily rollup equals its entries, after postings and after a failed workflow's postings are removed", async () => {
        const pg = getContainer().resolve<any>("__pg_connection__")
        const compare = async () => {
          const { rows } = await pg.raw(
            `WITH e AS (
               SELECT e.account_id, (t.occurred_at AT TIME ZONE 'UTC')::date AS day, t.kind, COALESCE(e.product_id, '') AS product_id,
                 SUM(CASE WHEN e.direction = 'debit' THEN e.amount ELSE 0 END) AS debits, SUM(CASE WHEN e.direction = 'credit' THEN e.amount ELSE 0 END) AS credits
               FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id GROUP BY 1, 2, 3, 4)
             SELECT count(*)::int AS groups,
               count(*) FILTER (WHERE s.account_id IS NULL OR e.account_id IS NULL OR s.debits <> e.debits OR s.credits <> e.credits)::int AS differing
             FROM e FULL JOIN (SELECT * FROM ledger_day_sum WHERE debits <> 0 OR credits <> 0) s
               ON s.account_id = e.account_id AND s.day = e.day AND s.kind = e.kind AND s.product_id = e.product_id`
          )
          return rows[0]
        }
        const before = await compare()
        expect(before.groups).toBeGreaterThan(5)
        expect(before.differing).toBe(0)
        // A failed workflow's posting removed (its compensation): the rollup loses it too.
        const [posting] = await ledger().listLedgerTransactions({ reference_type: "order", reference_id: orders.b })
        await ledger().rollbackPostedTransactions([posting.id])
        expect((await compare()).differing).toBe(0)
        const b = await ok(`/admin/analytics/overview?from=${today()}&to=${today()}`, f.b.staff.owner.headers)
        expect(b.revenue.current).toEqual([])
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
        // No page view counted and no coupon used yet (their cases below).
        expect([data.sales.page_views, data.sales.course_conversion, data.sales.coupons]).toEqual([0, [], []])
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

    describe("POST /store/analytics/page-views and conversion", () => {
      const URL = "/store/analytics/page-views"
      const beacon = (headers: Record<string, string>, body: unknown) => send(api, "post", URL, headers, body)
      const rollup = async () =>
        (
          await getContainer()
            .resolve<any>("pageViews")
            .listPageViewDays({}, { select: ["org_id", "course_id", "page_slug", "views", "day"] })
        ).map((r: any) => ({ org_id: r.org_id, course_id: r.course_id, page_slug: r.page_slug, views: r.views, day: new Date(r.day).toISOString() }))

      it("counts views per org, UTC day and course or page; conversion = orders / views per course, by hand", async () => {
        const keyA = f.a.key.headers
        for (let i = 0; i < 8; i++) expect((await beacon(keyA, { course_id: courseA.id })).status).toBe(204)
        for (let i = 0; i < 3; i++) expect((await beacon(f.b.key.headers, { course_id: courseB.id })).status).toBe(204)
        // A published sales page of org A, counted by slug.
        const page = await send(api, "post", "/admin/pages", f.a.staff.owner.headers, { title: "Launch", slug: "launch", blocks: [{ type: "hero", heading: "Hi" }] })
        expect((await send(api, "post", `/admin/pages/${page.data.page.id}/publish`, f.a.staff.owner.headers, {})).status).toBe(200)
        for (let i = 0; i < 2; i++) expect((await beacon(keyA, { page_slug: "launch" })).status).toBe(204)
        const day = `${today()}T00:00:00.000Z`
        const rows = await rollup()
        expect(rows.sort((x: any, y: any) => `${x.org_id}${x.course_id}${x.page_slug}`.localeCompare(`${y.org_id}${y.course_id}${y.page_slug}`))).toEqual(
          [
            { org_id: f.a.org.id, course_id: courseA.id, page_slug: null, views: 8, day },
            { org_id: f.a.org.id, course_id: null, page_slug: "launch", views: 2, day },
            { org_id: f.b.org.id, course_id: courseB.id, page_slug: null, views: 3, day },
          ].sort((x: any, y: any) => `${x.org_id}${x.course_id}${x.page_slug}`.localeCompare(`${y.org_id}${y.course_id}${y.page_slug}`))
        )
        // Nothing about the visitor is kept: the rollup has no column for it.
        const { rows: columns } = await getContainer()
          .resolve<any>("__pg_connection__")
          .raw(`SELECT column_name FROM information_schema.columns WHERE table_name = 'page_view_day' ORDER BY column_name`)
        expect(columns.map((c: any) => c.column_name)).toEqual(["course_id", "created_at", "day", "deleted_at", "id", "org_id", "page_slug", "updated_at", "views"])

        // Org A: 8 views of course A, 2 orders of it (USD and JPY) in the period: 2 / 8 = 0.25.
        const a = await ok("/admin/analytics/overview", f.a.staff.owner.headers)
        expect([a.sales.page_views, a.sales.course_conversion]).toEqual([
          8,
          [{ course_id: courseA.id, product_id: productA.id, title: courseA.title, views: 8, orders: 2, conversion: 0.25 }],
        ])
        // Only the USD order counts when the dashboard shows USD: 1 / 8.
        const usdOnly = await ok("/admin/analytics/overview?currency_code=usd", f.a.staff.owner.headers)
        expect(usdOnly.sales.course_conversion).toEqual([expect.objectContaining({ views: 8, orders: 1, conversion: 0.125 })])
        // Org B: 3 views, 1 order: 1 / 3 = 0.3333 (4 decimals). Neither sees the other's courses.
        const b = await ok("/admin/analytics/overview", f.b.staff.owner.headers)
        expect([b.sales.page_views, b.sales.course_conversion]).toEqual([
          3,
          [{ course_id: courseB.id, product_id: productB.id, title: courseB.title, views: 3, orders: 1, conversion: 0.3333 }],
        ])
        // The creator of A (attributed on course A) sees A's course; staff without a rule none.
        expect((await ok("/admin/analytics/overview", f.a.staff.creator.headers)).sales.course_conversion).toEqual([expect.objectContaining({ course_id: courseA.id, views: 8 })])
        expect((await ok("/admin/analytics/overview", f.a.staff.staff.headers)).sales).toMatchObject({ page_views: 0, course_conversion: [] })
        // Operators: every org, or one.
        expect((await ok("/admin/analytics/overview", f.platform.headers)).sales.page_views).toBe(11)
        expect((await ok(`/admin/analytics/overview?org_id=${f.b.org.id}`, f.platform.headers)).sales.page_views).toBe(3)
        // A period without views (tomorrow): no course, conversion unknown rather than 0.
        const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10)
        expect((await ok(`/admin/analytics/overview?from=${tomorrow}&to=${tomorrow}`, f.a.staff.owner.headers)).sales).toMatchObject({ page_views: 0, course_conversion: [] })
      })

      it("actor matrix and tenancy: any caller with the org's key counts; another org's course or page is 404; no key is 400", async () => {
        const withKey = (key: Record<string, string>, actor?: Record<string, string>) => ({ ...(actor ?? {}), ...key })
        const cases: [string, Record<string, string>, unknown, number][] = [
          ["anonymous without a key", {}, { course_id: courseA.id }, 400],
          ["anonymous with A's key", f.a.key.headers, { course_id: courseA.id }, 204],
          ["customer of A", f.a.customer.headers, { course_id: courseA.id }, 204],
          ["customer of B on A's course (B's key)", f.b.customer.headers, { course_id: courseA.id }, 404],
          ["customer of B with A's key", withKey(f.a.key.headers, { authorization: f.b.customer.headers.authorization }), { course_id: courseA.id }, 204],
          ["staff of A with A's key", withKey(f.a.key.headers, f.a.staff.owner.headers), { course_id: courseA.id }, 204],
          ["staff of B with B's key on A's course", withKey(f.b.key.headers, f.b.staff.owner.headers), { course_id: courseA.id }, 404],
          ["staff of A without a key", f.a.staff.owner.headers, { course_id: courseA.id }, 400],
          ["platform operator with B's key on B's course", withKey(f.b.key.headers, f.platform.headers), { course_id: courseB.id }, 204],
          ["A's key on B's course", f.a.key.headers, { course_id: courseB.id }, 404],
          ["B's key on A's course", f.b.key.headers, { course_id: courseA.id }, 404],
          ["a course that does not exist", f.a.key.headers, { course_id: "course_NOPE" }, 404],
          ["a page of no org", f.a.key.headers, { page_slug: "nowhere" }, 404],
        ]
        const wrong: string[] = []
        for (const [name, headers, body, want] of cases) {
          const res = await beacon(headers, body)
          if (res.status !== want) wrong.push(`${name}: ${res.status} (expected ${want}) ${JSON.stringify(res.data)}`)
          if (want === 404 && !/was not found/.test(res.data?.message ?? "")) wrong.push(`${name}: message ${JSON.stringify(res.data)}`)
        }
        expect(wrong).toEqual([])
        // What counted: A's course 4 times (anonymous, customer A, customer B and staff A with A's key), B's once.
        const rows = await rollup()
        expect(rows.map((r: any) => [r.org_id, r.course_id, r.views]).sort()).toEqual(
          [[f.a.org.id, courseA.id, 4], [f.b.org.id, courseB.id, 1]].sort()
        )
        // A draft course of A is not counted (404), nor B's published page through A's key.
        const { course: draft } = await createCourseWithOutline(getContainer(), f.a.org, { handle: "anl-draft", outline: [], publish: false })
        expect((await beacon(f.a.key.headers, { course_id: draft.id })).status).toBe(404)
        const pageB = await send(api, "post", "/admin/pages", f.b.staff.owner.headers, { title: "B sale", slug: "b-sale", blocks: [{ type: "hero", heading: "B" }] })
        expect((await send(api, "post", `/admin/pages/${pageB.data.page.id}/publish`, f.b.staff.owner.headers, {})).status).toBe(200)
        expect((await beacon(f.a.key.headers, { page_slug: "b-sale" })).status).toBe(404)
        expect((await beacon(f.b.key.headers, { page_slug: "b-sale" })).status).toBe(204)
        // An org named in the query or the body never redirects the count: the key decides.
        expect((await send(api, "post", `${URL}?org_id=${f.b.org.id}`, f.a.key.headers, { course_id: courseA.id })).status).toBe(204)
        const sneaky = await beacon(f.a.key.headers, { course_id: courseA.id, org_id: f.b.org.id })
        expect([sneaky.status, sneaky.data.message]).toEqual([400, expect.stringMatching(/org_id/)])
        const counted = await rollup()
        expect(counted.filter((r: any) => r.org_id === f.b.org.id).map((r: any) => [r.course_id, r.page_slug, r.views]).sort()).toEqual(
          [[courseB.id, null, 1], [null, "b-sale", 1]].sort()
        )
        expect(counted.find((r: any) => r.course_id === courseA.id).views).toBe(5)
      })

      it("bad bodies: 400 naming the field, nothing counted", async () => {
        const cases: [unknown, RegExp][] = [
          [{}, /course_id/],
          [{ course_id: "" }, /field 'course_id' too small/],
          [{ course_id: 5 }, /course_id/],
          [{ course_id: [courseA.id] }, /course_id/],
          [{ page_slug: "Not A Slug" }, /page_slug must be a slug/],
          [{ page_slug: ["launch"] }, /page_slug/],
          [{ course_id: courseA.id, page_slug: "launch" }, /exactly one of course_id or page_slug/],
          [{ course_id: courseA.id, visitor_ip: "203.0.113.9" }, /visitor_ip/],
          [{ course_id: "x".repeat(101) }, /field 'course_id' too big/],
        ]
        const wrong: string[] = []
        for (const [body, message] of cases) {
          const res = await beacon(f.a.key.headers, body)
          if (res.status !== 400 || !message.test(res.data?.message ?? "")) wrong.push(`${JSON.stringify(body).slice(0, 60)}: ${res.status} ${JSON.stringify(res.data)}`)
        }
        expect(wrong).toEqual([])
        expect(await rollup()).toEqual([])
      })

      it("rate limit: 30 a minute per key (VOLMIFY_PAGE_VIEWS_PER_MINUTE), then 429 with Retry-After; other keys unaffected", async () => {
        const c = await createTestOrg(getContainer(), api, { handle: "anl-limit" })
        for (let i = 0; i < 30; i++) expect((await beacon(c.key.headers, { course_id: "course_NOPE" })).status).toBe(404)
        const refused = await beacon(c.key.headers, { course_id: "course_NOPE" })
        expect([refused.status, refused.data.message]).toEqual([429, expect.stringMatching(/Too many page views for this store/)])
        expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0)
        expect((await beacon(f.b.key.headers, { course_id: courseB.id })).status).toBe(204)
      })
    })

    describe("coupon use", () => {
      /** A promotion of org A or B made by its owner (the admin route links it to the org). */
      async function promotion(headers: Record<string, string>, code: string, method: Record<string, unknown>) {
        const res = await send(api, "post", "/admin/promotions", headers, {
          code,
          type: "standard",
          status: "active",
          application_method: { target_type: "order", allocation: "across", ...method },
        })
        if (res.status >= 300) throw new Error(`promotion ${code}: ${res.status} ${JSON.stringify(res.data)}`)
        return res.data.promotion
      }
      /** Checks out one line with `code` applied; returns the order id. */
      async function orderWithCode(customer: CustomerActor, region: TestRegion, variantId: string, code: string) {
        const h = { headers: customer.headers }
        const { data } = await api.post("/store/carts", { region_id: region.id, email: customer.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, h)
        const applied = await api.post(`/store/carts/${data.cart.id}/promotions`, { promo_codes: [code] }, h)
        expect(applied.data.cart.promotions.map((p: any) => p.code)).toEqual([code])
        const { data: pc } = await api.post("/store/payment-collections", { cart_id: data.cart.id }, h)
        await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
        const done = await api.post(`/store/carts/${data.cart.id}/complete`, {}, h)
        expect(done.data.type).toBe("order")
        return done.data.order.id as string
      }

      it("orders with a promotion per code and currency in the period, discount totals by hand (USD, JPY); canceled and other orgs' left out", async () => {
        const owner = f.a.staff.owner.headers
        await promotion(owner, "SAVE10", { type: "percentage", value: 10, currency_code: "usd" })
        await promotion(owner, "SAVE10JP", { type: "percentage", value: 10, currency_code: "jpy" })
        await promotion(owner, "YEN500", { type: "fixed", value: 500, currency_code: "jpy" })
        await promotion(f.b.staff.owner.headers, "BSAVE", { type: "fixed", value: 5, currency_code: "usd" })
        const variant = productA.variants[0].id
        // By hand: $99 - 10 % = $9.90 off (twice: 19.80); ¥14,800 - 10 % = ¥1,480; ¥500 fixed.
        await orderWithCode(f.a.customer, usd, variant, "SAVE10")
        await orderWithCode(a2, usd, variant, "SAVE10")
        await orderWithCode(a2, jpy, variant, "SAVE10JP")
        await orderWithCode(f.a.customer, jpy, variant, "YEN500")
        // A canceled order with a code is no coupon use.
        const canceled = await orderWithCode(f.a.customer, jpy, variant, "YEN500")
        const cancel = await send(api, "post", `/admin/orders/${canceled}/cancel`, f.platform.headers, {})
        expect(cancel.status).toBe(200)
        await orderWithCode(f.b.customer, usd, productB.variants[0].id, "BSAVE")

        const a = await ok("/admin/analytics/overview", owner)
        expect(a.sales.coupons).toEqual([
          { code: "SAVE10", promotion_id: expect.stringMatching(/^promo_/), currency_code: "usd", orders: 2, discount_total: "19.80" },
          { code: "SAVE10JP", promotion_id: expect.stringMatching(/^promo_/), currency_code: "jpy", orders: 1, discount_total: "1480" },
          { code: "YEN500", promotion_id: expect.stringMatching(/^promo_/), currency_code: "jpy", orders: 1, discount_total: "500" },
        ])
        expect((await ok("/admin/analytics/overview?currency_code=JPY", owner)).sales.coupons.map((c: any) => c.code)).toEqual(["SAVE10JP", "YEN500"])
        const b = await ok("/admin/analytics/overview", f.b.staff.owner.headers)
        expect(b.sales.coupons).toEqual([{ code: "BSAVE", promotion_id: expect.stringMatching(/^promo_/), currency_code: "usd", orders: 1, discount_total: "5.00" }])
        // Operators see every org's; an employee's own view has none (promotions are the org's).
        expect((await ok("/admin/analytics/overview", f.platform.headers)).sales.coupons.map((c: any) => [c.code, c.orders]).sort()).toEqual(
          [["BSAVE", 1], ["SAVE10", 2], ["SAVE10JP", 1], ["YEN500", 1]]
        )
        expect((await ok("/admin/analytics/overview", f.a.staff.creator.headers)).sales.coupons).toBeNull()
        // Before the orders: none.
        expect((await ok("/admin/analytics/overview?from=2020-01-01&to=2020-01-31", owner)).sales.coupons).toEqual([])
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
