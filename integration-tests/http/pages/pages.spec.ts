import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createCourseWithOutline, createLesson } from "../../helpers/courses"
import { send } from "../../helpers/http"
import { runFailingAfter } from "../../helpers/workflows"
import { collectIds, createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"

import * as pagesWf from "@volmify/pages/workflows"

jest.setTimeout(300_000)

const HERO = { type: "hero", id: "top", heading: "Ship <b>faster</b>", text: "<script>alert(1)</script>", cta: { label: "Buy", href: "/p/buy" } }
const FAQ = { type: "faq", id: "faq", items: [{ question: "Refunds?", answer: "30 days." }] }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let courseA: any
    let courseB: any

    const call = (method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) => send(api, method, url, headers, body)
    const ok = async (method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) => {
      const res = await call(method, url, headers, body)
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.data)}`)
      return res.data
    }
    const pages = () => getContainer().resolve<any>("pages")

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "pg" })
      const la = await createLesson(container, f.a.org.id, { title: "L", body: "x" })
      ;({ course: courseA } = await createCourseWithOutline(container, f.a.org, {
        handle: "pg-a",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: la.id }] }] }],
      }))
      const lb = await createLesson(container, f.b.org.id, { title: "L", body: "x" })
      ;({ course: courseB } = await createCourseWithOutline(container, f.b.org, {
        handle: "pg-b",
        outline: [{ title: "M", sections: [{ title: "S", lessons: [{ lesson_id: lb.id }] }] }],
      }))
    })

    describe("drafts, publishing and history", () => {
      it("creates a draft, saves versions, publishes, serves only the published version, restores", async () => {
        const owner = f.a.staff.owner.headers
        const created = await ok("post", "/admin/pages", owner, {
          title: "Launch",
          slug: "launch",
          blocks: [HERO, { type: "pricing_table", course_id: courseA.id }],
        })
        const id = created.page.id
        expect(created.page).toMatchObject({ org_id: f.a.org.id, slug: "launch", status: "draft", published_version_id: null, is_home: false })
        expect(created.page.draft.number).toBe(1)
        expect(created.page.draft.created_by).toBe(f.a.staff.owner.user.id)

        // A draft is never served.
        expect((await call("get", "/store/pages/launch", f.a.key.headers)).status).toBe(404)

        const published = await ok("post", `/admin/pages/${id}/publish`, owner, {})
        expect(published.page).toMatchObject({ status: "published", published_version_id: created.page.draft.id })
        const served = await ok("get", "/store/pages/launch", f.a.key.headers)
        expect(served.page).toMatchObject({ slug: "launch", version: 1 })
        expect(served.page.blocks.map((b: any) => b.type)).toEqual(["hero", "pricing_table"])
        // Text is kept as written (escaped when rendered), never turned into markup.
        expect(served.page.blocks[0].text).toBe("<script>alert(1)</script>")

        // A manager saves version 2 (reordered, one more block): the store still serves version 1.
        const v2 = await ok("post", `/admin/pages/${id}`, f.a.staff.manager.headers, {
          title: "Launch 2027",
          blocks: [FAQ, HERO, { type: "pricing_table", course_id: courseA.id }],
        })
        expect(v2.page.draft).toMatchObject({ number: 2, title: "Launch 2027", created_by: f.a.staff.manager.user.id })
        expect(v2.page.draft.blocks.map((b: any) => b.id)).toEqual(["faq", "top", "b2"])
        expect((await ok("get", "/store/pages/launch", f.a.key.headers)).page.version).toBe(1)

        await ok("post", `/admin/pages/${id}/publish`, owner, {})
        expect((await ok("get", "/store/pages/launch", f.a.key.headers)).page).toMatchObject({ version: 2, title: "Launch 2027" })

        // History, newest first; restoring version 1 makes version 3 with its blocks; publish serves it.
        const history = await ok("get", `/admin/pages/${id}/versions`, f.a.staff.staff.headers)
        expect(history.versions.map((v: any) => v.number)).toEqual([2, 1])
        const v1 = history.versions[1]
        const restored = await ok("post", `/admin/pages/${id}/versions/${v1.id}/restore`, owner)
        expect(restored.version.number).toBe(3)
        expect(restored.version.blocks).toEqual(v1.blocks)
        expect((await ok("get", "/store/pages/launch", f.a.key.headers)).page.version).toBe(2)
        await ok("post", `/admin/pages/${id}/publish`, owner, { version_id: restored.version.id })
        const back = await ok("get", "/store/pages/launch", f.a.key.headers)
        expect([back.page.version, back.page.blocks.map((b: any) => b.type)]).toEqual([3, ["hero", "pricing_table"]])

        // Publishing an earlier version by id, then unpublishing: 404 on the store again.
        await ok("post", `/admin/pages/${id}/publish`, owner, { version_id: v1.id })
        expect((await ok("get", "/store/pages/launch", f.a.key.headers)).page.version).toBe(1)
        await ok("post", `/admin/pages/${id}/unpublish`, owner)
        expect((await call("get", "/store/pages/launch", f.a.key.headers)).status).toBe(404)
        expect((await ok("get", `/admin/pages/${id}`, owner)).page).toMatchObject({ status: "draft", published_version_id: null })

        // Delete: gone from admin and store; the slug is free again.
        await ok("post", `/admin/pages/${id}/publish`, owner, {})
        expect(await ok("delete", `/admin/pages/${id}`, owner)).toEqual({ id, object: "page", deleted: true })
        expect((await call("get", `/admin/pages/${id}`, owner)).status).toBe(404)
        expect((await call("get", "/store/pages/launch", f.a.key.headers)).status).toBe(404)
        await ok("post", "/admin/pages", owner, { title: "Again", slug: "launch" })
      })

      it("one home page per org: a new home page takes over; the store serves it at /store/home-page", async () => {
        const owner = f.a.staff.owner.headers
        expect((await call("get", "/store/home-page", f.a.key.headers)).status).toBe(404)
        const first = await ok("post", "/admin/pages", owner, { title: "Home", slug: "home-1", is_home: true, blocks: [HERO] })
        await ok("post", `/admin/pages/${first.page.id}/publish`, owner, {})
        expect((await ok("get", "/store/home-page", f.a.key.headers)).page).toMatchObject({ id: first.page.id, is_home: true })
        const second = await ok("post", "/admin/pages", owner, { title: "New home", slug: "home-2", is_home: true, blocks: [FAQ] })
        expect((await ok("get", `/admin/pages/${first.page.id}`, owner)).page.is_home).toBe(false)
        // The new home page is a draft: no home page is served until it is published.
        expect((await call("get", "/store/home-page", f.a.key.headers)).status).toBe(404)
        await ok("post", `/admin/pages/${second.page.id}/publish`, owner, {})
        expect((await ok("get", "/store/home-page", f.a.key.headers)).page.id).toBe(second.page.id)
        // Org B has none.
        expect((await call("get", "/store/home-page", f.b.key.headers)).status).toBe(404)
        // The list shows the home page first.
        const list = await ok("get", "/admin/pages", f.a.staff.staff.headers)
        expect(list.pages[0]).toMatchObject({ id: second.page.id, is_home: true, latest_version_number: 1 })
      })
    })

    describe("validation", () => {
      const create = (body: Record<string, unknown>) => call("post", "/admin/pages", f.a.staff.owner.headers, { title: "V", slug: `v-${Math.random().toString(36).slice(2, 8)}`, ...body })

      it("400 naming the block for an unknown type, script and data URLs, oversize content", async () => {
        const cases: Array<[unknown[], RegExp]> = [
          [[HERO, { type: "marquee", text: "x" }], /blocks\[1\] type: unknown block type "marquee"/],
          [[{ ...HERO, cta: { label: "Go", href: "javascript:alert(1)" } }], /blocks\[0\] \(hero\) cta\.href: must be an http\(s\)/],
          [[{ ...HERO, cta: { label: "Go", href: " JaVa\tScript:alert(1)" } }], /blocks\[0\] \(hero\) cta\.href/],
          [[FAQ, { type: "columns", items: [{ image_url: "data:image/svg+xml;base64,PHN2Zz4=" }] }], /blocks\[1\] \(columns\) items\[0\]\.image_url/],
          [[{ type: "rich_text", content: [{ type: "paragraph", children: [{ type: "link", href: "javascript:x", children: [{ type: "text", text: "x" }] }] }] }], /blocks\[0\] \(rich_text\) content\[0\]\.children\[0\]\.href/],
          [[{ type: "rich_text", content: [{ type: "html", html: "<script>x</script>" }] }], /blocks\[0\] \(rich_text\) content\[0\]/],
          [[{ ...HERO, text: "x".repeat(2_001) }], /blocks\[0\] \(hero\) text: must be at most 2000 characters/],
          [Array.from({ length: 61 }, () => ({ type: "hero", heading: "h" })), /blocks\[60\] \(hero\): a page has at most 60 blocks \(got 61\)/],
          // Every URL field: image, CTA link, video, avatars, bios, rich-text links.
          [[{ ...HERO, image_url: "data:image/svg+xml,<svg onload=alert(1)>" }], /blocks\[0\] \(hero\) image_url: must be an http\(s\) URL/],
          [[{ ...HERO, image_url: "javascript:alert(1)" }], /blocks\[0\] \(hero\) image_url/],
          [[{ ...HERO, cta: { label: "Go", href: "data:text/html;base64,PHNjcmlwdD4=" } }], /blocks\[0\] \(hero\) cta\.href: must be an http\(s\)/],
          [[FAQ, { type: "video", provider: "url", url: "javascript:alert(1)" }], /blocks\[1\] \(video\) url: must be an https URL/],
          [[{ type: "video", provider: "url", url: "data:video/mp4;base64,AAAA" }], /blocks\[0\] \(video\) url: must be an https URL/],
          [[{ type: "testimonials", items: [{ quote: "q", name: "n", avatar_url: "javascript:alert(1)" }] }], /blocks\[0\] \(testimonials\) items\[0\]\.avatar_url/],
          [[{ type: "instructor_bios", items: [{ name: "n", image_url: "data:image/png;base64,AA" }] }], /blocks\[0\] \(instructor_bios\) items\[0\]\.image_url/],
          // Oversize as a whole (LIMITS.bytes = 256,000 bytes), each text within its own limit: the largest block and field are named.
          [[FAQ, HERO, { type: "rich_text", content: Array.from({ length: 150 }, () => ({ type: "paragraph", children: [{ type: "text", text: "x".repeat(1_900) }] })) }],
            /blocks\[2\] \(rich_text\) content: the page's blocks are \d+ bytes, at most 256000 \(256 kB\)/],
          [[{ type: "video", provider: "youtube", video_id: "<script>" }], /blocks\[0\] \(video\) video_id/],
          [[{ type: "countdown", ends_at: "soon" }], /blocks\[0\] \(countdown\) ends_at/],
        ]
        for (const [blocks, message] of cases) {
          const res = await create({ blocks })
          expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(message)])
        }
        // Bodies over 512 kB never reach the block checks: the body parser refuses them.
        const huge = await create({ blocks: [{ type: "rich_text", content: Array.from({ length: 200 }, () => ({ type: "paragraph", children: [{ type: "text", text: "x".repeat(2_000) }, { type: "text", text: "y".repeat(2_000) }] })) }] })
        expect(huge.status).toBe(413)
        // Nothing half-written: no page was created by any of them.
        expect(await pages().listPages({ org_id: f.a.org.id, title: "V" })).toEqual([])

        // The same checks on a save (update): 400 naming the block, no new version.
        const page = await ok("post", "/admin/pages", f.a.staff.owner.headers, { title: "Saved", slug: "bad-save", blocks: [HERO] })
        const bad = await call("post", `/admin/pages/${page.page.id}`, f.a.staff.owner.headers, { blocks: [FAQ, { type: "video", provider: "url", url: "javascript:alert(1)" }] })
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringMatching(/blocks\[1\] \(video\) url/)])
        expect((await ok("get", `/admin/pages/${page.page.id}/versions`, f.a.staff.owner.headers)).count).toBe(1)
      })

      it("markup in text is stored and served as written (the storefront escapes it when rendering)", async () => {
        const owner = f.a.staff.owner.headers
        const script = "<script>window.__pwned = 1</script><img src=x onerror=alert(1)>"
        const rich = { type: "rich_text", id: "body", content: [{ type: "paragraph", children: [{ type: "text", text: script, bold: true }] }] }
        const page = await ok("post", "/admin/pages", owner, { title: "Markup", slug: "markup", blocks: [rich, { ...FAQ, items: [{ question: "<b>Q</b>", answer: script }] }] })
        await ok("post", `/admin/pages/${page.page.id}/publish`, owner, {})
        const served = (await ok("get", "/store/pages/markup", f.a.key.headers)).page
        expect(served.blocks[0].content[0].children[0].text).toBe(script)
        expect(served.blocks[1].items[0]).toEqual({ question: "<b>Q</b>", answer: script })
      })

      it("400 for another org's course in a block (grids, pricing tables, opt-ins), on create, update and publish", async () => {
        const foreign = [
          [{ type: "course_grid", courses: [courseA.id, courseB.id] }, /blocks\[0\] \(course_grid\) courses\[1\]: course "course_\w+" is not a course of this org/],
          [{ type: "pricing_table", course_id: courseB.id }, /blocks\[0\] \(pricing_table\) course_id/],
          [{ type: "opt_in", heading: "Free", button_label: "Go", course_id: courseB.id }, /blocks\[0\] \(opt_in\) course_id/],
          [{ type: "pricing_table", course_id: "course_doesnotexist" }, /blocks\[0\] \(pricing_table\) course_id/],
        ] as const
        for (const [block, message] of foreign) {
          const res = await create({ blocks: [block] })
          expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(message)])
        }
        const page = await ok("post", "/admin/pages", f.a.staff.owner.headers, { title: "Grid", slug: "grid", blocks: [{ type: "course_grid", courses: [courseA.id] }] })
        const update = await call("post", `/admin/pages/${page.page.id}`, f.a.staff.owner.headers, { blocks: [{ type: "pricing_table", course_id: courseB.id }] })
        expect(update.status).toBe(400)
        expect((await ok("get", `/admin/pages/${page.page.id}/versions`, f.a.staff.owner.headers)).count).toBe(1)
      })

      it("400 for a bad slug, a taken slug, unknown fields, a script URL in SEO; 404 for another page's version", async () => {
        const owner = f.a.staff.owner.headers
        expect((await create({ slug: "Not A Slug" })).status).toBe(400)
        await ok("post", "/admin/pages", owner, { title: "Taken", slug: "taken" })
        const taken = await call("post", "/admin/pages", owner, { title: "Taken", slug: "taken" })
        expect([taken.status, taken.data.message]).toEqual([400, 'slug "taken" is already used by another page of this org'])
        expect((await create({ html: "<p>" })).status).toBe(400)
        const seo = await create({ seo: { canonical_url: "javascript:alert(1)" } })
        expect(seo.status).toBe(400)
        const good = await create({ seo: { title: "T", noindex: true } })
        expect(good.data.page.seo).toEqual({ title: "T", noindex: true })
        const other = await ok("post", "/admin/pages", owner, { title: "Other", slug: "other" })
        const restore = await call("post", `/admin/pages/${good.data.page.id}/versions/${other.page.draft.id}/restore`, owner)
        expect(restore.status).toBe(404)
        const publish = await call("post", `/admin/pages/${good.data.page.id}/publish`, owner, { version_id: other.page.draft.id })
        expect(publish.status).toBe(404)
      })
    })

    describe("tenancy", () => {
      it("the actor matrix on every admin route", async () => {
        const page = await ok("post", "/admin/pages", f.a.staff.owner.headers, { title: "Matrix", slug: "matrix", blocks: [HERO] })
        const id = page.page.id
        const vid = page.page.draft.id
        const anonymous = {}
        const reads = [`/admin/pages`, `/admin/pages/${id}`, `/admin/pages/${id}/versions`]
        for (const url of reads) {
          expect((await call("get", url, anonymous)).status).toBe(401)
          expect((await call("get", url, f.a.customer.headers)).status).toBe(401)
          expect((await call("get", url, f.outsider.headers)).status).toBe(403)
          for (const role of ROLES) expect([url, role, (await call("get", url, f.a.staff[role].headers)).status]).toEqual([url, role, 200])
          expect((await call("get", url, f.platform.headers)).status).toBe(200)
        }
        // Staff of B: A's page does not exist for them; their list has none of A's pages.
        expect((await call("get", `/admin/pages/${id}`, f.b.staff.owner.headers)).status).toBe(404)
        expect((await call("get", `/admin/pages/${id}/versions`, f.b.staff.owner.headers)).status).toBe(404)
        const bList = await ok("get", "/admin/pages", f.b.staff.owner.headers)
        expect(collectIds(bList).has(id)).toBe(false)
        expect((await ok("get", `/admin/pages?org_id=${f.a.org.id}`, f.b.staff.owner.headers)).pages).toEqual([])

        const writes: Array<["post" | "delete", string, unknown]> = [
          ["post", `/admin/pages/${id}`, { title: "Hacked" }],
          ["post", `/admin/pages/${id}/publish`, {}],
          ["post", `/admin/pages/${id}/unpublish`, {}],
          ["post", `/admin/pages/${id}/versions/${vid}/restore`, {}],
          ["delete", `/admin/pages/${id}`, undefined],
        ]
        for (const [method, url, body] of writes) {
          expect((await call(method, url, anonymous, body)).status).toBe(401)
          expect((await call(method, url, f.a.customer.headers, body)).status).toBe(401)
          expect((await call(method, url, f.outsider.headers, body)).status).toBe(403)
          expect((await call(method, url, f.a.staff.creator.headers, body)).status).toBe(403)
          expect((await call(method, url, f.a.staff.staff.headers, body)).status).toBe(403)
          expect((await call(method, url, f.b.staff.owner.headers, body)).status).toBe(404)
          expect((await call(method, url, f.b.staff.manager.headers, body)).status).toBe(404)
        }
        expect((await ok("get", `/admin/pages/${id}`, f.a.staff.owner.headers)).page).toMatchObject({ title: "Matrix", status: "draft" })
        expect((await ok("get", `/admin/pages/${id}/versions`, f.a.staff.owner.headers)).count).toBe(1)

        // Create: creators and staff may not; B's owner cannot create in A (org_id of A is a 404).
        for (const role of ["creator", "staff"] as const) {
          expect((await call("post", "/admin/pages", f.a.staff[role].headers, { title: "x", slug: `x-${role}` })).status).toBe(403)
        }
        expect((await call("post", "/admin/pages", f.b.staff.owner.headers, { org_id: f.a.org.id, title: "x", slug: "x-b" })).status).toBe(404)
        // Platform operators name the org (400 without, 404 unknown), then act in it.
        expect((await call("post", "/admin/pages", f.platform.headers, { title: "x", slug: "x-p" })).status).toBe(400)
        expect((await call("post", "/admin/pages", f.platform.headers, { org_id: "org_nope", title: "x", slug: "x-p" })).status).toBe(404)
        const byPlatform = await ok("post", "/admin/pages", f.platform.headers, { org_id: f.b.org.id, title: "Ops", slug: "ops", blocks: [{ type: "pricing_table", course_id: courseB.id }] })
        expect(byPlatform.page.org_id).toBe(f.b.org.id)
        // ... and the course check follows the page's org, not the actor's.
        expect((await call("post", `/admin/pages/${byPlatform.page.id}`, f.platform.headers, { blocks: [{ type: "pricing_table", course_id: courseA.id }] })).status).toBe(400)
        // Manager and admin of A write.
        for (const role of ["admin", "manager"] as const) {
          expect((await call("post", `/admin/pages/${id}`, f.a.staff[role].headers, { title: `By ${role}` })).status).toBe(200)
        }
      })

      it("fields= and unknown query parameters are refused; store routes show only the key's org's published pages", async () => {
        const owner = f.a.staff.owner.headers
        const page = await ok("post", "/admin/pages", owner, { title: "Probe", slug: "probe", blocks: [HERO] })
        for (const url of [
          `/admin/pages?fields=*versions`,
          `/admin/pages/${page.page.id}?fields=org.*`,
          `/admin/pages/${page.page.id}/versions?fields=page.org_id`,
          `/store/pages/probe?fields=*versions`,
          `/store/home-page?fields=versions.blocks`,
        ]) {
          const headers = url.startsWith("/store") ? f.a.key.headers : owner
          const res = await call("get", url, headers)
          expect([url, res.status]).toEqual([url, 400])
        }
        await ok("post", `/admin/pages/${page.page.id}/publish`, owner, {})
        // Anonymous and signed-in customers of A read it; B's key (and B's customer) do not.
        expect((await call("get", "/store/pages/probe", f.a.key.headers)).status).toBe(200)
        expect((await call("get", "/store/pages/probe", f.a.customer.headers)).status).toBe(200)
        expect((await call("get", "/store/pages/probe", f.b.key.headers)).status).toBe(404)
        expect((await call("get", "/store/pages/probe", f.b.customer.headers)).status).toBe(404)
        expect((await call("get", "/store/pages/probe", {})).status).toBe(400)
        // The store answer carries no org id, no draft and no version history.
        const body = (await ok("get", "/store/pages/probe", f.a.key.headers)).page
        expect(Object.keys(body).sort()).toEqual(["blocks", "id", "is_home", "locale", "published_at", "seo", "slug", "title", "version"])
      })
    })

    describe("concurrent edits (optimistic concurrency on base_version)", () => {
      const versionsOf = async (id: string) => (await ok("get", `/admin/pages/${id}/versions`, f.a.staff.owner.headers)).versions

      it("two saves from the same base version: exactly one wins, the other is a 409 saying the page changed, nothing half-written", async () => {
        const page = await ok("post", "/admin/pages", f.a.staff.owner.headers, { title: "Race", slug: "race", blocks: [HERO] })
        const id = page.page.id
        expect(page.page.draft.number).toBe(1)
        const edits = [
          { headers: f.a.staff.owner.headers, body: { title: "Owner's title", blocks: [HERO, FAQ], base_version: 1 } },
          { headers: f.a.staff.manager.headers, body: { title: "Manager's title", blocks: [FAQ], base_version: 1 } },
        ]
        const answers = await Promise.all(edits.map((e) => call("post", `/admin/pages/${id}`, e.headers, e.body)))
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
        const winner = answers.findIndex((a) => a.status === 200)
        const loser = answers[1 - winner]
        expect(loser.data).toMatchObject({ type: "conflict", code: "page_changed" })
        expect(loser.data.message).toMatch(/^This page changed since you opened it: it is now at version 2, you edited version 1\. Reload/)
        // The page is exactly the winner's: its title, one new version with its blocks.
        const after = (await ok("get", `/admin/pages/${id}`, f.a.staff.owner.headers)).page
        expect(after.title).toBe(edits[winner].body.title)
        expect(after.draft).toMatchObject({ number: 2, title: edits[winner].body.title })
        expect(after.draft.blocks.map((b: any) => b.id)).toEqual(edits[winner].body.blocks.map((b) => b.id))
        expect((await versionsOf(id)).map((v: any) => v.number)).toEqual([2, 1])

        // Four at once from version 2: one save, three 409s, one new version.
        const four = await Promise.all([0, 1, 2, 3].map((i) => call("post", `/admin/pages/${id}`, f.a.staff.owner.headers, { title: `Four ${i}`, blocks: [HERO], base_version: 2 })))
        expect(four.map((a) => a.status).sort()).toEqual([200, 409, 409, 409])
        expect((await versionsOf(id)).map((v: any) => v.number)).toEqual([3, 2, 1])
        const title = (await ok("get", `/admin/pages/${id}`, f.a.staff.owner.headers)).page.title
        expect(four.find((a) => a.status === 200)!.data.page.title).toBe(title)

        // A title-only edit from a stale base is refused too, and the title stays.
        const stale = await call("post", `/admin/pages/${id}`, f.a.staff.owner.headers, { title: "Stale", base_version: 2 })
        expect(stale.status).toBe(409)
        expect((await ok("get", `/admin/pages/${id}`, f.a.staff.owner.headers)).page.title).toBe(title)

        // Without base_version (API callers that do not care) concurrent saves all land, numbered 4, 5, 6 under the page's lock.
        const blind = await Promise.all([0, 1, 2].map(() => call("post", `/admin/pages/${id}`, f.a.staff.owner.headers, { blocks: [FAQ] })))
        expect(blind.map((a) => a.status)).toEqual([200, 200, 200])
        expect((await versionsOf(id)).map((v: any) => v.number)).toEqual([6, 5, 4, 3, 2, 1])
      })

      it("publish and restore from a stale base version are 409s that change nothing; from the newest they go through", async () => {
        const owner = f.a.staff.owner.headers
        const page = await ok("post", "/admin/pages", owner, { title: "Pub race", slug: "pub-race", blocks: [HERO] })
        const id = page.page.id
        // Someone saves version 2 while another admin, who saw version 1, publishes.
        await ok("post", `/admin/pages/${id}`, f.a.staff.manager.headers, { blocks: [FAQ], base_version: 1 })
        const publish = await call("post", `/admin/pages/${id}/publish`, owner, { base_version: 1 })
        expect([publish.status, publish.data.code]).toEqual([409, "page_changed"])
        expect(publish.data.message).toMatch(/changed since you opened it/)
        expect((await ok("get", `/admin/pages/${id}`, owner)).page).toMatchObject({ status: "draft", published_version_id: null })
        expect((await call("get", "/store/pages/pub-race", f.a.key.headers)).status).toBe(404)
        // A save and a publish at once from version 2: the publish may go first (it publishes 2) or be refused; never 500, never a half state.
        const [save, pub] = await Promise.all([
          call("post", `/admin/pages/${id}`, owner, { blocks: [HERO, FAQ], base_version: 2 }),
          call("post", `/admin/pages/${id}/publish`, f.a.staff.manager.headers, { base_version: 2 }),
        ])
        expect(save.status).toBe(200)
        expect([200, 409]).toContain(pub.status)
        const state = (await ok("get", `/admin/pages/${id}`, owner)).page
        if (pub.status === 200) expect(state.published_version_id).toBe((await versionsOf(id)).find((v: any) => v.number === 2).id)
        else expect(state.published_version_id).toBeNull()
        // Restore from a stale base: 409, no version appended.
        const v1 = (await versionsOf(id)).find((v: any) => v.number === 1)
        const restore = await call("post", `/admin/pages/${id}/versions/${v1.id}/restore`, owner, { base_version: 2 })
        expect([restore.status, restore.data.code]).toEqual([409, "page_changed"])
        expect((await versionsOf(id)).map((v: any) => v.number)).toEqual([3, 2, 1])
        // From the newest: restore makes version 4, publish serves it.
        const restored = await ok("post", `/admin/pages/${id}/versions/${v1.id}/restore`, owner, { base_version: 3 })
        expect(restored.version.number).toBe(4)
        await ok("post", `/admin/pages/${id}/publish`, owner, { base_version: 4 })
        expect((await ok("get", "/store/pages/pub-race", f.a.key.headers)).page).toMatchObject({ version: 4, blocks: [expect.objectContaining({ type: "hero" })] })
        // base_version must be a whole number.
        for (const base_version of [-1, 1.5, "4", null]) {
          expect((await call("post", `/admin/pages/${id}`, owner, { title: "x", base_version })).status).toBe(400)
        }
        expect((await call("post", `/admin/pages/${id}/versions/${v1.id}/restore`, owner, { base_version: 4, extra: 1 })).status).toBe(400)
      })
    })

    describe("workflows roll back", () => {
      it("create-page: a failing version step deletes the page and gives the home flag back", async () => {
        const container = getContainer()
        const home = await ok("post", "/admin/pages", f.b.staff.owner.headers, { title: "B home", slug: "b-home", is_home: true })
        // Last in the file: appendAction changes the workflow for the rest of the run.
        const { errors } = await runFailingAfter(pagesWf.createPageWorkflow(container), "append-page-version", {
          org_id: f.b.org.id, title: "Doomed", slug: "doomed", is_home: true, blocks: [], created_by: null,
        })
        expect(errors[0].error.message).toMatch(/forced failure/)
        expect(await pages().listPages({ org_id: f.b.org.id, slug: "doomed" })).toEqual([])
        expect((await pages().retrievePage(home.page.id)).is_home).toBe(true)
        expect(await pages().listPageVersions({ page_id: home.page.id })).toHaveLength(1)
      })

      it("update-page: a failing version step puts the title back", async () => {
        const container = getContainer()
        const page = await ok("post", "/admin/pages", f.b.staff.owner.headers, { title: "Before", slug: "roll", blocks: [HERO] })
        const { errors } = await runFailingAfter(pagesWf.updatePageWorkflow(container), "append-page-version", {
          id: page.page.id, org_id: f.b.org.id, title: "After", blocks: [], version_title: "After", created_by: null,
        })
        expect(errors[0].error.message).toMatch(/forced failure/)
        expect((await pages().retrievePage(page.page.id)).title).toBe("Before")
        expect((await pages().listPageVersions({ page_id: page.page.id })).map((v: any) => v.number)).toEqual([1])
      })
    })
  },
})
