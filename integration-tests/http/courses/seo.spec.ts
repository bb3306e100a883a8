import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createCourseWithOutline, createLesson } from "../../helpers/courses"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(240_000)

// Issue 26: search and social metadata per course. The merchant sets it on
// POST /admin/courses/:id (`seo`); the store answers it resolved against the course's content.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let course: any
    let hidden: any
    let bCourse: any

    const call = async (method: "get" | "post", url: string, headers: Record<string, string>, body?: unknown) => {
      try {
        const res = method === "get" ? await api.get(url, { headers }) : await api.post(url, body, { headers })
        return { status: res.status, data: res.data }
      } catch (e: any) {
        if (!e.response) throw e
        return { status: e.response.status, data: e.response.data }
      }
    }

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "seo" })
      const lesson = await createLesson(container, f.a.org.id, { title: "L" })
      const outline = [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id, is_preview: true }] }] }]
      ;({ course } = await createCourseWithOutline(container, f.a.org, { handle: "bread", outline }))
      ;({ course: hidden } = await createCourseWithOutline(container, f.a.org, { handle: "hidden", outline }))
      const bLesson = await createLesson(container, f.b.org.id, { title: "B" })
      ;({ course: bCourse } = await createCourseWithOutline(container, f.b.org, {
        handle: "b-bread",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: bLesson.id, is_preview: true }] }] }],
      }))
    })

    it("derives the store's SEO from the content when the merchant set none", async () => {
      const owner = f.a.staff.owner.headers
      const long = `**Bake** real bread at home. ${"Crust and crumb. ".repeat(20)}`
      expect((await call("post", `/admin/courses/${course.id}`, owner, { subtitle: null, description: long, thumbnail: "https://cdn.example/bread.png" })).status).toBe(200)
      const { status, data } = await call("get", "/store/courses/bread", f.a.key.headers)
      expect(status).toBe(200)
      expect(data.course.seo).toEqual({
        title: course.title,
        description: expect.stringMatching(/^Bake real bread at home\. Crust and crumb\..*…$/),
        image_url: "https://cdn.example/bread.png",
        canonical_url: null,
        noindex: false,
      })
      expect(data.course.seo.description.length).toBeLessThanOrEqual(155)
    })

    it("staff of the org set it (admin answer keeps what they wrote; the store resolves field by field)", async () => {
      const seo = { title: "Sourdough at home", description: "The course for bakers", canonical_url: "https://school-a.example/bread" }
      const res = await call("post", `/admin/courses/${course.id}`, f.a.staff.owner.headers, { seo })
      expect(res.status).toBe(200)
      expect(res.data.course.seo).toEqual(seo)
      const read = await call("get", `/admin/courses/${course.id}`, f.a.staff.owner.headers)
      expect(read.data.course.seo).toEqual(seo)
      const store = await call("get", `/store/courses/${course.id}`, f.a.key.headers)
      expect(store.data.course.seo).toEqual({ ...seo, image_url: "https://cdn.example/bread.png", noindex: false })
      // null clears it back to the defaults
      expect((await call("post", `/admin/courses/${course.id}`, f.a.staff.owner.headers, { seo: null })).data.course.seo).toBeNull()
      expect((await call("get", "/store/courses/bread", f.a.key.headers)).data.course.seo.title).toBe(course.title)
    })

    it("the list carries seo (noindex included) and updated_at for the sitemap", async () => {
      expect((await call("post", `/admin/courses/${hidden.id}`, f.a.staff.owner.headers, { seo: { noindex: true } })).status).toBe(200)
      const { data } = await call("get", "/store/courses", f.a.key.headers)
      const byHandle = Object.fromEntries(data.courses.map((c: any) => [c.handle, c]))
      expect(Object.keys(byHandle).sort()).toEqual(["bread", "hidden"])
      expect(byHandle.hidden.seo.noindex).toBe(true)
      expect(byHandle.bread.seo.noindex).toBe(false)
      expect(Date.parse(byHandle.bread.updated_at)).not.toBeNaN()
    })

    it("bad seo is a 400 naming the field, nothing written", async () => {
      const h = f.a.staff.owner.headers
      const cases: [unknown, RegExp][] = [
        [{ image_url: "javascript:alert(1)" }, /seo\.image_url/],
        [{ canonical_url: "not a url" }, /seo\.canonical_url/],
        [{ title: "x".repeat(71) }, /seo\.title/],
        [{ description: "x".repeat(321) }, /seo\.description/],
        [{ noindex: "yes" }, /seo\.noindex/],
        [{ robots: "none" }, /robots|Unrecognized/i],
        ["just text", /seo|object/i],
      ]
      for (const [seo, message] of cases) {
        const res = await call("post", `/admin/courses/${course.id}`, h, { seo, title: "Should not be written" })
        expect([JSON.stringify(seo), res.status]).toEqual([JSON.stringify(seo), 400])
        expect(res.data.message).toMatch(message)
      }
      expect((await call("get", `/admin/courses/${course.id}`, h)).data.course.title).toBe(course.title)
    })

    it("actor matrix: only staff of the course's org (and the platform) edit it; others 401/403/404", async () => {
      const body = { seo: { title: "Hijacked" } }
      const url = `/admin/courses/${course.id}`
      expect((await call("post", url, {}, body)).status).toBe(401)
      expect((await call("post", url, f.a.customer.headers, body)).status).toBe(401)
      expect((await call("post", url, f.b.customer.headers, body)).status).toBe(401)
      expect((await call("post", url, f.b.staff.owner.headers, body)).status).toBe(404)
      expect([401, 403]).toContain((await call("post", url, f.outsider.headers, body)).status)
      // Another org's course id under A's staff
      expect((await call("post", `/admin/courses/${bCourse.id}`, f.a.staff.owner.headers, body)).status).toBe(404)
      expect((await call("get", "/store/courses/bread", f.a.key.headers)).data.course.seo.title).not.toBe("Hijacked")
      const platform = await call("post", url, f.platform.headers, { seo: { title: "By the platform" } })
      expect(platform.status).toBe(200)
      expect(platform.data.course.seo.title).toBe("By the platform")
      // B's store never sees A's course
      expect((await call("get", "/store/courses/bread", f.b.key.headers)).status).toBe(404)
    })
  },
})
