import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(240_000)

// Issue 26: search and social metadata per course (the merchant sets it on
// POST /admin/courses/:id `seo`; the store answers it resolved against the course's content)
// and translations of a course's texts per enabled locale with fallback to the default.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let course: any
    let hidden: any
    let bCourse: any
    let lesson: any
    let bModuleId: string

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
      lesson = await createLesson(container, f.a.org.id, { title: "L", body: "Default body" })
      const outline = [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lesson.id, is_preview: true }] }] }]
      ;({ course } = await createCourseWithOutline(container, f.a.org, { handle: "bread", outline }))
      ;({ course: hidden } = await createCourseWithOutline(container, f.a.org, { handle: "hidden", outline }))
      const bLesson = await createLesson(container, f.b.org.id, { title: "B" })
      ;({ course: bCourse } = await createCourseWithOutline(container, f.b.org, {
        handle: "b-bread",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: bLesson.id, is_preview: true }] }] }],
      }))
      const orgs = container.resolve<any>("org")
      await orgs.updateOrgs({ id: f.a.org.id, branding: { default_locale: "en", locales: ["en", "fr"] } })
      await orgs.updateOrgs({ id: f.b.org.id, branding: { default_locale: "en", locales: ["en"] } })
      bModuleId = (await courseService(container).listCourseModules({ course_id: bCourse.id }))[0].id
      // Set here, before the runner snapshots the database: it restores that snapshot before
      // every test, so what a test (or a nested beforeAll) writes is gone for the next one.
      await courseService(container).updateCourses({ id: course.id, subtitle: "Default subtitle" })
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
      // Unset fields fall back to the content (the image to the course's thumbnail, whatever it is now).
      expect(store.data.course.seo).toEqual({ ...seo, image_url: read.data.course.thumbnail ?? null, noindex: false })
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
        [{ image_url: "javascript:alert(1)" }, /seo\W+image_url/],
        [{ canonical_url: "not a url" }, /seo\W+canonical_url/],
        [{ title: "x".repeat(71) }, /seo\W+title/],
        [{ description: "x".repeat(321) }, /seo\W+description/],
        [{ noindex: "yes" }, /seo\W+noindex/],
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

    describe("published sales pages for the sitemap (GET /store/pages, @volmify/pages)", () => {
      it("lists exactly the key's org's published pages (noindex flagged, home marked), never drafts or another org's", async () => {
        const a = f.a.staff.owner.headers
        const post = async (headers: Record<string, string>, url: string, body: unknown) => {
          const res = await call("post", url, headers, body)
          if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.data)}`)
          return res.data
        }
        const hero = [{ type: "hero", heading: "Hello" }]
        const publish = async (headers: Record<string, string>, body: Record<string, unknown>) => {
          const { page } = await post(headers, "/admin/pages", { blocks: hero, ...body })
          await post(headers, `/admin/pages/${page.id}/publish`, {})
          return page
        }
        await publish(a, { title: "Launch", slug: "launch" })
        await publish(a, { title: "Home", slug: "home", is_home: true })
        await publish(a, { title: "Thanks", slug: "thanks", seo: { noindex: true } })
        await post(a, "/admin/pages", { title: "Draft", slug: "draft", blocks: hero })
        await publish(f.b.staff.owner.headers, { title: "B's", slug: "b-only" })

        const res = await call("get", "/store/pages", f.a.key.headers)
        expect(res.status).toBe(200)
        expect(res.data.pages.map((p: any) => [p.slug, p.is_home, p.noindex])).toEqual([
          ["home", true, false],
          ["launch", false, false],
          ["thanks", false, true],
        ])
        for (const p of res.data.pages) {
          expect(Object.keys(p).sort()).toEqual(["is_home", "noindex", "published_at", "slug", "title", "updated_at"])
          expect(Date.parse(p.updated_at)).not.toBeNaN()
        }
        expect((await call("get", "/store/pages", f.b.key.headers)).data.pages.map((p: any) => p.slug)).toEqual(["b-only"])
        // No key: Medusa's 400; a customer's token changes nothing; query probes are a 400.
        expect((await call("get", "/store/pages", {})).status).toBe(400)
        const asCustomer = await call("get", "/store/pages", { ...f.a.key.headers, ...f.b.customer.headers, ...f.a.key.headers })
        expect(asCustomer.data.pages.map((p: any) => p.slug)).toEqual(["home", "launch", "thanks"])
        for (const q of ["fields=blocks", `org_id=${f.b.org.id}`, "status=draft"]) {
          expect([q, (await call("get", `/store/pages?${q}`, f.a.key.headers)).status]).toEqual([q, 400])
        }
      })
    })

    describe("translations", () => {
      let moduleId: string
      let sectionId: string
      let placementId: string
      const url = () => `/admin/courses/${course.id}/translations`
      /** Four texts in fr (each test starts from the runner's snapshot: none yet). */
      const setFrench = () =>
        call("post", url(), f.a.staff.owner.headers, {
          locale: "fr",
          translations: [
            { entity_type: "course", entity_id: course.id, field: "title", value: "Pain au levain" },
            { entity_type: "module", entity_id: moduleId, field: "title", value: "Module FR" },
            { entity_type: "lesson", entity_id: lesson.id, field: "title", value: "Leçon" },
            { entity_type: "lesson", entity_id: lesson.id, field: "body", value: "Corps en français" },
          ],
        })

      beforeAll(async () => {
        const outline = (await call("get", `/admin/courses/${course.id}/outline`, f.a.staff.owner.headers)).data.modules
        moduleId = outline[0].id
        sectionId = outline[0].sections[0].id
        placementId = (await placementsByTitle(getContainer(), course.id)).L
      })

      it("staff set texts in an enabled locale; the store answers them with per-field fallback to the default", async () => {
        const set = await setFrench()
        expect(set.status).toBe(200)
        expect(set.data).toEqual({ locale: "fr", set: 4, removed: 0 })

        for (const [query, headers] of [
          ["?locale=fr", f.a.key.headers],
          ["", { ...f.a.key.headers, "x-volmify-locale": "fr" }],
        ] as const) {
          const { status, data } = await call("get", `/store/courses/bread${query}`, headers)
          expect(status).toBe(200)
          expect(data.course).toMatchObject({ title: "Pain au levain", subtitle: "Default subtitle", locale: "fr" })
          expect(data.course.modules[0].title).toBe("Module FR")
          expect(data.course.modules[0].sections[0].title).toBe("S")
          expect(data.course.modules[0].sections[0].lessons[0].title).toBe("Leçon")
        }
        const plain = (await call("get", "/store/courses/bread", f.a.key.headers)).data.course
        expect(plain.title).toBe(course.title)
        expect(plain.modules[0].title).toBe("M")

        const fr = await call("get", `/store/courses/bread/lessons/${placementId}?locale=fr`, f.a.key.headers)
        expect(fr.status).toBe(200)
        expect(fr.data.lesson).toMatchObject({ title: "Leçon", body: "Corps en français" })
        const en = await call("get", `/store/courses/bread/lessons/${placementId}`, f.a.key.headers)
        expect(en.data.lesson).toMatchObject({ title: "L", body: "Default body" })

        // The catalog's cards too: the translated title, the default subtitle; B's list untouched.
        for (const [query, headers] of [
          ["?locale=fr", f.a.key.headers],
          ["", { ...f.a.key.headers, "x-volmify-locale": "fr" }],
        ] as const) {
          const list = await call("get", `/store/courses${query}`, headers)
          expect([query, list.status, list.data.locale]).toEqual([query, 200, "fr"])
          expect(list.data.courses.find((c: any) => c.id === course.id)).toMatchObject({ title: "Pain au levain", subtitle: "Default subtitle" })
        }
        const defaultList = await call("get", "/store/courses", f.a.key.headers)
        expect(defaultList.data.locale).toBeUndefined()
        expect(defaultList.data.courses.find((c: any) => c.id === course.id).title).toBe(course.title)
        expect((await call("get", "/store/courses?locale=fr", f.b.key.headers)).status).toBe(400)
      })

      it("a locale the org has not enabled, or no language tag, is a 400 naming it (store and admin)", async () => {
        const de = await call("get", "/store/courses/bread?locale=de", f.a.key.headers)
        expect(de.status).toBe(400)
        expect((await call("get", "/store/courses?locale=de", f.a.key.headers)).data.message).toMatch(/"de" is not enabled/)
        expect((await call("get", "/store/courses", { ...f.a.key.headers, "x-volmify-locale": "xx-<b>" })).status).toBe(400)
        expect(de.data.message).toMatch(/"de" is not enabled/)
        expect((await call("get", "/store/courses/bread?locale=%3Cscript%3E", f.a.key.headers)).status).toBe(400)
        expect((await call("get", `/store/courses/bread/lessons/${placementId}`, { ...f.a.key.headers, "x-volmify-locale": "de" })).status).toBe(400)
        // fr is A's, not B's
        expect((await call("get", "/store/courses/b-bread?locale=fr", f.b.key.headers)).status).toBe(400)
        for (const locale of ["de", "en"]) {
          const res = await call("post", url(), f.a.staff.owner.headers, {
            locale,
            translations: [{ entity_type: "course", entity_id: course.id, field: "title", value: "X" }],
          })
          expect([locale, res.status]).toEqual([locale, 400])
          expect(res.data.message).toContain(locale)
        }
      })

      it("checks every row before writing: a field the type lacks is a 400, another org's module a 404, nothing written", async () => {
        const h = f.a.staff.owner.headers
        const good = { entity_type: "section", entity_id: sectionId, field: "title", value: "Section FR" }
        const bad = await call("post", url(), h, { locale: "fr", translations: [good, { entity_type: "module", entity_id: moduleId, field: "body", value: "x" }] })
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/field "body" cannot be translated on a module/)
        const foreign = await call("post", url(), h, { locale: "fr", translations: [good, { entity_type: "module", entity_id: bModuleId, field: "title", value: "x" }] })
        expect(foreign.status).toBe(404)
        expect(foreign.data.message).toContain(bModuleId)
        const unknownType = await call("post", url(), h, { locale: "fr", translations: [{ ...good, entity_type: "product" }] })
        expect(unknownType.status).toBe(400)
        expect((await call("get", "/store/courses/bread?locale=fr", f.a.key.headers)).data.course.modules[0].sections[0].title).toBe("S")
        const rows = (await call("get", `${url()}?locale=fr`, h)).data.translations
        expect(rows.map((r: any) => r.entity_id)).not.toContain(bModuleId)
        expect(rows.map((r: any) => r.entity_id)).not.toContain(sectionId)
      })

      it("lists translations and what is missing; null removes one (back to the default)", async () => {
        const h = f.a.staff.owner.headers
        expect((await setFrench()).status).toBe(200)
        const list = await call("get", `${url()}?locale=fr`, h)
        expect(list.status).toBe(200)
        expect(list.data).toMatchObject({ default_locale: "en", locales: ["en", "fr"] })
        expect(list.data.translations.map((r: any) => `${r.entity_type}.${r.field}`).sort()).toEqual(["course.title", "lesson.body", "lesson.title", "module.title"])
        const missing = await call("get", `${url()}/missing?locale=fr`, h)
        expect(missing.status).toBe(200)
        const keys = missing.data.missing.map((m: any) => `${m.entity_type}.${m.field}`)
        expect(keys).toEqual(expect.arrayContaining(["course.subtitle", "section.title"]))
        expect(keys).not.toContain("course.title")
        expect(missing.data.missing.find((m: any) => m.entity_type === "section").source).toBe("S")
        expect((await call("get", `${url()}/missing`, h)).status).toBe(400)

        const removed = await call("post", url(), h, { locale: "fr", translations: [{ entity_type: "course", entity_id: course.id, field: "title", value: null }] })
        expect(removed.data).toEqual({ locale: "fr", set: 0, removed: 1 })
        expect((await call("get", "/store/courses/bread?locale=fr", f.a.key.headers)).data.course.title).toBe(course.title)
        expect((await call("get", `${url()}/missing?locale=fr`, h)).data.missing.map((m: any) => `${m.entity_type}.${m.field}`)).toContain("course.title")
      })

      it("actor matrix: anonymous and customers 401, B's staff 404 on A's course, platform allowed", async () => {
        const body = { locale: "fr", translations: [{ entity_type: "course", entity_id: course.id, field: "title", value: "Hijack" }] }
        for (const headers of [{}, f.a.customer.headers, f.b.customer.headers]) {
          expect((await call("post", url(), headers, body)).status).toBe(401)
          expect((await call("get", url(), headers)).status).toBe(401)
        }
        expect((await call("post", url(), f.b.staff.owner.headers, body)).status).toBe(404)
        expect((await call("get", url(), f.b.staff.owner.headers)).status).toBe(404)
        expect((await call("get", `${url()}/missing?locale=fr`, f.b.staff.owner.headers)).status).toBe(404)
        expect([401, 403]).toContain((await call("post", url(), f.outsider.headers, body)).status)
        // A's staff on B's course
        expect((await call("get", `/admin/courses/${bCourse.id}/translations`, f.a.staff.owner.headers)).status).toBe(404)
        expect((await call("get", "/store/courses/bread?locale=fr", f.a.key.headers)).data.course.title).not.toBe("Hijack")
        const platform = await call("get", url(), f.platform.headers)
        expect(platform.status).toBe(200)
        // A's plain staff read but do not edit the catalog (catalog roles: owner, admin, manager, creator).
        expect((await call("get", url(), f.a.staff.staff.headers)).status).toBe(200)
        expect((await call("post", url(), f.a.staff.staff.headers, body)).status).toBe(403)
        // Query probes: fields= and unknown keys are a 400 naming them, never a way round the scope.
        for (const q of ["fields=org_id", "org_id=" + f.b.org.id, "locale=fr&fields=*course"]) {
          const res = await call("get", `${url()}?${q}`, f.a.staff.owner.headers)
          expect([q, res.status]).toEqual([q, 400])
          expect(res.data.message).toMatch(/fields|org_id|Unrecognized/i)
        }
        expect((await call("get", `${url()}/missing?locale=fr&fields=value`, f.a.staff.owner.headers)).status).toBe(400)
      })
    })
  },
})
