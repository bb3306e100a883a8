import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createPublishableKey } from "../../helpers/actors"
import { createRegion, eventually, placeOrder, TestProduct, TestRegion } from "../../helpers/commerce"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { collectIds, createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

import * as wf from "@volmify/courses/workflows"
import * as accessWf from "@volmify/access/workflows"

jest.setTimeout(240_000)

const SECRET = "SECRET-BODY"
const VIDEO = "https://videos.example.test/secret-master.mp4"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    let course: any
    let product: TestProduct
    let draft: any
    let bCourse: any
    let p: Record<string, string>
    let orphanKey: { headers: Record<string, string> }

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "crs" })
      usd = await createRegion(container, "usd")
      const lesson = (title: string, extra: Record<string, unknown> = {}) =>
        createLesson(container, f.a.org.id, { title, body: `${SECRET} of ${title}`, ...extra })
      const intro = await lesson("Intro", { type: "video", video_provider: "url", video_source: VIDEO, duration_seconds: 90 })
      const basics = await lesson("Basics", { type: "video", video_provider: "url", video_source: VIDEO })
      const more = await lesson("More basics")
      const premium = await lesson("Premium deep dive")
      const vip = await lesson("VIP clinic")
      const later = await lesson("Week two")
      ;({ course, product } = await createCourseWithOutline(container, f.a.org, {
        handle: "ts-course",
        outline: [
          {
            title: "Start",
            sections: [
              {
                title: "Welcome",
                lessons: [
                  { lesson_id: intro.id, is_preview: true },
                  { lesson_id: basics.id },
                  { lesson_id: more.id },
                  { lesson_id: premium.id, required_tier: 2 },
                ],
              },
            ],
          },
          { title: "VIP room", required_tier: 2, sections: [{ title: "Clinic", required_tier: 3, lessons: [{ lesson_id: vip.id }] }] },
          { title: "Week two", drip_days: 7, sections: [{ title: "Later", lessons: [{ lesson_id: later.id }] }] },
        ],
      }))
      p = await placementsByTitle(container, course.id)
      ;({ course: draft } = await createCourseWithOutline(container, f.a.org, {
        handle: "draft-course",
        publish: false,
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: intro.id, is_preview: true }] }] }],
      }))
      const bLesson = await createLesson(container, f.b.org.id, { title: "B lesson", body: `${SECRET} of B` })
      ;({ course: bCourse } = await createCourseWithOutline(container, f.b.org, {
        handle: "ts-course",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: bLesson.id, is_preview: true }] }] }],
      }))
      orphanKey = await createPublishableKey(container)
    })

    const get = async (url: string, headers: Record<string, string>) => {
      try {
        const res = await api.get(url, { headers })
        return { status: res.status, data: res.data }
      } catch (e: any) {
        if (!e.response) throw e
        return { status: e.response.status, data: e.response.data }
      }
    }
    const post = async (url: string, body: unknown, headers: Record<string, string>) => {
      try {
        const res = await api.post(url, body, { headers })
        return { status: res.status, data: res.data }
      } catch (e: any) {
        if (!e.response) throw e
        return { status: e.response.status, data: e.response.data }
      }
    }
    const anonA = () => f.a.key.headers
    const noLeak = (data: unknown) => {
      const text = JSON.stringify(data)
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(VIDEO)
      expect(text).not.toContain("signature=")
    }
    const grant = (customerId: string, tier: number, productId = product.id) =>
      accessWf.grantEntitlementWorkflow(getContainer()).run({
        input: { customer_id: customerId, product_id: productId, tier, reason: "test grant", granted_by: "test" },
      })
    const enrollmentOf = (customerId: string, courseId = course.id) =>
      courseService(getContainer()).listEnrollments({ customer_id: customerId, course_id: courseId })
    const allLessons = (c: any) => c.modules.flatMap((m: any) => m.sections.flatMap((s: any) => s.lessons))

    describe("catalog and tenancy", () => {
      it("lists only the key's org's published courses; other orgs' and drafts are 404 by id and handle", async () => {
        const a = await get("/store/courses", anonA())
        expect(a.status).toBe(200)
        expect(a.data).toMatchObject({ count: 1, limit: 20, offset: 0 })
        expect(a.data.courses.map((c: any) => c.id)).toEqual([course.id])
        noLeak(a.data)
        const b = await get("/store/courses", f.b.key.headers)
        expect(b.data.courses.map((c: any) => c.id)).toEqual([bCourse.id])
        for (const ref of [bCourse.id, draft.id, "draft-course", "nope"]) {
          const res = await get(`/store/courses/${ref}`, anonA())
          expect([ref, res.status]).toEqual([ref, 404])
        }
        // Same handle in two orgs: each key gets its own.
        expect((await get("/store/courses/ts-course", f.b.key.headers)).data.course.id).toBe(bCourse.id)
        expect((await get("/store/courses/ts-course", anonA())).data.course.id).toBe(course.id)
        expect((await get("/store/courses", orphanKey.headers)).status).toBe(404)
        expect((await get("/store/courses", {})).status).toBe(400)
        expect((await get("/store/courses?limit=0", anonA())).status).toBe(400)
        expect((await get("/store/courses?fields=*modules", anonA())).status).toBe(400)
        expect((await get(`/store/courses/${draft.id}/lessons/${p.Intro}`, anonA())).status).toBe(404)
        expect((await get(`/store/courses/${bCourse.id}/lessons/${p.Intro}`, f.b.key.headers)).status).toBe(404)
      })

      it("anonymous: tiers, access, outline with titles and lock reasons, no bodies or media anywhere", async () => {
        const { status, data } = await get(`/store/courses/ts-course?fields=*modules.sections.lessons.lesson.body`, anonA())
        expect(status).toBe(200)
        noLeak(data)
        const c = data.course
        expect(c.tiers.map((t: any) => [t.tier, t.variants.map((v: any) => v.title)])).toEqual([
          [1, ["Basic"]],
          [2, ["Premium"]],
          [3, ["VIP"]],
        ])
        expect(c.access).toEqual({ tier: 0, enrolled: false, progress_percent: 0 })
        expect(c.modules.map((m: any) => [m.title, m.required_tier, m.locked, m.lock_reason])).toEqual([
          ["Start", 1, true, "auth"],
          ["VIP room", 2, true, "auth"],
          ["Week two", 1, true, "auth"],
        ])
        expect(allLessons(c).map((l: any) => [l.title, l.required_tier, l.is_preview, l.locked, l.lock_reason, l.completed])).toEqual([
          ["Intro", 1, true, false, null, false],
          ["Basics", 1, false, true, "auth", false],
          ["More basics", 1, false, true, "auth", false],
          ["Premium deep dive", 2, false, true, "auth", false],
          ["VIP clinic", 3, false, true, "auth", false],
          ["Week two", 1, false, true, "auth", false],
        ])
        expect(collectIds(data).has(bCourse.id)).toBe(false)
      })

      it("Medusa's core product routes cannot reach course content through fields", async () => {
        for (const fields of ["*course", "+course.modules", "*course.modules.sections.placements.lesson"]) {
          const res = await get(`/store/products/${product.id}?fields=${encodeURIComponent(fields)}`, anonA())
          expect([fields, res.status < 500]).toEqual([fields, true])
          noLeak(res.data)
        }
        const list = await get(`/store/products?fields=*variants`, f.a.customer.headers)
        noLeak(list.data)
      })
    })

    describe("the lesson gate", () => {
      it("follows the gate order for anonymous, a Basic buyer (real checkout) and a VIP", async () => {
        const container = getContainer()
        // Basic through a real order: entitlement.granted -> enrollment.
        await placeOrder(api, f.a.customer, usd, [product.variants.find((v) => v.title === "Basic")!.id])
        const [enrollment] = await eventually(() => enrollmentOf(f.a.customer.customer.id))
        expect(enrollment).toMatchObject({ status: "active", org_id: f.a.org.id })

        const lessonUrl = (id: string) => `/store/courses/ts-course/lessons/${id}`
        const preview = await get(lessonUrl(p.Intro), anonA())
        expect(preview.status).toBe(200)
        expect(preview.data.lesson).toMatchObject({ title: "Intro", body: `${SECRET} of Intro`, is_preview: true })
        expect(preview.data.lesson.video.url).toMatch(/^\/course-media\/lessons\/les_\w+\/video\?expires=\d+&signature=[0-9a-f]{64}$/)

        const anon = await get(lessonUrl(p.Basics), anonA())
        expect(anon).toEqual({ status: 401, data: expect.objectContaining({ type: "unauthorized", code: "auth_required" }) })
        noLeak(anon.data)

        const cust = f.a.customer.headers
        const open = await get(lessonUrl(p.Basics), cust)
        expect(open.status).toBe(200)
        expect(open.data.lesson.body).toBe(`${SECRET} of Basics`)

        const premium = await get(lessonUrl(p["Premium deep dive"]), cust)
        const variant = (t: string) => product.variants.find((v) => v.title === t)!.id
        expect(premium).toEqual({
          status: 403,
          data: expect.objectContaining({
            type: "forbidden",
            code: "tier_required",
            required_tier: 2,
            current_tier: 1,
            unlock_variant_ids: [variant("Premium"), variant("VIP")],
          }),
        })
        noLeak(premium.data)
        const vip = await get(lessonUrl(p["VIP clinic"]), cust)
        expect(vip.data).toMatchObject({ code: "tier_required", required_tier: 3, unlock_variant_ids: [variant("VIP")] })

        const drip = await get(lessonUrl(p["Week two"]), cust)
        expect(drip.status).toBe(403)
        expect(drip.data.code).toBe("drip_locked")
        expect(new Date(drip.data.available_at).getTime()).toBe(new Date(enrollment.started_at).getTime() + 7 * 86_400_000)
        noLeak(drip.data)

        // Customer of B on A's storefront holds no tier for A's course.
        expect((await get(lessonUrl(p.Basics), { ...anonA(), authorization: f.b.customer.headers.authorization })).data.code).toBe(
          "tier_required"
        )
        // Admin tokens are not customers: staff and operators are anonymous on the store.
        for (const admin of [f.a.staff.owner, f.platform]) {
          const res = await get(lessonUrl(p.Basics), { ...anonA(), authorization: admin.headers.authorization })
          expect([res.status, res.data.code]).toEqual([401, "auth_required"])
        }
        // A placement of another course is not found through this course.
        const other = await placementsByTitle(container, draft.id)
        expect((await get(lessonUrl(other.Intro), cust)).status).toBe(404)

        // The outline for the Basic buyer.
        const { data } = await get("/store/courses/ts-course", cust)
        noLeak(data)
        expect(data.course.access).toEqual({ tier: 1, enrolled: true, progress_percent: 0 })
        expect(allLessons(data.course).map((l: any) => [l.title, l.locked, l.lock_reason])).toEqual([
          ["Intro", false, null],
          ["Basics", false, null],
          ["More basics", false, null],
          ["Premium deep dive", true, "tier"],
          ["VIP clinic", true, "tier"],
          ["Week two", true, "drip"],
        ])
        expect(data.course.modules[2].available_at).toBe(drip.data.available_at)

        // A VIP still waits for the drip; then everything opens once the clock passes it.
        await grant(f.b.customer.customer.id, 3)
        const bOnA = { ...anonA(), authorization: f.b.customer.headers.authorization }
        expect((await get(lessonUrl(p["VIP clinic"]), bOnA)).status).toBe(200)
        expect((await get(lessonUrl(p["Week two"]), bOnA)).data.code).toBe("drip_locked")
        const [bEnrollment] = await eventually(() => enrollmentOf(f.b.customer.customer.id))
        await courseService(container).updateEnrollments({ id: bEnrollment.id, started_at: new Date(Date.now() - 8 * 86_400_000) })
        expect((await get(lessonUrl(p["Week two"]), bOnA)).status).toBe(200)
      })

      it("signed media URLs redirect while valid; altered or expired links are 403", async () => {
        const { data } = await get(`/store/courses/ts-course/lessons/${p.Intro}`, anonA())
        const url: string = data.lesson.video.url
        const expiresAt = new Date(data.lesson.video.expires_at).getTime()
        expect(expiresAt - Date.now()).toBeGreaterThan(0)
        expect(expiresAt - Date.now()).toBeLessThanOrEqual(15 * 60_000)
        const ok = await api.get(url, { maxRedirects: 0, validateStatus: () => true })
        expect([ok.status, ok.headers.location]).toEqual([302, VIDEO])
        const altered = [
          url.replace(/signature=./, (m) => (m.endsWith("a") ? "signature=b" : "signature=a")),
          url.replace(/expires=(\d+)/, (_m, e) => `expires=${Number(e) + 60}`),
          url.replace(/lessons\/les_\w+/, `lessons/${data.lesson.lesson_id}x`),
          url.split("?")[0],
        ]
        for (const bad of altered) {
          const res = await api.get(bad, { maxRedirects: 0, validateStatus: () => true })
          expect([bad, res.status]).toEqual([bad, 403])
        }
        const signer = courseService(getContainer()).mediaSigner
        const stale = signer.sign(url.split("?")[0], new Date(Date.now() - 16 * 60_000)).url
        const expired = await api.get(stale, { maxRedirects: 0, validateStatus: () => true })
        expect(expired.status).toBe(403)
        expect(expired.data.message).toMatch(/expired/)
      })
    })

    describe("progress and enrollments", () => {
      it("records progress only on lessons the customer can open; completes the enrollment at 100 %", async () => {
        const container = getContainer()
        const customer = f.a.customer
        await grant(customer.customer.id, 1)
        const [enrollment] = await eventually(() => enrollmentOf(customer.customer.id))
        const url = (id: string) => `/store/courses/ts-course/lessons/${id}/progress`
        const progressRows = () => courseService(container).listLessonProgresses({ enrollment_id: enrollment.id })

        expect((await post(url(p.Basics), { status: "completed" }, anonA())).status).toBe(401)
        for (const body of [{ status: "done" }, { status: "completed", position_seconds: -1 }, { status: "completed", extra: 1 }, {}]) {
          const res = await post(url(p.Basics), body, customer.headers)
          expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400])
        }
        const locked = await post(url(p["Premium deep dive"]), { status: "completed" }, customer.headers)
        expect([locked.status, locked.data.code]).toEqual([403, "tier_required"])
        const dripped = await post(url(p["Week two"]), { status: "completed" }, customer.headers)
        expect([dripped.status, dripped.data.code]).toEqual([403, "drip_locked"])
        const stranger = await post(url(p.Intro), { status: "completed" }, { ...anonA(), authorization: f.b.customer.headers.authorization })
        expect(stranger.status).toBe(400)
        expect(stranger.data.message).toMatch(/not enrolled/)
        expect(await progressRows()).toEqual([])

        const first = await post(url(p.Basics), { status: "in_progress", position_seconds: 42 }, customer.headers)
        expect(first.status).toBe(200)
        expect(first.data).toEqual({ progress: expect.objectContaining({ status: "in_progress", position_seconds: 42 }), course_progress_percent: 0 })
        // Openable for tier 1: Intro (preview), Basics, More basics, Week two (drip still counts) = 4.
        expect((await post(url(p.Basics), { status: "completed" }, customer.headers)).data.course_progress_percent).toBe(25)
        expect((await post(url(p.Basics), { status: "in_progress", position_seconds: 5 }, customer.headers)).data.progress.status).toBe("completed")
        expect((await post(url(p.Intro), { status: "completed" }, customer.headers)).data.course_progress_percent).toBe(50)
        expect((await post(url(p["More basics"]), { status: "completed" }, customer.headers)).data.course_progress_percent).toBe(75)
        expect((await progressRows()).length).toBe(3)

        const { data } = await get("/store/customers/me/enrollments", customer.headers)
        expect(data.enrollments).toEqual([
          expect.objectContaining({ course_id: course.id, tier: 1, progress_percent: 75, status: "active", course: expect.objectContaining({ handle: "ts-course" }) }),
        ])
        noLeak(data)
        expect((await get("/store/customers/me/enrollments", { ...f.b.key.headers, authorization: customer.headers.authorization })).data.enrollments).toEqual([])
        expect((await get("/store/customers/me/enrollments", anonA())).status).toBe(401)

        // A failed completion leaves the enrollment and progress as they were.
        await courseService(container).updateEnrollments({ id: enrollment.id, started_at: new Date(Date.now() - 8 * 86_400_000) })
        const failed = await runFailingAfter(wf.recordLessonProgressWorkflow(container), "evaluate-enrollment", {
          enrollment_id: enrollment.id,
          placement_id: p["Week two"],
          status: "completed",
        })
        expect(failed.errors).toHaveLength(1)
        expect((await progressRows()).length).toBe(3)
        const last = await post(url(p["Week two"]), { status: "completed" }, customer.headers)
        expect(last.data.course_progress_percent).toBe(100)
        const [done] = await enrollmentOf(customer.customer.id)
        expect(done).toMatchObject({ status: "completed", completed_at: expect.anything() })
        const outline = await get("/store/courses/ts-course", customer.headers)
        expect(outline.data.course.access.progress_percent).toBe(100)
        expect(outline.data.course.modules[0].sections[0].lessons.map((l: any) => l.completed)).toEqual([true, true, true, false])
      })

      it("enrollment is idempotent: 10 concurrent grants' events enroll once; a failed enrollment leaves none", async () => {
        const container = getContainer()
        const customerId = f.b.customer.customer.id
        await Promise.all(
          Array.from({ length: 10 }, () =>
            wf.enrollCustomerForProductsWorkflow(container).run({ input: { customer_id: customerId, product_ids: [product.id] } })
          )
        )
        expect(await enrollmentOf(customerId)).toHaveLength(1)
        const other = f.a.staff.owner.user.id // any id: enrollment rows do not check customers
        const failed = await runFailingAfter(wf.enrollCustomerForProductsWorkflow(container), "create-enrollments", {
          customer_id: other,
          product_ids: [product.id],
        })
        expect(failed.errors).toHaveLength(1)
        expect(await enrollmentOf(other)).toEqual([])
      })
    })

    describe("performance", () => {
      it("builds the outline with the same number of SQL queries for 30 and 300 lessons", async () => {
        const container = getContainer()
        const lessons = await Promise.all(
          Array.from({ length: 10 }, (_, i) => createLesson(container, f.a.org.id, { title: `L${i}`, body: SECRET }))
        )
        const outline = (n: number) =>
          Array.from({ length: 3 }, (_, m) => ({
            title: `Module ${m}`,
            sections: Array.from({ length: 5 }, (_, s) => ({
              title: `Section ${s}`,
              lessons: Array.from({ length: n / 15 }, (_, i) => ({ lesson_id: lessons[i % 10].id, required_tier: 1 + (i % 3), is_preview: i === 0 })),
            })),
          }))
        const small = await createCourseWithOutline(container, f.a.org, { handle: "small-course", outline: outline(30) })
        const big = await createCourseWithOutline(container, f.a.org, { handle: "big-course", outline: outline(300) })
        await grant(f.a.customer.customer.id, 2, small.product.id)
        await grant(f.a.customer.customer.id, 2, big.product.id)
        await eventually(() => enrollmentOf(f.a.customer.customer.id, big.course.id))

        // Every SQL statement goes through the app's shared knex instance (modules' MikroORM
        // included); its "query" event counts them.
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
        const count = async (handle: string) => {
          let n = 0
          const listener = () => n++
          knex.on("query", listener)
          try {
            const res = await api.get(`/store/courses/${handle}`, { headers: f.a.customer.headers })
            expect(res.data.course.access.tier).toBe(2)
            return { n, lessons: allLessons(res.data.course).length }
          } finally {
            knex.removeListener("query", listener)
          }
        }
        // The grants' subscribers (enrollment, webhooks, automations) run in the background:
        // count only once the app has made no statement for a second, so theirs are not counted.
        const quiet = async () => {
          let last = Date.now()
          const listener = () => (last = Date.now())
          knex.on("query", listener)
          try {
            const deadline = Date.now() + 30_000
            while (Date.now() - last < 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
          } finally {
            knex.removeListener("query", listener)
          }
        }
        await quiet()
        // First reads (the outline is read and prepared) and warm reads (the prepared outline
        // and its gated body come from the caches, keyed on the outline version): each the same
        // number of statements for 30 and 300 lessons.
        const coldSmall = await count("small-course")
        const coldBig = await count("big-course")
        const a = await count("small-course")
        const b = await count("big-course")
        expect([a.lessons, b.lessons, coldSmall.lessons, coldBig.lessons]).toEqual([30, 300, 30, 300])
        expect(a.n).toBeGreaterThan(2)
        expect(b.n).toBe(a.n)
        expect(coldBig.n).toBe(coldSmall.n)
        expect(a.n).toBeLessThan(coldSmall.n)
      })

      it("the cached outline follows every write at once, whatever path writes it", async () => {
        const container = getContainer()
        const service = courseService(container)
        const [one, two, three] = await Promise.all(
          ["Cache one", "Cache two", "Cache three"].map((title) => createLesson(container, f.a.org.id, { title, body: `${SECRET} ${title}` }))
        )
        const { course: c, product: cp } = await createCourseWithOutline(container, f.a.org, {
          handle: "cache-course",
          outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: one.id }, { lesson_id: two.id, required_tier: 2 }] }] }],
        })
        const customer = f.a.customer
        await grant(customer.customer.id, 2, cp.id)
        await eventually(() => enrollmentOf(customer.customer.id, c.id))
        const outline = async () => {
          const res = await get("/store/courses/cache-course", customer.headers)
          expect(res.status).toBe(200)
          return res.data.course
        }
        const titles = (course: any) => allLessons(course).map((l: any) => l.title)
        expect(titles(await outline())).toEqual(["Cache one", "Cache two"])
        expect(titles(await outline())).toEqual(["Cache one", "Cache two"]) // now served from the caches

        // A placed lesson renamed through its workflow.
        await wf.updateLessonWorkflow(container).run({ input: { id: one.id, title: "Cache one, renamed" } })
        expect(titles(await outline())).toEqual(["Cache one, renamed", "Cache two"])
        // A placement's tier changed straight through the module service (no workflow at all).
        const placements = await placementsByTitle(container, c.id)
        await service.updateSectionLessons({ id: placements["Cache two"], required_tier: 3 })
        let course = await outline()
        expect(allLessons(course)[1]).toMatchObject({ title: "Cache two", required_tier: 3, locked: true, lock_reason: "tier" })
        // A lesson added and one removed through the outline workflow.
        const rows = await service.readOutlineRows(c.id)
        await wf.applyCourseOutlineWorkflow(container).run({
          input: {
            course_id: c.id,
            outline: {
              modules: [
                {
                  id: rows.modules[0].id,
                  title: "M",
                  sections: [{ id: rows.sections[0].id, title: "S", lessons: [{ id: placements["Cache one, renamed"], lesson_id: one.id }, { lesson_id: three.id }] }],
                },
              ],
              remove: { lessons: [placements["Cache two"]] },
            },
          },
        })
        expect(titles(await outline())).toEqual(["Cache one, renamed", "Cache three"])
        // Progress changes the caller's own outline, not anyone else's.
        course = await outline()
        const first = allLessons(course)[0]
        expect(first.completed).toBe(false)
        const done = await post(`/store/courses/cache-course/lessons/${first.id}/progress`, { status: "completed" }, customer.headers)
        expect(done.status).toBe(200)
        course = await outline()
        expect(allLessons(course)[0].completed).toBe(true)
        expect(course.access.progress_percent).toBe(50)
        const anonymous = await get("/store/courses/cache-course", anonA())
        expect(allLessons(anonymous.data.course)[0]).toMatchObject({ completed: false, locked: true, lock_reason: "auth" })
        // A variant's tier moved through the access workflow shows in the tiers at once.
        const vip = cp.variants.find((v) => v.title === "VIP")!
        expect(course.tiers.find((t: any) => t.tier === 3).variants.map((v: any) => v.id)).toEqual([vip.id])
        await accessWf.setAccessPlanWorkflow(container).run({ input: { variant_id: vip.id, tier: 2 } })
        course = await outline()
        expect(course.tiers.map((t: any) => [t.tier, t.variants.map((v: any) => v.title).sort()])).toEqual([
          [1, ["Basic"]],
          [2, ["Premium", "VIP"]],
        ])
        // The lesson gate reads the same cached outline: the new tier applies to it at once too.
        const gated = await get(`/store/courses/cache-course/lessons/${allLessons(course)[1].id}`, customer.headers)
        expect(gated.status).toBe(200)
        await service.updateSectionLessons({ id: allLessons(course)[1].id, required_tier: 3 })
        const refused = await get(`/store/courses/cache-course/lessons/${allLessons(course)[1].id}`, customer.headers)
        expect(refused.status).toBe(403)
        expect(refused.data).toMatchObject({ code: "tier_required", required_tier: 3, current_tier: 2 })
      })
    })
  },
})
