import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, ROLES, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

import * as pagesWf from "@volmify/pages/workflows"

jest.setTimeout(300_000)

// Issue 26, locales per org: a page's texts (block by block, and its SEO title/description)
// translated per enabled locale in @volmify/pages' page_translation table; the store's page
// routes serve the `x-volmify-locale` header's locale with per-text fallback.

const HERO = { type: "hero", id: "top", heading: "Bake bread", text: "At home, from scratch", image_url: "https://cdn.example/h.png", cta: { label: "Buy now", href: "/p/buy" } }
const FAQ = { type: "faq", id: "faq", heading: "Questions", items: [{ question: "Refunds?", answer: "30 days." }, { question: "Certificate?", answer: "Yes." }] }
const RICH = { type: "rich_text", id: "body", content: [{ type: "paragraph", children: [{ type: "text", text: "Crust " }, { type: "link", href: "https://x.example", children: [{ type: "text", text: "and crumb" }] }] }] }
const SEO = { title: "Bread school", description: "Learn to bake" }
// Texts of [HERO, FAQ, RICH] with SEO: hero 3, faq 5, rich text 2, seo 2.
const TOTAL = 12

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    const call = (method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) => send(api, method, url, headers, body)
    const ok = async (method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) => {
      const res = await call(method, url, headers, body)
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.data)}`)
      return res.data
    }
    const pages = () => getContainer().resolve<any>("pages")
    const fr = () => ({ ...f.a.key.headers, "x-volmify-locale": "fr" })

    /** A published page of org A (or B) with hero, FAQ and rich text. */
    const publishedPage = async (slug: string, extra: Record<string, unknown> = {}, side: "a" | "b" = "a") => {
      const owner = f[side].staff.owner.headers
      const { page } = await ok("post", "/admin/pages", owner, { title: "Bread", slug, blocks: [HERO, FAQ, RICH], seo: SEO, ...extra })
      await ok("post", `/admin/pages/${page.id}/publish`, owner, {})
      return page as { id: string; draft: { number: number } }
    }

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "pgtr" })
      const orgs = container.resolve<any>("org")
      await orgs.updateOrgs({ id: f.a.org.id, branding: { default_locale: "en", locales: ["en", "fr", "de"] } })
      await orgs.updateOrgs({ id: f.b.org.id, branding: { default_locale: "en", locales: ["en"] } })
    })

    describe("translating a page", () => {
      it("staff set texts in an enabled locale; the store serves them with per-text fallback and names the locale", async () => {
        const owner = f.a.staff.owner.headers
        const page = await publishedPage("bread")
        const url = `/admin/pages/${page.id}/translations`

        const before = await ok("get", `${url}/missing?locale=fr`, f.a.staff.staff.headers)
        expect(before).toMatchObject({ locale: "fr", count: TOTAL, total: TOTAL })
        expect(before.missing.slice(0, 3)).toEqual([
          { block_id: "top", block_type: "hero", field: "heading", source: "Bake bread" },
          { block_id: "top", block_type: "hero", field: "text", source: "At home, from scratch" },
          { block_id: "top", block_type: "hero", field: "cta.label", source: "Buy now" },
        ])
        expect(before.missing.map((m: any) => m.field)).not.toContain("cta.href")
        expect(before.missing.at(-1)).toEqual({ block_id: "_seo", block_type: "seo", field: "description", source: "Learn to bake" })

        const set = await ok("post", url, f.a.staff.manager.headers, {
          locale: "fr",
          translations: [
            { block_id: "top", field: "heading", value: "Faire son pain" },
            { block_id: "top", field: "cta.label", value: "Acheter" },
            { block_id: "faq", field: "items[1].answer", value: "Oui." },
            { block_id: "body", field: "content[0].children[1].children[0].text", value: "et la mie" },
            { block_id: "_seo", field: "title", value: "École du pain" },
          ],
        })
        expect(set).toEqual({ locale: "fr", set: 5, removed: 0 })

        const served = await call("get", "/store/pages/bread", fr())
        expect(served.status).toBe(200)
        expect(served.headers["content-language"]).toBe("fr")
        const [hero, faq, rich] = served.data.page.blocks
        expect(served.data.page.locale).toBe("fr")
        expect(hero).toEqual({ ...HERO, heading: "Faire son pain", cta: { label: "Acheter", href: "/p/buy" } })
        expect(faq.items).toEqual([{ question: "Refunds?", answer: "30 days." }, { question: "Certificate?", answer: "Oui." }])
        expect(rich.content[0].children[1]).toEqual({ type: "link", href: "https://x.example", children: [{ type: "text", text: "et la mie" }] })
        expect(served.data.page.seo).toEqual({ title: "École du pain", description: "Learn to bake" })

        // No header, a locale the org did not enable, or garbage: the default texts, and it says so.
        for (const headers of [f.a.key.headers, { ...f.a.key.headers, "x-volmify-locale": "es" }, { ...f.a.key.headers, "x-volmify-locale": "<script>" }]) {
          const page = (await ok("get", "/store/pages/bread", headers)).page
          expect([page.locale, page.blocks[0].heading, page.seo.title]).toEqual(["en", "Bake bread", "Bread school"])
        }
        // Enabled but nothing translated: the defaults, in that locale.
        const de = (await ok("get", "/store/pages/bread", { ...f.a.key.headers, "x-volmify-locale": "DE" })).page
        expect([de.locale, de.blocks[0].heading]).toEqual(["de", "Bake bread"])

        const after = await ok("get", `${url}/missing?locale=fr`, owner)
        expect([after.count, after.total]).toEqual([TOTAL - 5, TOTAL])
        expect(after.missing.map((m: any) => `${m.block_id} ${m.field}`)).toContain("top text")

        const list = await ok("get", `${url}?locale=fr`, f.a.staff.creator.headers)
        expect(list).toMatchObject({ default_locale: "en", locales: ["en", "fr", "de"] })
        expect(list.translations.find((t: any) => t.block_id === "top" && t.field === "heading")).toMatchObject({ locale: "fr", value: "Faire son pain", source: "Bake bread" })
        expect(list.translations).toHaveLength(5)
        expect((await ok("get", `${url}?locale=de`, owner)).translations).toEqual([])

        // Updating and removing: the same key is updated in place; null falls back to the default.
        expect(await ok("post", url, owner, { locale: "fr", translations: [{ block_id: "top", field: "heading", value: "Du bon pain" }, { block_id: "top", field: "cta.label", value: null }] }))
          .toEqual({ locale: "fr", set: 1, removed: 1 })
        const again = (await ok("get", "/store/pages/bread", fr())).page.blocks[0]
        expect([again.heading, again.cta.label]).toEqual(["Du bon pain", "Buy now"])
        expect(await pages().listPageTranslations({ page_id: page.id, block_id: "top", field: "heading" })).toHaveLength(1)
      })

      it("translations follow their block across reorders and new versions; the home page is translated too", async () => {
        const owner = f.a.staff.owner.headers
        const page = await publishedPage("home", { is_home: true })
        await ok("post", `/admin/pages/${page.id}/translations`, owner, { locale: "fr", translations: [{ block_id: "faq", field: "heading", value: "Vos questions" }] })
        expect((await ok("get", "/store/home-page", fr())).page).toMatchObject({ locale: "fr", blocks: [expect.anything(), expect.objectContaining({ heading: "Vos questions" }), expect.anything()] })
        // A new version with the FAQ first and the hero gone, published.
        await ok("post", `/admin/pages/${page.id}`, owner, { blocks: [FAQ, RICH] })
        await ok("post", `/admin/pages/${page.id}/publish`, owner, {})
        const served = (await ok("get", "/store/home-page", fr())).page
        expect(served.blocks.map((b: any) => [b.id, b.heading ?? null])).toEqual([["faq", "Vos questions"], ["body", null]])
        // The hero's texts are no longer missing (it is gone from the draft).
        const missing = await ok("get", `/admin/pages/${page.id}/translations/missing?locale=fr`, owner)
        expect(missing.missing.some((m: any) => m.block_id === "top")).toBe(false)
        expect(missing.total).toBe(TOTAL - 3)
      })

      it("another org's store never sees them; an org without the locale serves its default", async () => {
        const a = await publishedPage("shared-slug")
        await ok("post", `/admin/pages/${a.id}/translations`, f.a.staff.owner.headers, { locale: "fr", translations: [{ block_id: "top", field: "heading", value: "Pain A" }] })
        await publishedPage("shared-slug", {}, "b")
        const b = (await ok("get", "/store/pages/shared-slug", { ...f.b.key.headers, "x-volmify-locale": "fr" })).page
        expect([b.locale, b.blocks[0].heading]).toEqual(["en", "Bake bread"])
        expect((await ok("get", "/store/pages/shared-slug", fr())).page.blocks[0].heading).toBe("Pain A")
      })

      it("deleting the page soft-deletes its translations", async () => {
        const page = await publishedPage("to-delete")
        await ok("post", `/admin/pages/${page.id}/translations`, f.a.staff.owner.headers, { locale: "fr", translations: [{ block_id: "top", field: "heading", value: "x" }] })
        await ok("delete", `/admin/pages/${page.id}`, f.a.staff.owner.headers)
        expect(await pages().listPageTranslations({ page_id: page.id })).toEqual([])
        expect(await pages().listPageTranslations({ page_id: page.id }, { withDeleted: true })).toHaveLength(1)
      })
    })

    describe("validation", () => {
      it("bad rows are a 400 naming them, and nothing of the request is written", async () => {
        const owner = f.a.staff.owner.headers
        const page = await publishedPage("bad-rows")
        const url = `/admin/pages/${page.id}/translations`
        const good = { block_id: "top", field: "heading", value: "Faire son pain" }
        const cases: Array<[unknown, RegExp]> = [
          [{ locale: "es", translations: [good] }, /locale "es" is not enabled for this school \(enabled: en, fr, de\)/],
          [{ locale: "en", translations: [good] }, /locale "en" is the school's default/],
          [{ locale: "fr", translations: [good, { block_id: "nope", field: "heading", value: "x" }] }, /translations\[1\] block "nope" heading: is not a block of this page's draft/],
          [{ locale: "fr", translations: [good, { block_id: "top", field: "cta.href", value: "/p/ailleurs" }] }, /translations\[1\] block "top" cta\.href: cannot be translated on a hero block \(its texts: heading, text, cta\.label\)/],
          [{ locale: "fr", translations: [good, { block_id: "top", field: "image_url", value: "https://evil.example/x.png" }] }, /block "top" image_url: cannot be translated/],
          [{ locale: "fr", translations: [good, { block_id: "faq", field: "items[7].answer", value: "x" }] }, /block "faq" items\[7\]\.answer: has no text in the draft to translate/],
          [{ locale: "fr", translations: [{ block_id: "faq", field: "items[0].question", value: "q".repeat(201) }] }, /block "faq" items\[0\]\.question: must be at most 200 characters/],
          [{ locale: "fr", translations: [good, good] }, /translations\[1\] block "top" heading: is given twice/],
          [{ locale: "fr", translations: [{ ...good, field: "__proto__.polluted" }] }, /block "top" __proto__\.polluted: cannot be translated/],
          [{ locale: "fr", translations: [{ ...good, field: "items[0]; drop" }] }, /field must be a text's path/],
          [{ locale: "fr", translations: [{ ...good, block_id: "../x" }] }, /block_id must be a block's id/],
          [{ locale: "fr", translations: [{ ...good, value: "x".repeat(2_001) }] }, /translations, 0, value.*2000/],
          [{ locale: "fr", translations: [{ ...good, extra: 1 }] }, /extra|Unrecognized/i],
          [{ locale: "fr", translations: [] }, /'translations' too small/],
          [{ locale: "<b>", translations: [good] }, /locale must be a language tag/],
        ]
        for (const [body, message] of cases) {
          const res = await call("post", url, owner, body)
          expect([JSON.stringify(body).slice(0, 80), res.status, res.data.message]).toEqual([JSON.stringify(body).slice(0, 80), 400, expect.stringMatching(message)])
        }
        // A block that is still published but no longer on the draft cannot be translated.
        await ok("post", `/admin/pages/${page.id}`, owner, { blocks: [FAQ] })
        const gone = await call("post", url, owner, { locale: "fr", translations: [good] })
        expect([gone.status, gone.data.message]).toEqual([400, expect.stringMatching(/block "top" heading: is not a block of this page's draft/)])
        // None of the good rows that came with a bad one were written.
        expect(await pages().listPageTranslations({ page_id: page.id })).toEqual([])
        expect((await ok("get", "/store/pages/bad-rows", fr())).page.blocks[0].heading).toBe("Bake bread")

        // Queries: locale required for missing, must be translatable; fields= refused.
        for (const q of [`${url}/missing`, `${url}/missing?locale=en`, `${url}/missing?locale=es`, `${url}?locale=en`, `${url}?fields=value`, `${url}/missing?locale=fr&fields=*page`]) {
          expect([q, (await call("get", q, owner)).status]).toEqual([q, 400])
        }
      })
    })

    describe("tenancy", () => {
      it("the actor matrix on the three routes", async () => {
        const page = await publishedPage("matrix")
        const id = page.id
        const body = { locale: "fr", translations: [{ block_id: "top", field: "heading", value: "Piraté" }] }
        const reads = [`/admin/pages/${id}/translations`, `/admin/pages/${id}/translations?locale=fr`, `/admin/pages/${id}/translations/missing?locale=fr`]
        for (const url of reads) {
          expect([url, "anonymous", (await call("get", url, {})).status]).toEqual([url, "anonymous", 401])
          expect([url, "customer A", (await call("get", url, f.a.customer.headers)).status]).toEqual([url, "customer A", 401])
          expect([url, "customer B", (await call("get", url, f.b.customer.headers)).status]).toEqual([url, "customer B", 401])
          expect([url, "outsider", (await call("get", url, f.outsider.headers)).status]).toEqual([url, "outsider", 403])
          for (const role of ROLES) expect([url, role, (await call("get", url, f.a.staff[role].headers)).status]).toEqual([url, role, 200])
          for (const role of ROLES) expect([url, `B ${role}`, (await call("get", url, f.b.staff[role].headers)).status]).toEqual([url, `B ${role}`, 404])
          expect([url, "platform", (await call("get", url, f.platform.headers)).status]).toEqual([url, "platform", 200])
        }
        const url = `/admin/pages/${id}/translations`
        expect((await call("post", url, {}, body)).status).toBe(401)
        expect((await call("post", url, f.a.customer.headers, body)).status).toBe(401)
        expect((await call("post", url, f.b.customer.headers, body)).status).toBe(401)
        expect((await call("post", url, f.outsider.headers, body)).status).toBe(403)
        for (const role of ["creator", "staff"] as const) expect([role, (await call("post", url, f.a.staff[role].headers, body)).status]).toEqual([role, 403])
        for (const role of ["creator", "staff"] as const) expect([`B ${role}`, (await call("post", url, f.b.staff[role].headers, body)).status]).toEqual([`B ${role}`, 403])
        // B's owner, admin and manager (who could write their own pages): A's page does not exist.
        for (const role of ["owner", "admin", "manager"] as const) expect([`B ${role}`, (await call("post", url, f.b.staff[role].headers, body)).status]).toEqual([`B ${role}`, 404])
        expect(await pages().listPageTranslations({ page_id: id })).toEqual([])
        expect((await ok("get", "/store/pages/matrix", fr())).page.blocks[0].heading).toBe("Bake bread")
        // A's commerce roles and the platform write.
        for (const headers of [f.a.staff.owner.headers, f.a.staff.admin.headers, f.a.staff.manager.headers, f.platform.headers]) {
          expect((await call("post", url, headers, body)).status).toBe(200)
        }
        expect((await ok("get", "/store/pages/matrix", fr())).page.blocks[0].heading).toBe("Piraté")
      })

      it("another org's page id is a 404 on every route, both ways", async () => {
        const a = await publishedPage("ours")
        const b = await publishedPage("theirs", {}, "b")
        const body = { locale: "fr", translations: [{ block_id: "top", field: "heading", value: "x" }] }
        for (const [headers, id] of [[f.b.staff.owner.headers, a.id], [f.a.staff.owner.headers, b.id]] as const) {
          expect((await call("get", `/admin/pages/${id}/translations`, headers)).status).toBe(404)
          expect((await call("get", `/admin/pages/${id}/translations/missing?locale=fr`, headers)).status).toBe(404)
          expect((await call("post", `/admin/pages/${id}/translations`, headers, body)).status).toBe(404)
        }
        expect(await pages().listPageTranslations({ page_id: [a.id, b.id] })).toEqual([])
        expect((await call("get", "/admin/pages/page_doesnotexist/translations", f.a.staff.owner.headers)).status).toBe(404)
      })
    })

    describe("the workflow rolls back", () => {
      it("set-page-translations: a failure after the write puts back created, updated and removed rows", async () => {
        const owner = f.a.staff.owner.headers
        const page = await publishedPage("rollback")
        await ok("post", `/admin/pages/${page.id}/translations`, owner, {
          locale: "fr",
          translations: [{ block_id: "top", field: "heading", value: "Avant" }, { block_id: "top", field: "text", value: "Texte" }],
        })
        const snapshot = async () =>
          (await pages().listPageTranslations({ page_id: page.id }, { select: ["id", "block_id", "field", "value"] }))
            .map((t: any) => `${t.id} ${t.block_id} ${t.field} ${t.value}`)
            .sort()
        const before = await snapshot()
        // Last in the file: appendAction changes the workflow for the rest of the run.
        const { errors } = await runFailingAfter(pagesWf.setPageTranslationsWorkflow(getContainer()), "write-page-translations", {
          page_id: page.id,
          locale: "fr",
          translations: [
            { block_id: "top", field: "heading", value: "Après" },
            { block_id: "top", field: "text", value: null },
            { block_id: "faq", field: "heading", value: "Nouveau" },
          ],
        })
        expect(errors[0].error.message).toMatch(/forced failure/)
        expect(await snapshot()).toEqual(before)
        expect(await pages().listPageTranslations({ page_id: page.id, block_id: "faq" }, { withDeleted: true })).toEqual([])
        const served = (await ok("get", "/store/pages/rollback", fr())).page
        expect([served.blocks[0].heading, served.blocks[0].text, served.blocks[1].heading]).toEqual(["Avant", "Texte", "Questions"])
      })
    })
  },
})
