import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createTieredProduct, eventually, TestProduct } from "../../helpers/commerce"
import { courseService, createCourseWithOutline, createLesson } from "../../helpers/courses"
import { failure } from "../../helpers/http"
import { attributeStaff, collectIds, createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

import * as wf from "@volmify/courses/workflows"

jest.setTimeout(240_000)

const CATALOG = ["owner", "admin", "manager", "creator"]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let course: any
    let bCourse: any
    let lessonA: any
    let lessonB: any
    let spare: TestProduct[]
    let planless: TestProduct

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "adm" })
      lessonA = await createLesson(container, f.a.org.id, { title: "Shared lesson", body: "body A" })
      lessonB = await createLesson(container, f.b.org.id, { title: "B lesson", body: "body B" })
      ;({ course } = await createCourseWithOutline(container, f.a.org, {
        handle: "course-a",
        title: "Course A",
        outline: [{ title: "M1", sections: [{ title: "S1", lessons: [{ lesson_id: lessonA.id }] }] }],
      }))
      ;({ course: bCourse } = await createCourseWithOutline(container, f.b.org, {
        handle: "course-b",
        outline: [{ title: "BM", sections: [{ title: "BS", lessons: [{ lesson_id: lessonB.id }] }] }],
      }))
      spare = []
      for (let i = 0; i < 11; i++) {
        spare.push(
          await createTieredProduct(container, f.a.org, { handle: `spare-${i}-${Date.now()}`, tiers: [{ title: "Basic", tier: 1, prices: { usd: 10 } }] })
        )
      }
      planless = await createTieredProduct(container, f.a.org, { handle: `planless-${Date.now()}`, tiers: [{ title: "Only", tier: null, prices: { usd: 5 } }] })
      // Creators change only the products they are attributed on (role matrix).
      await attributeStaff(container, f.a.org.id, f.a.staff.creator, [course.product_id, ...spare.map((p) => p.id), planless.id])
    })

    async function call(method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) {
      try {
        const res = method === "post" ? await api.post(url, body ?? {}, { headers }) : await (api as any)[method](url, { headers })
        return { status: res.status, data: res.data }
      } catch (e: any) {
        if (!e.response) throw e
        return { status: e.response.status, data: e.response.data }
      }
    }

    /** The actor matrix: B's owner gets `bWant` (404 for A's ids, 200 without A's data for lists). */
    async function matrix(method: "get" | "post" | "delete", url: string, allowed: string[], { body, bWant = 404 }: { body?: () => unknown; bWant?: number } = {}) {
      const actors = [
        { name: "anonymous", headers: {}, want: 401 },
        { name: "customer of A", headers: { authorization: f.a.customer.headers.authorization }, want: 401 },
        { name: "customer of B", headers: { authorization: f.b.customer.headers.authorization }, want: 401 },
        ...ROLES.map((r) => ({ name: `${r} of A`, headers: f.a.staff[r].headers, want: allowed.includes(r) ? 200 : 403 })),
        { name: "owner of B", headers: f.b.staff.owner.headers, want: bWant, b: true },
        { name: "admin user of no org", headers: f.outsider.headers, want: 403 },
        { name: "platform operator", headers: f.platform.headers, want: 200 },
      ]
      const wrong: string[] = []
      for (const a of actors) {
        const res = await call(method, url, a.headers, body?.())
        const ok = a.want === 200 ? res.status >= 200 && res.status < 300 : res.status === a.want
        if (!ok) wrong.push(`${a.name}: ${res.status} (expected ${a.want}) ${JSON.stringify(res.data).slice(0, 300)}`)
        if (res.status < 300 && a.name !== "platform operator") {
          const ids = collectIds(res.data)
          const foreign = "b" in a ? [course.id, lessonA.id, f.a.org.id] : [bCourse.id, lessonB.id, f.b.org.id]
          expect(foreign.filter((id) => ids.has(id))).toEqual([])
        }
      }
      expect(wrong).toEqual([])
    }

    const outlineOf = async (id: string) => (await api.get(`/admin/courses/${id}/outline`, { headers: f.platform.headers })).data.modules

    describe("courses", () => {
      it("actor matrix on every course route", async () => {
        await matrix("get", "/admin/courses", ROLES, { bWant: 200 })
        await matrix("get", `/admin/courses/${course.id}`, ROLES)
        await matrix("post", `/admin/courses/${course.id}`, CATALOG, { body: () => ({ subtitle: "Updated" }) })
        await matrix("get", `/admin/courses/${course.id}/outline`, ROLES)
        const same = async () => ({
          modules: (await outlineOf(course.id)).map((m: any) => ({
            id: m.id,
            title: m.title,
            sections: m.sections.map((s: any) => ({ id: s.id, title: s.title, lessons: s.lessons.map((l: any) => ({ id: l.id, lesson_id: l.lesson_id })) })),
          })),
        })
        const body = await same()
        await matrix("post", `/admin/courses/${course.id}/outline`, CATALOG, { body: () => body })
        await matrix("post", `/admin/courses/${course.id}/unpublish`, CATALOG)
        await matrix("post", `/admin/courses/${course.id}/publish`, CATALOG)
        let n = 0
        await matrix("post", "/admin/courses", CATALOG, {
          bWant: 404,
          body: () => ({ product_id: spare[Math.min(n, 10)].id, handle: `created-${n++}`, title: "New" }),
        })
        const list = (await api.get("/admin/courses", { headers: f.a.staff.staff.headers })).data
        expect(list.courses.map((c: any) => c.org_id).every((o: string) => o === f.a.org.id)).toBe(true)
        const del = await call("delete", `/admin/courses/${course.id}`, f.b.staff.owner.headers)
        expect(del.status).toBe(404)
        expect((await call("delete", `/admin/courses/${course.id}`, f.a.staff.staff.headers)).status).toBe(403)
      })

      it("bad course input is a 4xx naming the field; nothing written", async () => {
        const h = f.a.staff.creator.headers
        const before = await courseService(getContainer()).listCourses({ org_id: f.a.org.id })
        const cases: [unknown, number, RegExp][] = [
          [{ product_id: spare[0].id, handle: "course-a", title: "Dup" }, 422, /handle/],
          [{ product_id: (await courseService(getContainer()).listCourses({ id: course.id }))[0].product_id, handle: "x-new", title: "T" }, 422, /product_id/],
          [{ product_id: spare[0].id, handle: "Bad Handle", title: "T" }, 400, /handle/],
          [{ product_id: spare[0].id, handle: "ok", title: "T", difficulty: 11 }, 400, /difficulty/],
          [{ product_id: spare[0].id, handle: "ok", title: "T", difficulty: 2.5 }, 400, /difficulty/],
          [{ product_id: spare[0].id, handle: "ok", title: "T", level: "expert" }, 400, /level/],
          [{ product_id: spare[0].id, handle: "ok" }, 400, /title/],
          [{ product_id: spare[0].id, handle: "ok", title: "T", org_id: f.b.org.id }, 400, /org_id/],
        ]
        for (const [body, status, message] of cases) {
          const res = await failure(api.post("/admin/courses", body, { headers: h }))
          expect([JSON.stringify(body), res.status, res.data.message]).toEqual([JSON.stringify(body), status, expect.stringMatching(message)])
        }
        const bProduct = await failure(api.post("/admin/courses", { product_id: (await courseService(getContainer()).listCourses({ id: bCourse.id }))[0].product_id, handle: "steal", title: "T" }, { headers: h }))
        expect(bProduct.status).toBe(404)
        const rename = await failure(api.post(`/admin/courses/${course.id}`, { handle: "course-a", difficulty: 0 }, { headers: h }))
        expect(rename.status).toBe(400)
        expect((await courseService(getContainer()).listCourses({ org_id: f.a.org.id })).length).toBe(before.length)
        // The same handle in another org is fine.
        const { data } = await api.post("/admin/courses", { product_id: spare[1].id, handle: "course-b", title: "Also B" }, { headers: h })
        expect(data.course).toMatchObject({ handle: "course-b", org_id: f.a.org.id, status: "draft" })
        const dupByUpdate = await failure(api.post(`/admin/courses/${data.course.id}`, { handle: "course-a" }, { headers: h }))
        expect([dupByUpdate.status, dupByUpdate.data.message]).toEqual([422, expect.stringMatching(/handle/)])
      })

      it("publishing needs variants with access plans; course workflows roll back", async () => {
        const container = getContainer()
        const h = f.a.staff.owner.headers
        const { data } = await api.post("/admin/courses", { product_id: planless.id, handle: "planless", title: "P" }, { headers: h })
        const refused = await failure(api.post(`/admin/courses/${data.course.id}/publish`, {}, { headers: h }))
        expect([refused.status, refused.data.message]).toEqual([400, expect.stringMatching(/no variant with an access plan/)])
        expect((await courseService(container).listCourses({ id: data.course.id }))[0].status).toBe("draft")

        const created = await runFailingAfter(wf.createCourseWorkflow(container), "create-courses", { product_id: spare[2].id, handle: "rolled", title: "R" })
        expect(created.errors).toHaveLength(1)
        expect(await courseService(container).listCourses({ product_id: spare[2].id })).toEqual([])
        const unpub = await runFailingAfter(wf.unpublishCourseWorkflow(container), "update-courses", { id: course.id })
        expect(unpub.errors).toHaveLength(1)
        expect((await courseService(container).listCourses({ id: course.id }))[0].status).toBe("published")
        const del = await runFailingAfter(wf.deleteCourseWorkflow(container), "soft-delete-courses", { id: course.id })
        expect(del.errors).toHaveLength(1)
        expect((await outlineOf(course.id))[0].sections[0].lessons).toHaveLength(1)
        expect((await call("delete", `/admin/courses/${course.id}`, f.a.staff.creator.headers)).status).toBe(200)
        expect((await call("get", `/admin/courses/${course.id}`, f.platform.headers)).status).toBe(404)
      })
    })

    describe("course details (issue 22 item 6)", () => {
      const employeeOf = async (orgId: string, actor: { user: { id: string } }) =>
        (await getContainer().resolve<any>("org").listOrgEmployees({ org_id: orgId, user_id: actor.user.id }))[0].id as string
      const storeCourse = async () => (await api.get(`/store/courses/course-a`, { headers: f.a.key.headers })).data.course

      it("instructor routes: actor matrix, tenancy, creators edit only their own profile", async () => {
        const creator = await employeeOf(f.a.org.id, f.a.staff.creator)
        const owner = await employeeOf(f.a.org.id, f.a.staff.owner)
        const bOwner = await employeeOf(f.b.org.id, f.b.staff.owner)
        await matrix("get", `/admin/instructors?org_id=${f.a.org.id}`, ROLES)
        await matrix("post", `/admin/instructors/${creator}`, CATALOG, { body: () => ({ bio: "Teaches things" }) })
        // Staff of A list A's staff only; B's owner lists B's; an operator must name the org.
        const listed = (await api.get("/admin/instructors", { headers: f.a.staff.staff.headers })).data.instructors
        expect(listed.map((i: any) => i.employee_id)).toEqual(expect.arrayContaining([creator, owner]))
        expect(listed.map((i: any) => i.employee_id)).not.toContain(bOwner)
        expect(listed).toHaveLength(ROLES.length)
        expect(listed.find((i: any) => i.employee_id === creator)).toMatchObject({ has_profile: true, bio: "Teaches things" })
        const opNoOrg = await failure(api.get("/admin/instructors", { headers: f.platform.headers }))
        expect([opNoOrg.status, opNoOrg.data.message]).toEqual([400, expect.stringMatching(/org_id/)])
        // Another org's employee in the path: 404, nothing written.
        const foreign = await failure(api.post(`/admin/instructors/${bOwner}`, { bio: "x" }, { headers: f.a.staff.owner.headers }))
        expect(foreign.status).toBe(404)
        const notOurs = await failure(api.get(`/admin/instructors?org_id=${f.b.org.id}`, { headers: f.a.staff.owner.headers }))
        expect(notOurs.status).toBe(404)
        // A creator may not rewrite a colleague's profile; the owner may.
        const other = await failure(api.post(`/admin/instructors/${owner}`, { bio: "hijack" }, { headers: f.a.staff.creator.headers }))
        expect([other.status, other.data.message]).toEqual([403, expect.stringMatching(/own instructor profile/)])
        const { data } = await api.post(`/admin/instructors/${creator}`, { name: "Cora Creator", photo_url: "https://img.example.com/cora.png" }, { headers: f.a.staff.owner.headers })
        expect(data.instructor).toMatchObject({ employee_id: creator, org_id: f.a.org.id, name: "Cora Creator", bio: "Teaches things", photo_url: "https://img.example.com/cora.png" })
        const profiles = await courseService(getContainer()).listCourseInstructors({})
        expect(profiles.map((p: any) => p.employee_id).sort()).toEqual([creator])
      })

      it("the merchant's details reach the store course payload: instructors in order, tier names and includes, FAQ", async () => {
        const creator = await employeeOf(f.a.org.id, f.a.staff.creator)
        const owner = await employeeOf(f.a.org.id, f.a.staff.owner)
        const before = await storeCourse()
        // A new course shows no badge nobody set, and its tiers have no made-up names.
        expect([before.level, before.language, before.faq, before.instructors]).toEqual([null, null, [], []])
        expect(before.tiers.map((t: any) => [t.tier, t.name, t.includes])).toEqual([[1, null, []], [2, null, []], [3, null, []]])
        const body = {
          subtitle: "From zero to shipping",
          description: "A long description",
          level: "intermediate",
          language: "pt-BR",
          thumbnail: "https://img.example.com/course.png",
          instructor_ids: [owner, creator],
          tier_details: [
            { tier: 1, name: "Starter", includes: ["All videos", "Certificate"] },
            { tier: 2, name: "Pro", includes: ["Everything in Starter", "Code reviews"] },
          ],
          faq: [{ question: "Is there a refund?", answer: "Yes, 30 days." }],
        }
        const { data } = await api.post(`/admin/courses/${course.id}`, body, { headers: f.a.staff.creator.headers })
        expect(data.course).toMatchObject(body)
        // Profiles start from the employee (the admin user's name or email) and are reused.
        const profiles = await courseService(getContainer()).listCourseInstructors({ org_id: f.a.org.id })
        expect(profiles.map((p: any) => p.employee_id).sort()).toEqual([creator, owner].sort())
        await api.post(`/admin/instructors/${owner}`, { name: "Olga Owner", headline: "Founder", bio: "Built it" }, { headers: f.a.staff.owner.headers })
        const after = await storeCourse()
        expect(after).toMatchObject({ subtitle: body.subtitle, level: "intermediate", language: "pt-BR", thumbnail: body.thumbnail, faq: body.faq })
        expect(after.instructors.map((i: any) => [i.id, i.name, i.headline, i.bio])).toEqual([
          [owner, "Olga Owner", "Founder", "Built it"],
          [creator, expect.any(String), null, null],
        ])
        expect(after.tiers.map((t: any) => [t.tier, t.name, t.includes])).toEqual([
          [1, "Starter", ["All videos", "Certificate"]],
          [2, "Pro", ["Everything in Starter", "Code reviews"]],
          [3, null, []],
        ])
        expect(after).not.toHaveProperty("tier_details")
        expect(after).not.toHaveProperty("instructor_ids")
        // The catalog stays lean: no FAQ or tier details per card.
        const list = (await api.get("/store/courses", { headers: f.a.key.headers })).data.courses
        expect(list.find((c: any) => c.id === course.id)).toMatchObject({ thumbnail: body.thumbnail })
        expect(list.find((c: any) => c.id === course.id)).not.toHaveProperty("faq")
        // Dropping an instructor and the FAQ shows at once on the store (the cached body is keyed on them).
        await api.post(`/admin/courses/${course.id}`, { instructor_ids: [creator], faq: null }, { headers: f.a.staff.owner.headers })
        const dropped = await storeCourse()
        expect([dropped.instructors.map((i: any) => i.id), dropped.faq]).toEqual([[creator], []])
      })

      it("bad details input is a 400 naming the problem; another org's staff is refused; nothing written", async () => {
        const h = f.a.staff.owner.headers
        const creator = await employeeOf(f.a.org.id, f.a.staff.creator)
        const bOwner = await employeeOf(f.b.org.id, f.b.staff.owner)
        const snapshot = async () => {
          const [c] = await courseService(getContainer()).listCourses({ id: course.id })
          return JSON.stringify([c.thumbnail, c.level, c.language, c.instructor_ids, c.tier_details, c.faq, await courseService(getContainer()).listCourseInstructors({})])
        }
        const before = await snapshot()
        const cases: [unknown, RegExp][] = [
          [{ thumbnail: "javascript:alert(1)" }, /thumbnail/],
          [{ thumbnail: "not a url" }, /thumbnail/],
          [{ level: "expert" }, /level/],
          [{ language: "english!!" }, /language/],
          [{ tier_details: [{ tier: 0, name: "Zero" }] }, /tier/],
          [{ tier_details: [{ tier: 1, name: "A" }, { tier: 1, name: "B" }] }, /repeat a tier/],
          [{ tier_details: [{ tier: 1, includes: ["x".repeat(201)] }] }, /includes/],
          [{ tier_details: [{ tier: 1, name: "n".repeat(81) }] }, /tier_details, 0, name/],
          [{ tier_details: [{ tier: 1, price: 5 }] }, /price|Unrecognized/i],
          [{ faq: [{ question: "", answer: "a" }] }, /faq.*question/],
          [{ faq: Array.from({ length: 51 }, () => ({ question: "q", answer: "a" })) }, /faq/],
          [{ instructor_ids: [creator, creator] }, /repeat an employee/],
          [{ instructor_ids: [bOwner] }, /instructor_ids/],
          [{ instructor_ids: ["oemp_missing"] }, /instructor_ids/],
        ]
        for (const [body, message] of cases) {
          const res = await failure(api.post(`/admin/courses/${course.id}`, body, { headers: h }))
          expect([JSON.stringify(body).slice(0, 80), res.status, res.data.message]).toEqual([JSON.stringify(body).slice(0, 80), 400, expect.stringMatching(message)])
        }
        const profileCases: [unknown, RegExp][] = [
          [{ photo_url: "ftp://x.example.com/a.png" }, /photo_url/],
          [{ name: "" }, /name/],
          [{ bio: "b".repeat(5001) }, /bio/],
          [{ employee_id: bOwner }, /employee_id|Unrecognized/i],
        ]
        for (const [body, message] of profileCases) {
          const res = await failure(api.post(`/admin/instructors/${creator}`, body, { headers: h }))
          expect([JSON.stringify(body).slice(0, 80), res.status, res.data.message]).toEqual([JSON.stringify(body).slice(0, 80), 400, expect.stringMatching(message)])
        }
        // Instructors are named on an existing course, where their org is checked.
        const created = await failure(api.post("/admin/courses", { product_id: spare[3].id, handle: "with-instr", title: "T", instructor_ids: [bOwner] }, { headers: h }))
        expect(created.status).toBe(400)
        expect(await snapshot()).toEqual(before)
      })

      it("course update and instructor profile workflows roll back", async () => {
        const container = getContainer()
        const creator = await employeeOf(f.a.org.id, f.a.staff.creator)
        const upd = await runFailingAfter(wf.updateCourseWorkflow(container), "update-courses", {
          id: course.id,
          instructor_ids: [creator],
          faq: [{ question: "q", answer: "a" }],
        })
        expect(upd.errors).toHaveLength(1)
        const [c] = await courseService(container).listCourses({ id: course.id })
        expect([c.instructor_ids, c.faq]).toEqual([null, null])
        expect(await courseService(container).listCourseInstructors({})).toEqual([])
        await wf.saveInstructorProfileWorkflow(container).run({ input: { org_id: f.a.org.id, employee_id: creator, bio: "first" } })
        const save = await runFailingAfter(wf.saveInstructorProfileWorkflow(container), "update-course-instructors", {
          org_id: f.a.org.id,
          employee_id: creator,
          bio: "second",
        })
        expect(save.errors).toHaveLength(1)
        expect((await courseService(container).listCourseInstructors({})).map((p: any) => p.bio)).toEqual(["first"])
        const fresh = await runFailingAfter(wf.saveInstructorProfileWorkflow(container), "create-course-instructors", {
          org_id: f.a.org.id,
          employee_id: await employeeOf(f.a.org.id, f.a.staff.manager),
        })
        expect(fresh.errors).toHaveLength(1)
        expect(await courseService(container).listCourseInstructors({})).toHaveLength(1)
      })
    })

    describe("outline", () => {
      it("creates, renames, reorders and moves in one call", async () => {
        const h = f.a.staff.manager.headers
        const second = await createLesson(getContainer(), f.a.org.id, { title: "Second" })
        const [m1] = await outlineOf(course.id)
        const s1 = m1.sections[0]
        const p1 = s1.lessons[0]
        const { data } = await api.post(
          `/admin/courses/${course.id}/outline`,
          {
            modules: [
              { title: "New first", required_tier: 2, drip_days: 3, sections: [{ title: "Fresh", lessons: [{ lesson_id: second.id, is_preview: true }, { id: p1.id, lesson_id: lessonA.id, required_tier: 3 }] }] },
              { id: m1.id, title: "M1 renamed", sections: [{ id: s1.id, title: "S1", lessons: [] }] },
            ],
          },
          { headers: h }
        )
        expect(data.modules.map((m: any) => [m.title, m.rank, m.required_tier, m.drip_days])).toEqual([
          ["New first", 0, 2, 3],
          ["M1 renamed", 1, 1, null],
        ])
        expect(data.modules[0].sections[0].lessons.map((l: any) => [l.lesson.title, l.rank, l.required_tier, l.is_preview, l.id === p1.id])).toEqual([
          ["Second", 0, 1, true, false],
          ["Shared lesson", 1, 3, false, true],
        ])
        expect(data.modules[1].sections[0].lessons).toEqual([])
        // Removal is explicit.
        const newModule = data.modules[0]
        const { data: after } = await api.post(
          `/admin/courses/${course.id}/outline`,
          {
            modules: [{ id: m1.id, title: "M1", sections: [{ id: s1.id, title: "S1", lessons: [{ id: p1.id, lesson_id: lessonA.id }] }] }],
            remove: { modules: [newModule.id], sections: [newModule.sections[0].id], lessons: [newModule.sections[0].lessons[0].id] },
          },
          { headers: h }
        )
        expect(after.modules.map((m: any) => m.sections.map((s: any) => s.lessons.map((l: any) => l.id)))).toEqual([[[p1.id]]])
      })

      it("a bad outline payload is a 400 naming the problem and changes nothing; a failed apply rolls back", async () => {
        const container = getContainer()
        const h = f.a.staff.owner.headers
        const current = await outlineOf(course.id)
        const [m1] = current
        const s1 = m1.sections[0]
        const p1 = s1.lessons[0]
        const [bm] = await outlineOf(bCourse.id)
        const keep = (lessons: unknown[]) => [{ id: m1.id, title: "Changed", sections: [{ id: s1.id, title: "S1", lessons }] }]
        const cases: [unknown, RegExp][] = [
          [{ modules: keep([{ id: p1.id, lesson_id: lessonA.id, required_tier: 0 }]) }, /required_tier/],
          [{ modules: keep([{ id: p1.id, lesson_id: lessonA.id, required_tier: 1.5 }]) }, /required_tier/],
          [{ modules: keep([{ id: p1.id, lesson_id: lessonA.id, required_tier: "2" }]) }, /required_tier/],
          [{ modules: keep([]) }, /lesson placement "cpl_\w+" is missing/],
          [{ modules: [{ id: m1.id, title: "X", sections: [] }] }, /section "csec_\w+" is missing/],
          [{ modules: [...keep([{ id: p1.id, lesson_id: lessonA.id }]), { title: "dup", sections: [{ id: s1.id, title: "again" }] }] }, /appears more than once/],
          [{ modules: keep([{ id: p1.id, lesson_id: lessonA.id }, { lesson_id: lessonB.id }]) }, /not in this org's lesson library/],
          [{ modules: keep([{ id: p1.id, lesson_id: lessonA.id }, { id: bm.sections[0].lessons[0].id, lesson_id: lessonA.id }]) }, /is not part of this course/],
          [{ modules: [{ id: bm.id, title: "steal", sections: [] }, ...keep([{ id: p1.id, lesson_id: lessonA.id }])] }, /is not part of this course/],
          [{ modules: keep([{ id: p1.id, lesson_id: lessonA.id, drip_days: -1 }]) }, /drip_days/],
          [{ modules: keep([{ id: p1.id }]) }, /lesson_id/],
        ]
        for (const [body, message] of cases) {
          const res = await failure(api.post(`/admin/courses/${course.id}/outline`, body, { headers: h }))
          expect([JSON.stringify(body).slice(0, 80), res.status, res.data.message]).toEqual([JSON.stringify(body).slice(0, 80), 400, expect.stringMatching(message)])
        }
        expect(await outlineOf(course.id)).toEqual(current)
        const failed = await runFailingAfter(wf.applyCourseOutlineWorkflow(container), "apply-course-outline", {
          course_id: course.id,
          outline: {
            modules: [
              { title: "Added", sections: [{ title: "New", lessons: [{ lesson_id: lessonA.id }, { id: p1.id, lesson_id: lessonA.id, required_tier: 3 }] }] },
              { id: m1.id, title: "Renamed", sections: [{ id: s1.id, title: "S1 renamed", lessons: [] }] },
            ],
          },
        })
        expect(failed.errors).toHaveLength(1)
        expect(await outlineOf(course.id)).toEqual(current)
      })
    })

    describe("lesson library", () => {
      it("actor matrix on lesson routes", async () => {
        await matrix("get", "/admin/lessons", ROLES, { bWant: 200 })
        await matrix("get", `/admin/lessons/${lessonA.id}`, ROLES)
        await matrix("post", `/admin/lessons/${lessonA.id}`, CATALOG, { body: () => ({ title: "Shared lesson" }) })
        await matrix("post", "/admin/lessons", CATALOG, { bWant: 404, body: () => ({ title: "Made in matrix", org_id: f.a.org.id }) })
      })

      it("one lesson in two courses: edits show in both, deletion is refused listing both; unused lessons delete", async () => {
        const container = getContainer()
        const h = f.a.staff.creator.headers
        const { course: other } = await createCourseWithOutline(container, f.a.org, {
          handle: "course-two",
          title: "Course Two",
          outline: [{ title: "Mod", sections: [{ title: "Sec", lessons: [{ lesson_id: lessonA.id }] }] }],
        })
        await api.post(`/admin/lessons/${lessonA.id}`, { title: "Edited once" }, { headers: h })
        for (const c of [course.id, other.id]) {
          expect((await outlineOf(c))[0].sections[0].lessons[0].lesson.title).toBe("Edited once")
        }
        const { data } = await api.get(`/admin/lessons/${lessonA.id}`, { headers: h })
        expect(data.lesson.used_in.map((u: any) => `${u.course_title} > ${u.module_title} > ${u.section_title}`).sort()).toEqual([
          "Course A > M1 > S1",
          "Course Two > Mod > Sec",
        ])
        const refused = await failure(api.delete(`/admin/lessons/${lessonA.id}`, { headers: h }))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/used in 2 place\(s\).*Course A > M1 > S1/)
        expect(refused.data.message).toMatch(/Course Two > Mod > Sec/)
        expect(await courseService(container).listLessons({ id: lessonA.id })).toHaveLength(1)

        const bad: [unknown, RegExp][] = [
          [{ title: "" }, /title/],
          [{ title: "V", video_provider: "url" }, /video_source/],
          [{ title: "V", video_provider: "url", video_source: "javascript:alert(1)" }, /video_source/],
          [{ title: "V", type: "podcast" }, /type/],
          [{ title: "V", duration_seconds: -5 }, /duration_seconds/],
          [{ title: "V", org_id: f.b.org.id }, /not found/],
        ]
        for (const [body, message] of bad) {
          const res = await failure(api.post("/admin/lessons", body, { headers: h }))
          expect([JSON.stringify(body), res.status >= 400 && res.status < 500, res.data.message]).toEqual([JSON.stringify(body), true, expect.stringMatching(message)])
        }
        const noOrg = await failure(api.post("/admin/lessons", { title: "x" }, { headers: f.platform.headers }))
        expect([noOrg.status, noOrg.data.message]).toEqual([400, expect.stringMatching(/org_id/)])

        const { data: made } = await api.post("/admin/lessons", { title: "Unused", type: "download" }, { headers: h })
        expect(made.lesson.org_id).toBe(f.a.org.id)
        const rolled = await runFailingAfter(wf.deleteLessonWorkflow(container), "soft-delete-lessons", { id: made.lesson.id })
        expect(rolled.errors).toHaveLength(1)
        expect(await courseService(container).listLessons({ id: made.lesson.id })).toHaveLength(1)
        expect((await call("delete", `/admin/lessons/${made.lesson.id}`, f.b.staff.owner.headers)).status).toBe(404)
        expect((await call("delete", `/admin/lessons/${made.lesson.id}`, f.a.staff.staff.headers)).status).toBe(403)
        expect((await call("delete", `/admin/lessons/${made.lesson.id}`, h)).status).toBe(200)
        expect(await courseService(container).listLessons({ id: made.lesson.id })).toEqual([])
      })
    })

    describe("customer learning (customer widget)", () => {
      it("GET /admin/customers/:id/enrollments: actor matrix, live tier and progress, narrowed to the staff's org", async () => {
        const container = getContainer()
        const access = require("@volmify/access/workflows")
        const learner = f.a.customer
        // The customer also joins org B's storefront and holds a course there.
        await api.post("/store/org/membership", {}, { headers: { ...f.b.key.headers, authorization: learner.headers.authorization } })
        for (const [c, tier] of [[course, 2], [bCourse, 1]] as const) {
          await access.grantEntitlementWorkflow(container).run({
            input: { customer_id: learner.customer.id, product_id: c.product_id, tier, reason: "widget test", granted_by: f.platform.user.id },
          })
        }
        const enrolled = async () => (await courseService(container).listEnrollments({ customer_id: learner.customer.id })).length
        await eventually(async () => (await enrolled()) === 2)
        expect(await enrolled()).toBe(2)
        const [placement] = (await courseService(container).readOutlineRows(course.id)).placements
        await api.post(`/store/courses/course-a/lessons/${placement.id}/progress`, { status: "completed" }, { headers: learner.headers })

        const url = `/admin/customers/${learner.customer.id}/enrollments`
        await matrix("get", url, ROLES, { bWant: 200 })
        const mine = (await api.get(url, { headers: f.a.staff.staff.headers })).data.enrollments
        expect(mine).toEqual([
          expect.objectContaining({
            course_id: course.id,
            tier: 2,
            // Its only lesson is done: the enrollment is complete.
            status: "completed",
            completed_at: expect.any(String),
            lessons_open: 1,
            lessons_completed: 1,
            progress_percent: 100,
            course: expect.objectContaining({ title: "Course A" }),
          }),
        ])
        const theirs = (await api.get(url, { headers: f.b.staff.owner.headers })).data.enrollments
        expect(theirs.map((e: any) => [e.course_id, e.tier, e.progress_percent])).toEqual([[bCourse.id, 1, 0]])
        const all = (await api.get(url, { headers: f.platform.headers })).data.enrollments
        expect(all.map((e: any) => e.course_id).sort()).toEqual([course.id, bCourse.id].sort())

        // A customer who is not a member of the staff's org, or no customer at all: 404.
        const notMember = await failure(api.get(`/admin/customers/${f.b.customer.customer.id}/enrollments`, { headers: f.a.staff.owner.headers }))
        expect([notMember.status, notMember.data.message]).toEqual([404, expect.stringMatching(/not found/)])
        expect((await failure(api.get("/admin/customers/cus_missing/enrollments", { headers: f.platform.headers }))).status).toBe(404)

        // The courses list counts enrollments.
        const listed = (await api.get("/admin/courses", { headers: f.a.staff.owner.headers })).data.courses
        expect(listed.find((c: any) => c.id === course.id).enrollment_count).toBe(1)
      })
    })
  },
})
