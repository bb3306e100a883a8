import { ChildProcess, spawn } from "node:child_process"
import path from "node:path"
import { buildStorefrontOnce, Json, ROOT, SeededApp, startSeededApp } from "../helpers/browser-app"

// Issue 26 on the built storefront (`next start`) against the production Medusa build with
// the demo data: sitemap.xml and robots.txt per org, JSON-LD and hreflang in the pages, a
// course served translated at /<locale>/courses/... with fallback, the generated social image.
const b = require("../../src/scripts/lib/bootstrap")
const pg = require("../../src/scripts/lib/postgres")

jest.setTimeout(900_000)

describe("storefront SEO and locales", () => {
  let app: SeededApp
  const children: { child: ChildProcess; stop: () => Promise<void> }[] = []
  let acme: { url: string; key: string; org: Json }
  let yoga: { url: string; key: string; org: Json }
  let token: string
  let log = ""

  async function startStorefront(key: string) {
    const port = await pg.freePort()
    const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port)], {
      cwd: path.join(ROOT, "storefront"),
      env: { ...process.env, MEDUSA_BACKEND_URL: app.base, MEDUSA_PUBLISHABLE_KEY: key, NODE_ENV: "production", COOKIE_SECURE: "false" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    child.stdout?.on("data", (d) => (log = (log + d).slice(-20_000)))
    child.stderr?.on("data", (d) => (log = (log + d).slice(-20_000)))
    children.push({ child, stop: () => b.stopGroup(child) })
    const url = `http://localhost:${port}`
    const end = Date.now() + 120_000
    while (Date.now() < end) {
      if (await fetch(url).then((r) => r.status < 500).catch(() => false)) return url
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error(`${url} did not answer:\n${log.slice(-3000)}`)
  }

  const text = async (url: string, init?: RequestInit) => {
    const res = await fetch(url, init)
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() }
  }
  const jsonLd = (html: string) =>
    [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]))
  const storeCourses = async (key: string) =>
    (await app.api("GET", "/store/courses?limit=100", null, undefined, { "x-publishable-api-key": key })).courses as Json[]

  beforeAll(async () => {
    app = await startSeededApp("sfseo")
    await buildStorefrontOnce()
    const org = (handle: string) => app.summary.orgs.find((o: Json) => o.handle === handle)
    acme = { key: org("acme-academy").publishable_key, org: org("acme-academy"), url: await startStorefront(org("acme-academy").publishable_key) }
    yoga = { key: org("yoga-with-mia").publishable_key, org: org("yoga-with-mia"), url: await startStorefront(org("yoga-with-mia").publishable_key) }
    token = (await app.api("POST", "/auth/user/emailpass", null, acme.org.owner)).token
  })

  afterAll(async () => {
    for (const c of children.reverse()) await c.stop().catch(() => {})
    await app?.close()
  })

  it("sitemap.xml lists exactly the org's published, indexable courses; robots.txt points at it", async () => {
    const [mine, theirs] = await Promise.all([storeCourses(acme.key), storeCourses(yoga.key)])
    expect(mine.length).toBeGreaterThan(1)
    expect(theirs.length).toBeGreaterThan(0)
    const hidden = mine[mine.length - 1]
    await app.api("POST", `/admin/courses/${hidden.id}`, token, { seo: { noindex: true } })

    const sitemap = await text(`${acme.url}/sitemap.xml`)
    expect(sitemap.status).toBe(200)
    expect(sitemap.type).toContain("xml")
    const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]).sort()
    const expected = [`${acme.url}/`, `${acme.url}/courses`, ...mine.filter((c) => c.id !== hidden.id).map((c) => `${acme.url}/courses/${encodeURIComponent(c.handle)}`)].sort()
    expect(locs).toEqual(expected)
    for (const c of theirs) expect(sitemap.body).not.toContain(`/courses/${encodeURIComponent(c.handle)}<`)

    const other = await text(`${yoga.url}/sitemap.xml`)
    expect([...other.body.matchAll(/<loc>[^<]+\/courses\/([^<]+)<\/loc>/g)].map((m) => decodeURIComponent(m[1])).sort()).toEqual(theirs.map((c) => c.handle).sort())

    const robots = await text(`${acme.url}/robots.txt`)
    expect(robots.status).toBe(200)
    expect(robots.body).toContain(`Sitemap: ${acme.url}/sitemap.xml`)
    expect(robots.body).toContain("Disallow: /checkout")
  })

  it("home and catalog carry canonical, Open Graph and parseable JSON-LD (Organization, BreadcrumbList)", async () => {
    const home = await text(`${acme.url}/`)
    expect(home.body).toContain(`<link rel="canonical" href="${acme.url}/"`)
    expect(home.body).toMatch(/<meta property="og:title" content="[^"]+"/)
    const org = jsonLd(home.body).find((d) => d["@type"] === "Organization")
    expect(org).toMatchObject({ name: acme.org.name ?? expect.any(String), url: `${acme.url}/` })
    const catalog = await text(`${acme.url}/courses`)
    expect(catalog.body).toContain(`<link rel="canonical" href="${acme.url}/courses"`)
    const crumbs = jsonLd(catalog.body).find((d) => d["@type"] === "BreadcrumbList")
    expect(crumbs.itemListElement.map((i: Json) => i.item)).toEqual([`${acme.url}/`, `${acme.url}/courses`])
  })

  it("a course translated to fr is served at /fr/courses/... with fallback for missing texts; hreflang links both", async () => {
    const [course] = await storeCourses(acme.key)
    await app.api("POST", `/admin/orgs/${acme.org.id}`, token, { branding: { default_locale: "en", locales: ["en", "fr"] } })
    const full = (await app.api("GET", `/store/courses/${course.handle}`, null, undefined, { "x-publishable-api-key": acme.key })).course
    const moduleTitle = full.modules[0].title as string
    await app.api("POST", `/admin/courses/${course.id}/translations`, token, {
      locale: "fr",
      translations: [{ entity_type: "course", entity_id: course.id, field: "title", value: "Cours traduit en français" }],
    })
    const fr = await text(`${acme.url}/fr/courses/${course.handle}`)
    expect(fr.status).toBe(200)
    expect(fr.body).toContain("Cours traduit en français")
    expect(fr.body).toContain(moduleTitle.replace(/&/g, "&amp;")) // not translated: the default
    expect(fr.body).toMatch(/<html lang="fr"/)
    const en = await text(`${acme.url}/courses/${course.handle}`)
    expect(en.body).toContain(full.title.replace(/&/g, "&amp;"))
    expect(en.body).not.toContain("Cours traduit en français")
    expect(en.body).toMatch(/<html lang="en"/)

    const home = await text(`${acme.url}/`)
    const alternates = [...home.body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/gi)].map((m) => [m[1], m[2]])
    expect(alternates).toEqual(expect.arrayContaining([["fr", `${acme.url}/fr`], ["en", `${acme.url}/`], ["x-default", `${acme.url}/`]]))
  })

  it("a course without an image gets a generated social image; an unknown course is a 404", async () => {
    const [course] = await storeCourses(acme.key)
    const res = await fetch(`${acme.url}/og/courses/${course.handle}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("image/png")
    const png = Buffer.from(await res.arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe("PNG")
    expect(png.readUInt32BE(16)).toBe(1200)
    expect(png.readUInt32BE(20)).toBe(630)
    expect((await fetch(`${acme.url}/og/courses/no-such-course`)).status).toBe(404)
  })
})
