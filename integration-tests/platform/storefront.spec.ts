import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Client } from "pg"
import { buildStorefrontOnce, STOREFRONT_NEXT_BIN, ARTIFACTS as ARTIFACTS_ROOT } from "../helpers/browser-app"
import { linkIn, TestSmtp } from "../helpers/smtp"
import { FakeStripe } from "../helpers/fake-stripe"
import { FAKE_DECLINED_CARD, FAKE_DECLINED_PM, FAKE_STRIPE_JS } from "../helpers/fake-stripe-js"
const { measureUrl: measurePageJs, JS_BUDGET_KB } = require("../../storefront/scripts/js-budget")

// The storefront, end to end in Debian's chromium against a real Medusa with the demo data:
// preview, register, buy Basic, learn, upgrade to Premium, progress that survives a
// reload, and a second org's storefront with its own branding and catalog. Email goes over
// real SMTP to a listener in this test (issue 23): "Forgot password" and a staff invitation
// are completed from the links in the emails.
const b = require("../../src/scripts/lib/bootstrap")
const pg = require("../../src/scripts/lib/postgres")

jest.setTimeout(900_000)

const ROOT = path.resolve(__dirname, "../..")
const ARTIFACTS = path.join(ARTIFACTS_ROOT, "storefront")
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 900 }

type Json = Record<string, any>

describe("storefront", () => {
  const dbName = `volmify_storefront_${Date.now()}`
  const server = `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/postgres`
  const dbUrl = pg.withDatabase(server, dbName)
  const children: { child: ChildProcess; stop: () => Promise<void> }[] = []
  let medusaUrl: string
  let acme: { url: string; key: string }
  let yoga: { url: string; key: string }
  let multi: string // a storefront with no pinned org: the Host header decides
  let summary: Json
  let browser: any
  let log = ""
  const smtp = new TestSmtp()
  // Medusa's Stripe provider runs against a local fake of Stripe's API (no internet here);
  // the storefronts leave it unused unless one is given a publishable key (the card cases).
  const fakeStripe = new FakeStripe("whsec_volmify_storefront")

  const storeApi = async (key: string, url: string) => {
    const res = await fetch(`${medusaUrl}${url}`, { headers: { "x-publishable-api-key": key } })
    if (!res.ok) throw new Error(`${url} -> ${res.status}`)
    return (await res.json()) as Json
  }

  function startStorefront(key: string, port: number, extra: Record<string, string> = {}) {
    const child = spawn(process.execPath, [STOREFRONT_NEXT_BIN, "start", "-p", String(port)], {
      cwd: path.join(ROOT, "storefront"),
      env: { ...process.env, MEDUSA_BACKEND_URL: medusaUrl, MEDUSA_PUBLISHABLE_KEY: key, NODE_ENV: "production", COOKIE_SECURE: "false", ...extra },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    child.stdout?.on("data", (d) => (log = (log + d).slice(-20_000)))
    child.stderr?.on("data", (d) => (log = (log + d).slice(-20_000)))
    children.push({ child, stop: () => b.stopGroup(child) })
    return `http://localhost:${port}`
  }

  async function waitFor(url: string) {
    const end = Date.now() + 120_000
    while (Date.now() < end) {
      const ok = await fetch(url).then((r) => r.status < 500).catch(() => false)
      if (ok) return
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error(`${url} did not answer:\n${log.slice(-3000)}`)
  }

  /** Acme's owner in the admin API: `adminPost`, and `freeCourse` (a published free course of one text lesson, optionally a lead magnet). */
  async function acmeOwner() {
    const owner = summary.orgs.find((o: Json) => o.handle === "acme-academy").owner
    const login = await fetch(`${medusaUrl}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(owner) })
    const auth = { authorization: `Bearer ${(await login.json()).token}`, "content-type": "application/json" }
    const adminPost = async (url: string, body: Json) => {
      const res = await fetch(`${medusaUrl}${url}`, { method: "POST", headers: auth, body: JSON.stringify(body) })
      const json = (await res.json()) as Json
      if (!res.ok) throw new Error(`${url} -> ${res.status} ${JSON.stringify(json)}`)
      return json
    }
    const freeCourse = async (handle: string, title: string, lead_magnet: boolean) => {
      const { product } = await adminPost("/admin/products", {
        title,
        handle,
        status: "published",
        options: [{ title: "Tier", values: ["Free"] }],
        variants: [
          {
            title: "Free",
            manage_inventory: false,
            options: { Tier: "Free" },
            prices: ["usd", "eur", "jpy"].map((currency_code) => ({ currency_code, amount: 0 })),
          },
        ],
      })
      await adminPost(`/admin/products/${product.id}/variants/${product.variants[0].id}/access-plan`, { tier: 1 })
      const { course } = await adminPost("/admin/courses", { product_id: product.id, handle, title, lead_magnet })
      const { lesson } = await adminPost("/admin/lessons", { title: `${title}: start here`, type: "text", body: "# Welcome" })
      await adminPost(`/admin/courses/${course.id}/outline`, { modules: [{ title: "Start", sections: [{ title: "Intro", lessons: [{ lesson_id: lesson.id }] }] }] })
      await adminPost(`/admin/courses/${course.id}/publish`, {})
      return course
    }
    /** A published one-tier course (USD and EUR price `amount`, access plan `plan`) with one text lesson. */
    const pricedCourse = async (handle: string, title: string, tier: string, amount: number, plan: Json, lessonTitle: string) => {
      const { product } = await adminPost("/admin/products", {
        title,
        handle,
        status: "published",
        options: [{ title: "Tier", values: [tier] }],
        variants: [{ title: tier, manage_inventory: false, options: { Tier: tier }, prices: ["usd", "eur"].map((currency_code) => ({ currency_code, amount })) }],
      })
      await adminPost(`/admin/products/${product.id}/variants/${product.variants[0].id}/access-plan`, plan)
      const { course } = await adminPost("/admin/courses", { product_id: product.id, handle, title })
      const { lesson } = await adminPost("/admin/lessons", { title: lessonTitle, type: "text", body: `${lessonTitle}: members read this.` })
      await adminPost(`/admin/courses/${course.id}/outline`, { modules: [{ title: "Start", sections: [{ title: "Intro", lessons: [{ lesson_id: lesson.id }] }] }] })
      await adminPost(`/admin/courses/${course.id}/publish`, {})
      return { course, lesson }
    }
    return { adminPost, freeCourse, pricedCourse }
  }

  /** The platform admin in the admin API (regions are the platform's, not an org's). */
  async function platformAdmin() {
    const login = await fetch(`${medusaUrl}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(summary.admin) })
    const auth = { authorization: `Bearer ${(await login.json()).token}`, "content-type": "application/json" }
    const call = async (method: "GET" | "POST", url: string, body?: Json) => {
      const res = await fetch(`${medusaUrl}${url}`, { method, headers: auth, body: body ? JSON.stringify(body) : undefined })
      const json = (await res.json()) as Json
      if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(json)}`)
      return json
    }
    return { get: (url: string) => call("GET", url), post: (url: string, body: Json) => call("POST", url, body) }
  }

  /** One SQL query against the suite's database (what no API answers, e.g. a subscription's saved card reference). */
  async function sql(text: string, values: unknown[] = []): Promise<Json[]> {
    const client = new Client({ connectionString: dbUrl })
    await client.connect()
    try {
      return (await client.query(text, values)).rows
    } finally {
      await client.end()
    }
  }

  beforeAll(async () => {
    summary = await b.seededDatabase(server, dbName, { summaryFile: path.join(os.tmpdir(), `${dbName}.json`) })
    const port = await pg.freePort()
    medusaUrl = `http://localhost:${port}`
    // Emails link to Acme's storefront (STOREFRONT_URL: the demo orgs have no verified domain).
    await smtp.start()
    await fakeStripe.start()
    const acmePort = await pg.freePort()
    const medusa = b.startMedusa(dbUrl, {
      port,
      stdio: "pipe",
      env: {
        ...process.env,
        MEDUSA_DISABLE_TELEMETRY: "true",
        SMTP_URL: smtp.url(),
        MAIL_FROM: "Volmify <mail@volmify.test>",
        STOREFRONT_URL: `http://localhost:${acmePort}`,
        MEDUSA_BACKEND_URL: medusaUrl,
        STRIPE_API_KEY: "sk_test_volmify_storefront",
        STRIPE_WEBHOOK_SECRET: fakeStripe.webhookSecret,
        STRIPE_API_HOST: "127.0.0.1",
        STRIPE_API_PROTOCOL: "http",
        STRIPE_API_PORT: String(fakeStripe.port),
      },
    })
    medusa.child.stdout?.on("data", (d: Buffer) => (log = (log + d).slice(-20_000)))
    medusa.child.stderr?.on("data", (d: Buffer) => (log = (log + d).slice(-20_000)))
    children.push(medusa)
    await b.waitForHealth(medusaUrl, { child: medusa.child })
    // One production build serves every org: the key is read at run time.
    await buildStorefrontOnce()
    const keyOf = (handle: string) => summary.orgs.find((o: Json) => o.handle === handle).publishable_key
    acme = { key: keyOf("acme-academy"), url: startStorefront(keyOf("acme-academy"), acmePort) }
    yoga = { key: keyOf("yoga-with-mia"), url: startStorefront(keyOf("yoga-with-mia"), await pg.freePort()) }
    multi = startStorefront("", await pg.freePort(), { VOLMIFY_RESOLVER_KEY: keyOf("acme-academy") })
    await Promise.all([waitFor(acme.url), waitFor(yoga.url), waitFor(multi)])
    const { chromium } = require("playwright-core")
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    })
  })

  afterAll(async () => {
    await browser?.close().catch(() => {})
    for (const c of children.reverse()) await c.stop().catch(() => {})
    await smtp.stop().catch(() => {})
    await fakeStripe.stop().catch(() => {})
    fs.mkdirSync(ARTIFACTS, { recursive: true })
    for (const [name, png] of [...shots, ...artifacts]) fs.writeFileSync(path.join(ARTIFACTS, name), png)
    // The last 20 kB the servers printed (Medusa and the storefronts), for a failed run.
    fs.writeFileSync(path.join(ARTIFACTS, "servers.log"), log)
    const client = new Client({ connectionString: server })
    await client.connect()
    await client.query(`drop database if exists "${dbName}" with (force)`).catch(() => {})
    await client.end()
  })

  // `medusa develop` restarts on any new file under the app folder: screenshots are kept
  // in memory and written once Medusa has stopped.
  const shots: [string, Buffer][] = []
  const artifacts: [string, Buffer][] = []
  async function shoot(page: any, name: string) {
    for (const [label, size] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      await page.setViewportSize(size)
      shots.push([`${name}-${label}.png`, await page.screenshot({ fullPage: true })])
    }
    await page.setViewportSize(DESKTOP)
  }

  /** The document's width at phone size (nothing may scroll sideways). */
  async function phoneWidth(page: any): Promise<number> {
    const before = page.viewportSize()
    await page.setViewportSize(PHONE)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    await page.setViewportSize(before)
    return width
  }

  it("previews, registers, buys Basic, learns, upgrades to Premium, keeps progress; the other org stays apart", async () => {
    // The Acme course with lessons at tier 1 and tier 2 and a free preview, from the store API.
    const { courses } = await storeApi(acme.key, "/store/courses")
    expect(courses.length).toBeGreaterThan(0)
    let course: Json | undefined
    for (const c of courses) {
      const { course: full } = await storeApi(acme.key, `/store/courses/${c.handle}`)
      const lessons = full.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons))
      if (lessons.some((l: Json) => l.is_preview) && lessons.some((l: Json) => l.required_tier === 2 && l.lock_reason !== "drip")) {
        course = full
        break
      }
    }
    expect(course).toBeDefined()
    const lessons = course!.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons))
    const preview = lessons.find((l: Json) => l.is_preview)
    const tier1 = lessons.find((l: Json) => !l.is_preview && l.required_tier === 1 && !l.available_at)
    const tier2 = lessons.find((l: Json) => !l.is_preview && l.required_tier === 2 && !l.available_at)
    expect(tier1 && tier2).toBeTruthy()

    const page = await browser.newPage({ viewport: DESKTOP })
    const errors: string[] = []
    page.on("pageerror", (e: Error) => errors.push(e.message))

    // 1. Anonymous: curriculum with locks; the free preview plays.
    await page.goto(`${acme.url}/courses/${course!.handle}`)
    await page.getByRole("heading", { name: course!.title }).waitFor()
    const outline = page.getByRole("navigation", { name: "Course outline" })
    await expect(outline.locator(`[data-lesson="${tier2.id}"]`).innerText()).resolves.toMatch(/Premium/)
    await shoot(page, "course-page")
    await page.getByRole("link", { name: "Watch a free preview" }).click()
    await page.waitForURL(new RegExp(`/lessons/${preview.id}`))
    await page.getByRole("heading", { name: preview.title, exact: true, level: 1 }).waitFor().catch(async (e: Error) => {
      throw new Error(`${e.message}\n${page.url()}\n${await page.locator("main").innerText()}\n${log.slice(-4000)}`)
    })
    expect(await page.locator("video, .lesson-body").count()).toBeGreaterThan(0)

    // 2. Register, buy Basic with the demo payment, land on /learn with the course.
    const email = `student.${Date.now()}@test.volmify.local`
    await page.goto(`${acme.url}/account/register`)
    await page.fill("input[name=first_name]", "Sam")
    await page.fill("input[name=last_name]", "Student")
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", "student-password-1")
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/learn/)
    await page.goto(`${acme.url}/courses/${course!.handle}`)
    await page.getByRole("button", { name: /^Buy Basic/ }).click()
    await page.waitForURL(/\/cart/)
    await page.getByRole("link", { name: "Checkout" }).click()
    // Issue 22 item 8: nothing ships, so no street address; the country starts as the
    // browser's (en-US) and the postal code is asked because US sales tax depends on it.
    await page.locator("select[name=country_code]").waitFor()
    expect(await page.locator("input[name=address_1], input[name=city]").count()).toBe(0)
    expect(await page.locator("select[name=country_code]").inputValue()).toBe("us")
    await page.fill("input[name=postal_code]", "12345")
    await shoot(page, "checkout")
    // On a phone the order summary sits above Pay.
    await page.setViewportSize(PHONE)
    const summaryBox = await page.locator(".order-summary").boundingBox()
    const payBox = await page.getByRole("button", { name: /^Pay/ }).boundingBox()
    expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual(payBox.y)
    await page.setViewportSize(DESKTOP)
    // Pay is disabled, with a spinner, while the order is placed (the action is held 1.5 s).
    const hold = async (route: any) => {
      if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 1500))
      await route.continue()
    }
    await page.route(`${acme.url}/checkout`, hold)
    await page.getByRole("button", { name: /^Pay/ }).click()
    const paying = page.getByRole("button", { name: "Paying…" })
    await paying.waitFor()
    expect([await paying.isDisabled(), await paying.getAttribute("aria-busy"), await paying.locator(".spinner").count()]).toEqual([true, "true", 1])
    shots.push(["checkout-paying-desktop.png", await page.screenshot()])
    await page.waitForURL(/\/order\//, { timeout: 60_000 })
    await page.unroute(`${acme.url}/checkout`, hold)
    await page.getByRole("link", { name: "Start learning" }).click()
    await page.waitForURL(/\/learn/)
    for (let i = 0; i < 20 && !(await page.locator(`[data-course="${course!.handle}"]`).count()); i++) {
      await page.waitForTimeout(500)
      await page.reload()
    }
    await page.locator(`[data-course="${course!.handle}"]`).waitFor()
    await shoot(page, "dashboard")

    // 3. A tier-1 lesson opens; a tier-2 lesson offers the upgrade; buying Premium unlocks it.
    await page.goto(`${acme.url}/courses/${course!.handle}/lessons/${tier1.id}`)
    await page.getByRole("heading", { name: tier1.title, level: 1 }).waitFor()
    expect(await page.getByRole("status", { name: "Upgrade" }).count()).toBe(0)
    await shoot(page, "player")
    await page.goto(`${acme.url}/courses/${course!.handle}/lessons/${tier2.id}`)
    const upgrade = page.getByRole("status", { name: "Upgrade" })
    await upgrade.waitFor()
    await upgrade.getByRole("button", { name: /Premium/ }).click()
    await page.waitForURL(/\/cart/)
    await page.getByRole("link", { name: "Checkout" }).click()
    await page.getByRole("button", { name: /^Pay/ }).click()
    await page.waitForURL(/\/order\//, { timeout: 60_000 })
    for (let i = 0; i < 20; i++) {
      await page.goto(`${acme.url}/courses/${course!.handle}/lessons/${tier2.id}`)
      if (!(await page.getByRole("status", { name: "Upgrade" }).count())) break
      await page.waitForTimeout(500)
    }
    expect(await page.getByRole("status", { name: "Upgrade" }).count()).toBe(0)

    // 4. Completing a lesson moves the progress bar, and it survives a reload.
    await page.goto(`${acme.url}/courses/${course!.handle}/lessons/${tier1.id}`)
    const bar = page.getByRole("progressbar", { name: "Course progress" })
    const before = Number(await bar.getAttribute("aria-valuenow"))
    await page.getByRole("button", { name: /Complete and continue|Mark complete/ }).click()
    await page.waitForLoadState("networkidle")
    await page.reload()
    const after = Number(await page.getByRole("progressbar", { name: "Course progress" }).getAttribute("aria-valuenow"))
    expect(after).toBeGreaterThan(before)
    await page.goto(`${acme.url}/courses/${course!.handle}`)
    await expect(page.locator(`[data-lesson="${tier1.id}"]`).innerText()).resolves.toContain("✓")

    // 5. The other org's storefront: its own branding, none of the first org's courses.
    const other = await browser.newPage({ viewport: DESKTOP })
    await other.goto(`${yoga.url}/courses`)
    await other.getByRole("link", { name: "Yoga with Mia" }).waitFor()
    const acmeBrand = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue("--brand").trim())
    const yogaBrand = await other.evaluate(() => getComputedStyle(document.body).getPropertyValue("--brand").trim())
    expect(acmeBrand).not.toBe(yogaBrand)
    const yogaText = await other.locator("main").innerText()
    for (const c of courses) expect(yogaText).not.toContain(c.title)
    expect((await other.goto(`${yoga.url}/courses/${course!.handle}`)).status()).toBe(404)
    await shoot(other, "other-org")
    expect(errors).toEqual([])
  })

  it("journeys of issue 22: truthful locks, upgrade by click, My learning, login, region, favicon, video, affiliate; no page scrolls sideways at 390 px", async () => {
    const call = async (method: string, url: string, opts: { token?: string; key?: string; body?: unknown } = {}) => {
      const res = await fetch(`${medusaUrl}${url}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(opts.key ? { "x-publishable-api-key": opts.key } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      })
      const data = (await res.json().catch(() => ({}))) as Json
      if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(data).slice(0, 300)}`)
      return data
    }
    const student = summary.customers[0] as { email: string; password: string }
    const acmeOrg = summary.orgs.find((o: Json) => o.handle === "acme-academy")
    const ownerToken = (await call("POST", "/auth/user/emailpass", { body: acmeOrg.owner })).token
    await call("POST", "/admin/affiliate-program", { token: ownerToken, body: { enabled: true } })
    const studentToken = (await call("POST", "/auth/customer/emailpass", { body: { email: student.email, password: student.password } })).token
    const [enrollment] = (await call("GET", "/store/customers/me/enrollments", { token: studentToken, key: acme.key })).enrollments
    const handle = enrollment.course.handle as string
    const course = (await call("GET", `/store/courses/${handle}`, { key: acme.key })).course
    const lessons: Json[] = course.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons))
    const preview = lessons.find((l) => l.is_preview && l.type === "video")!
    const premium = lessons.find((l) => !l.is_preview && l.required_tier === 2)!
    const basic = lessons.find((l) => !l.is_preview && l.required_tier === 1 && !l.available_at)!
    const pageErrors: string[] = []
    const width = async (page: any) => page.evaluate(() => document.documentElement.scrollWidth)
    /** Screenshots at both widths, and the page's width at each: nothing wider than the window. */
    const widths: { page: string; phone: number; desktop: number }[] = []
    async function measure(page: any, name: string) {
      await page.setViewportSize(PHONE)
      await page.waitForTimeout(100)
      const phone = await width(page)
      shots.push([`${name}-phone.png`, await page.screenshot({ fullPage: true })])
      await page.setViewportSize(DESKTOP)
      await page.waitForTimeout(100)
      const desktop = await width(page)
      shots.push([`${name}-desktop.png`, await page.screenshot({ fullPage: true })])
      widths.push({ page: name, phone, desktop })
    }

    // 1. Anonymous: locks say what opens them (a tier name, "Buy to unlock"), never "Log in";
    //    a locked lesson is a link to its page, which offers the tier; "Log in" is for buyers.
    const visitor = await browser.newContext({ viewport: DESKTOP })
    const anon = await visitor.newPage()
    anon.on("pageerror", (e: Error) => pageErrors.push(e.message))
    await anon.goto(`${acme.url}/courses/${handle}`)
    const outline = anon.getByRole("navigation", { name: "Course outline" })
    const premiumRow = await outline.locator(`[data-lesson="${premium.id}"]`).innerText()
    expect(premiumRow).toMatch(/Premium/)
    expect(premiumRow).toMatch(/Buy to unlock/)
    const outlineText = await outline.innerText()
    expect(outlineText).not.toMatch(/Log in|Tier \d/)
    await measure(anon, "j-course")
    await outline.getByRole("link", { name: premium.title }).click()
    await anon.waitForURL(new RegExp(`/lessons/${premium.id}$`))
    const anonPanel = anon.getByRole("status", { name: "Upgrade" })
    await anonPanel.waitFor()
    expect(await anonPanel.innerText()).toMatch(/part of Premium/)
    expect(await anonPanel.getByRole("button", { name: /^Buy Premium/ }).count()).toBe(1)
    await measure(anon, "j-lesson-locked-anonymous")
    // The free preview's demo video plays from the app itself (a private file behind a signed
    // link); when a video cannot be loaded, a message takes its place instead of a black box.
    expect(preview).toBeDefined()
    await anon.goto(`${acme.url}/courses/${handle}/lessons/${preview.id}`)
    await anon.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 1, null, { timeout: 30_000 })
    expect(await anon.locator("video").evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([320, 180])
    // The message is in the HTML, hidden until lesson-video.js sees the video fail: no visible
    // alert (getByRole leaves hidden elements out), and the video stays.
    expect(await anon.getByRole("alert").filter({ hasText: "This video could not be loaded" }).count()).toBe(0)
    expect(await anon.locator("#video-error").isHidden()).toBe(true)
    expect(await anon.locator("video").count()).toBe(1)
    await measure(anon, "j-lesson-preview")
    await anon.route("**/course-media/**", (route: any) => route.abort())
    await anon.reload()
    await anon.getByRole("alert").filter({ hasText: "This video could not be loaded" }).waitFor({ timeout: 30_000 })
    expect(await anon.locator("video").count()).toBe(0)
    await measure(anon, "j-lesson-video-error")
    await anon.unroute("**/course-media/**")
    // The region picker returns to the page it was used on (path and query), not the home page.
    const applyRegion = async () => {
      const select = anon.locator('select[name="region_id"]')
      const other = await select.evaluate((el: HTMLSelectElement) => [...el.options].find((o) => !o.selected)!.value)
      await select.selectOption(other)
      await Promise.all([
        anon.waitForResponse((r: any) => r.request().method() === "POST" && new URL(r.url()).origin === new URL(acme.url).origin),
        anon.getByRole("button", { name: "Apply" }).click(),
      ])
      await anon.waitForLoadState("networkidle")
      const u = new URL(anon.url())
      return { path: `${u.pathname}${u.search}`, region: await anon.locator('select[name="region_id"]').inputValue(), chosen: other }
    }
    await anon.goto(`${acme.url}/courses`)
    let applied = await applyRegion()
    expect(applied).toEqual({ path: "/courses", region: applied.chosen, chosen: applied.chosen })
    await anon.goto(`${acme.url}/courses/${handle}?from=test`)
    applied = await applyRegion()
    expect(applied).toEqual({ path: `/courses/${handle}?from=test`, region: applied.chosen, chosen: applied.chosen })
    // The favicon is served, the org's mark (no logo in the demo).
    const icon = await fetch(`${acme.url}/favicon.ico`)
    expect([icon.status, icon.headers.get("content-type")]).toEqual([200, "image/svg+xml"])
    expect(await icon.text()).toContain(">A</text>")
    // /learn for a visitor who never logged in asks them to log in (nothing "expired").
    await anon.goto(`${acme.url}/learn`)
    await anon.waitForURL(/\/account\/login/)
    const loginText = await anon.locator("main").innerText()
    expect(loginText).toContain("Log in to see your courses.")
    expect(loginText).not.toContain("expired")
    // Every other page a visitor reaches.
    for (const [name, url] of [
      ["j-home", "/"], ["j-catalog", "/courses"], ["j-login", "/account/login"], ["j-register", "/account/register"],
      ["j-reset-password", "/account/reset-password"], ["j-cart-empty", "/cart"], ["j-verify", "/certificates/verify"],
      ["j-verify-unknown", "/certificates/verify/NOPE-0000"], ["j-not-found", "/no-such-page"],
    ]) {
      await anon.goto(`${acme.url}${url}`)
      await anon.waitForLoadState("networkidle")
      await measure(anon, name)
    }

    // 2. A new account: welcomed, not "welcomed back".
    await anon.goto(`${acme.url}/account/register`)
    await anon.fill("input[name=first_name]", "Nia")
    await anon.fill("input[name=last_name]", "New")
    await anon.fill("input[name=email]", `nia.${Date.now()}@test.volmify.local`)
    await anon.fill("input[name=password]", "new-student-1")
    await anon.getByRole("button", { name: "Create account" }).click()
    await anon.waitForURL(/\/learn/)
    const fresh = await anon.locator("main").innerText()
    expect(fresh).toContain("Welcome, Nia.")
    expect(fresh).not.toContain("Welcome back")
    await measure(anon, "j-learn-new-account")
    await visitor.close()

    // 3. The Basic student finishes every lesson Basic opens (the drip module opens a week
    //    after enrolling: the enrollment is moved eight days back), then logs in.
    const db = new Client({ connectionString: dbUrl })
    await db.connect()
    await db.query("update enrollment set started_at = started_at - interval '8 days' where id = $1", [enrollment.id])
    await db.end()
    const mine = (await call("GET", `/store/courses/${handle}`, { key: acme.key, token: studentToken })).course
    for (const l of mine.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons)).filter((l: Json) => !l.locked)) {
      await call("POST", `/store/courses/${handle}/lessons/${l.id}/progress`, { key: acme.key, token: studentToken, body: { status: "completed" } })
    }
    const ctx = await browser.newContext({ viewport: DESKTOP })
    const page = await ctx.newPage()
    page.on("pageerror", (e: Error) => pageErrors.push(e.message))
    // A wrong password keeps the email typed.
    await page.goto(`${acme.url}/account/login`)
    await page.fill("input[name=email]", student.email)
    await page.fill("input[name=password]", "not-the-password")
    await page.getByRole("button", { name: "Log in" }).click()
    await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor()
    expect(await page.locator("input[name=email]").inputValue()).toBe(student.email)
    expect(await page.locator("input[name=password]").inputValue()).toBe("")
    await page.fill("input[name=password]", student.password)
    await page.getByRole("button", { name: "Log in" }).click()
    await page.waitForURL(/\/learn/)
    const card = page.locator(`[data-course="${handle}"]`)
    await card.waitFor()
    const cardText = await card.innerText()
    expect(cardText).toContain("Completed ✓")
    expect(cardText).toContain("Basic")
    expect(cardText).not.toMatch(/Continue where you left off|Tier \d/)
    expect(await card.getByRole("link", { name: /^(Start|Continue)/ }).count()).toBe(0)
    expect(await page.locator("main").innerText()).toContain("Welcome back")
    await measure(page, "j-learn-completed")

    // 4. The Basic student clicks a Premium lesson in the outline and lands on the upgrade panel.
    await page.goto(`${acme.url}/courses/${handle}/lessons/${basic.id}`)
    await page.getByRole("heading", { name: basic.title, level: 1 }).waitFor()
    // The current lesson stays on one row with its icon in the sidebar (not three lines).
    const row = page.locator(`aside [data-lesson="${basic.id}"]`)
    const iconBox = await row.locator(".oi").boundingBox()
    const titleBox = await row.locator('[aria-current="page"]').boundingBox()
    const rowBox = await row.boundingBox()
    expect(Math.abs(iconBox.y + iconBox.height / 2 - (titleBox.y + titleBox.height / 2))).toBeLessThan(8)
    expect(titleBox.width).toBeGreaterThan(rowBox.width / 2)
    await measure(page, "j-lesson-open")
    await page.locator("aside").getByRole("navigation", { name: "Course outline" }).getByRole("link", { name: premium.title }).click()
    await page.waitForURL(new RegExp(`/lessons/${premium.id}$`))
    const upgrade = page.getByRole("status", { name: "Upgrade" })
    await upgrade.waitFor()
    expect(await upgrade.innerText()).toMatch(/part of Premium\.[\s\S]*You have Basic/)
    await measure(page, "j-lesson-upgrade")

    // 5. The affiliate page: the code's pattern works in Chrome (v flag), nothing sideways.
    await page.goto(`${acme.url}/account/affiliate`)
    const code = page.locator("input[name=code]")
    const validity = async (value: string) => {
      await code.fill(value)
      return code.evaluate((el: HTMLInputElement) => ({ mismatch: el.validity.patternMismatch, valid: el.checkValidity() }))
    }
    expect(await validity("no spaces!")).toEqual({ mismatch: true, valid: false })
    expect(await validity("a-b_C9")).toEqual({ mismatch: false, valid: true })
    await measure(page, "j-affiliate-apply")
    await code.fill("STUDENT-22")
    await page.getByRole("button", { name: "Join the program" }).click()
    await page.getByTestId("affiliate-code").waitFor()
    await measure(page, "j-affiliate")

    // 6. Cart, checkout, order: the Premium upgrade.
    await page.goto(`${acme.url}/courses/${handle}/lessons/${premium.id}`)
    await page.getByRole("status", { name: "Upgrade" }).getByRole("button", { name: /Premium/ }).click()
    await page.waitForURL(/\/cart/)
    await measure(page, "j-cart")
    await page.getByRole("link", { name: "Checkout" }).click()
    await page.waitForURL(/\/checkout/)
    await measure(page, "j-checkout")
    for (const [field, value] of [["address_1", "1 Main Street"], ["city", "Springfield"], ["postal_code", "12345"]]) {
      const input = page.locator(`input[name=${field}]`)
      if ((await input.count()) && !(await input.inputValue())) await input.fill(value)
    }
    await page.getByRole("button", { name: /^Pay/ }).click()
    await page.waitForURL(/\/order\//, { timeout: 60_000 })
    await measure(page, "j-order")
    await page.goto(`${acme.url}/courses/${handle}`)
    await measure(page, "j-course-student")
    await ctx.close()

    // Written with the screenshots once Medusa has stopped (a new file restarts `medusa develop`).
    shots.push(["page-widths.json", Buffer.from(JSON.stringify(widths, null, 2))])
    expect(widths.length).toBeGreaterThanOrEqual(20)
    expect(widths.filter((w) => w.phone > PHONE.width || w.desktop > DESKTOP.width)).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it("a guest pays, creates an account with that email and finds the course in My learning; the order URL stays private; a returning buyer logs in from the checkout", async () => {
    const { courses } = await storeApi(acme.key, "/store/courses")
    const handle = courses[0].handle
    const guest = await browser.newContext({ viewport: DESKTOP })
    const page = await guest.newPage()
    await page.goto(`${acme.url}/courses/${handle}`)
    await page.getByRole("button", { name: /^Buy Basic/ }).click()
    await page.waitForURL(/\/cart/)
    await page.getByRole("link", { name: "Checkout" }).click()
    // Issue 22 item 1: logged out, the checkout asks for an account first; the guest path stays.
    await page.getByRole("region", { name: "Your account" }).waitFor()
    await shoot(page, "checkout-account-step")
    expect(await phoneWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await page.getByRole("link", { name: "Check out as a guest" }).click()
    await page.waitForURL(/\/checkout\?guest=1/)
    await page.getByRole("form", { name: "Checkout" }).waitFor()
    const email = `guest.${Date.now()}@test.volmify.local`
    await page.fill("input[name=email]", email)
    await page.fill("input[name=first_name]", "Gil")
    await page.fill("input[name=last_name]", "Guest")
    expect(await page.locator("input[name=address_1]").count()).toBe(0)
    await page.fill("input[name=postal_code]", "12345")
    await page.getByRole("button", { name: /^Pay/ }).click()
    await page.waitForURL(/\/order\//, { timeout: 60_000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${page.url()}\n${await page.locator("main").innerText()}\n${log.slice(-4000)}`)
    })
    await page.getByRole("heading", { name: "Thank you!" }).waitFor()
    expect(await page.locator("main").innerText()).toContain(email)
    // No "Start learning" into an expired session: the way on is an account with that email.
    expect(await page.getByRole("link", { name: "Start learning" }).count()).toBe(0)
    await shoot(page, "guest-order-confirmation")
    expect(await phoneWidth(page)).toBeLessThanOrEqual(PHONE.width)
    // The guest order token lives in an HttpOnly cookie set by the storefront's server.
    const cookie = (await guest.cookies()).find((c: Json) => c.name === "_volmify_order")
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" })
    const stranger = await browser.newContext({ viewport: DESKTOP })
    const other = await stranger.newPage()
    const res = await other.goto(page.url())
    expect(res.status()).toBe(404)
    await other.getByRole("heading", { name: "Page not found" }).waitFor()
    await stranger.close()

    // Sign up with the email already typed: the course bought as a guest is in My learning.
    await page.getByRole("link", { name: "Create my account" }).click()
    await page.waitForURL(/\/account\/register/)
    expect(await page.inputValue("input[name=email]")).toBe(email)
    await page.fill("input[name=first_name]", "Gil")
    await page.fill("input[name=last_name]", "Guest")
    await page.fill("input[name=password]", "guest-password-1")
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/learn/)
    for (let i = 0; i < 20 && !(await page.locator(`[data-course="${handle}"]`).count()); i++) {
      await page.waitForTimeout(500)
      await page.reload()
    }
    await page.locator(`[data-course="${handle}"]`).waitFor()
    await shoot(page, "guest-claimed-learning")
    await guest.close()

    // Logged out again, the same buyer: the checkout's email step sends them to log in
    // (email kept), then back to pay as themselves.
    const returning = await browser.newContext({ viewport: DESKTOP })
    const again = await returning.newPage()
    await again.goto(`${acme.url}/courses/${handle}`)
    await again.getByRole("button", { name: /^Buy Premium/ }).click()
    await again.waitForURL(/\/cart/)
    await again.getByRole("link", { name: "Checkout" }).click()
    await again.getByRole("region", { name: "Your account" }).getByLabel("Email").fill(email)
    await again.getByRole("button", { name: "Continue" }).click()
    await again.waitForURL(/\/account\/login/)
    expect(await again.inputValue("input[name=email]")).toBe(email)
    await again.fill("input[name=password]", "guest-password-1")
    await again.getByRole("button", { name: "Log in" }).click()
    await again.waitForURL(/\/checkout$/)
    expect(await again.inputValue("input[name=email]")).toBe(email)
    await again.fill("input[name=postal_code]", "12345")
    await again.getByRole("button", { name: /^Pay/ }).click()
    await again.waitForURL(/\/order\//, { timeout: 60_000 })
    await again.getByRole("link", { name: "Start learning" }).waitFor()
    await returning.close()
  })

  it("the claim-link page: a logged-in account asks for a link by email and is told so", async () => {
    const context = await browser.newContext({ viewport: PHONE })
    const page = await context.newPage()
    await page.goto(`${acme.url}/account/claim`)
    await page.waitForURL(/\/account\/login\?next=%2Faccount%2Fclaim/)
    await page.getByRole("link", { name: "Create an account" }).click()
    await page.fill("input[name=first_name]", "Cleo")
    await page.fill("input[name=last_name]", "Claim")
    await page.fill("input[name=email]", `claim.${Date.now()}@test.volmify.local`)
    await page.fill("input[name=password]", "claim-password-1")
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/account\/claim/)
    await page.getByRole("button", { name: "Email me a link" }).click()
    await page.getByRole("status").filter({ hasText: /a link to add it to this account is on its way/ }).waitFor()
    await shoot(page, "claim-link-requested")
    expect(await phoneWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await context.close()
  })

  it("multi-domain hosting: the Host header picks the org of a verified domain; unknown hosts get a friendly page", async () => {
    const http = require("node:http")
    const get = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(`${multi}/courses`)
        const req = http.get({ hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res: any) => {
          let body = ""
          res.on("data", (d: Buffer) => (body += d))
          res.on("end", () => resolve({ status: res.statusCode, body }))
        })
        req.on("error", reject)
      })
    const login = await fetch(`${medusaUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(summary.admin),
    })
    const auth = { authorization: `Bearer ${(await login.json()).token}`, "content-type": "application/json" }
    const { orgs } = await (await fetch(`${medusaUrl}/admin/orgs?q=yoga`, { headers: auth })).json()
    const { domain } = await (
      await fetch(`${medusaUrl}/admin/orgs/${orgs[0].id}/domains`, { method: "POST", headers: auth, body: JSON.stringify({ hostname: "learn.yoga.test" }) })
    ).json()
    const unverified = await get("learn.yoga.test")
    expect(unverified.body).toContain("No school answers on learn.yoga.test")
    await fetch(`${medusaUrl}/admin/orgs/${orgs[0].id}/domains/${domain.id}`, { method: "POST", headers: auth, body: JSON.stringify({ verified: true }) })
    // The resolution is cached for a minute per host; a new host name is looked up fresh.
    const verified = await get("LEARN.yoga.test")
    expect(verified.status).toBe(200)
    expect(verified.body).toContain("Yoga with Mia")
    expect(verified.body).not.toContain("TypeScript from Zero")
    const unknown = await get("nowhere.test")
    expect(unknown.body).toContain("No school answers on nowhere.test")
  })

  it("a coupon's discount reaches the order; a free course enrolls with no payment step; a lead magnet takes only an email (issue 21)", async () => {
    // As Acme's owner would in the admin: a 20 % coupon, a free course and a lead magnet.
    const { adminPost, freeCourse } = await acmeOwner()
    await adminPost("/admin/promotions", {
      code: "WELCOME20",
      type: "standard",
      status: "active",
      is_automatic: false,
      application_method: { type: "percentage", target_type: "order", allocation: "across", value: 20 },
    })
    const free = await freeCourse(`git-basics-${Date.now()}`, "Git Basics", false)
    const magnet = await freeCourse(`cheat-sheet-${Date.now()}`, "The TypeScript Cheat Sheet", true)

    const context = await browser.newContext({ viewport: DESKTOP })
    const page = await context.newPage()
    const errors: string[] = []
    page.on("pageerror", (e: Error) => errors.push(e.message))
    await page.goto(`${acme.url}/account/register`)
    await page.fill("input[name=first_name]", "Cora")
    await page.fill("input[name=last_name]", "Coupon")
    await page.fill("input[name=email]", `coupon.${Date.now()}@test.volmify.local`)
    await page.fill("input[name=password]", "student-password-1")
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/learn/)

    // 1. Coupon: a wrong code says so; WELCOME20 takes 20 % off $99; the order shows it.
    await page.goto(`${acme.url}/courses/typescript-from-zero`)
    await page.getByRole("button", { name: /^Buy Basic/ }).click()
    await page.waitForURL(/\/cart/)
    await page.fill("input[name=code]", "NOT-A-CODE")
    await page.getByRole("button", { name: "Apply code" }).click()
    await expect(page.getByRole("region", { name: "Promotion code" }).getByRole("alert").innerText()).resolves.toContain(
      'The promotion code "NOT-A-CODE" is not valid in this store'
    )
    await page.fill("input[name=code]", "WELCOME20")
    await page.getByRole("button", { name: "Apply code" }).click()
    await page.getByTestId("cart-discount").waitFor()
    await expect(page.getByTestId("cart-discount").innerText()).resolves.toMatch(/WELCOME20[\s\S]*\$19\.80/)
    await expect(page.locator("main").innerText()).resolves.toContain("Total $79.20")
    await shoot(page, "cart-coupon")
    await page.getByRole("link", { name: "Checkout" }).click()
    // A digital-only checkout: no street address, the billing postal code for US tax.
    await page.fill("input[name=postal_code]", "12345")
    await page.getByRole("button", { name: "Pay $79.20" }).click()
    await page.waitForURL(/\/order\//, { timeout: 60_000 })
    await expect(page.getByTestId("order-discount").innerText()).resolves.toMatch(/WELCOME20[\s\S]*\$19\.80/)
    await expect(page.locator("main").innerText()).resolves.toContain("Paid $79.20")
    await shoot(page, "order-with-coupon")

    // 2. Free course: one button, no checkout; a zero-total order; then the course is theirs.
    await page.goto(`${acme.url}/courses/${free.handle}`)
    await page.getByRole("button", { name: "Enroll for free" }).click()
    await page.waitForURL(/\/order\//, { timeout: 60_000 })
    await expect(page.locator("main").innerText()).resolves.toContain("Total $0.00")
    await shoot(page, "free-enrollment-order")
    for (let i = 0; i < 20; i++) {
      await page.goto(`${acme.url}/courses/${free.handle}`)
      if (await page.getByText("Your tier: Free").count()) break
      await page.waitForTimeout(500)
    }
    await page.getByText("Your tier: Free").waitFor()
    expect(await page.getByRole("button", { name: "Enroll for free" }).count()).toBe(0)

    // 3. Lead magnet: an anonymous visitor gives only an email; an account's email must log in.
    const visitor = await browser.newContext({ viewport: DESKTOP })
    const lead = await visitor.newPage()
    await lead.goto(`${acme.url}/courses/${magnet.handle}`)
    await lead.fill("input[name=email]", `lead.${Date.now()}@test.volmify.local`)
    await shoot(lead, "lead-magnet")
    await lead.getByRole("button", { name: "Get it free" }).click()
    await lead.getByText("You're in!").waitFor()
    await lead.goto(`${acme.url}/courses/${magnet.handle}`)
    await lead.fill("input[name=email]", summary.customers[0].email)
    await lead.getByRole("button", { name: "Get it free" }).click()
    await expect(lead.locator("main [role=alert]").innerText()).resolves.toContain("An account exists for this email: log in to enroll")
    // A free course that is not a lead magnet asks an anonymous visitor to log in.
    await lead.goto(`${acme.url}/courses/${free.handle}`)
    await lead.getByRole("link", { name: "Log in to enroll for free" }).waitFor()
    await visitor.close()
    await context.close()
    expect(errors).toEqual([])
  })

  it("a membership with a free trial: checkout charges $0.00, the account shows the next charge, cancel at period end and resume; a course created later opens (issue 24)", async () => {
    // As Acme's owner would in the admin: an org-wide monthly membership with a 7-day trial.
    const { pricedCourse: courseFor } = await acmeOwner()
    const stamp = Date.now()
    const membership = await courseFor(`all-access-${stamp}`, "Acme All-Access", "Member", 20, { tier: 1, billing: "subscription", interval: "month", trial_days: 7, scope: "org" }, "Welcome, member")

    const context = await browser.newContext({ viewport: DESKTOP })
    const page = await context.newPage()
    const errors: string[] = []
    page.on("pageerror", (e: Error) => errors.push(e.message))
    await page.goto(`${acme.url}/account/register`)
    await page.fill("input[name=first_name]", "Trina")
    await page.fill("input[name=last_name]", "Trial")
    await page.fill("input[name=email]", `trial.${stamp}@test.volmify.local`)
    await page.fill("input[name=password]", "student-password-1")
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/learn/)

    // 1. Subscribe with the trial: the cart and the order say $0.00.
    await page.goto(`${acme.url}/courses/${membership.course.handle}`)
    // The course page's side panel (a one-tier course also lists the tier below the outline).
    await page.getByRole("complementary").getByRole("button", { name: /^Buy Member/ }).click()
    await page.waitForURL(/\/cart/)
    await expect(page.locator("main").innerText()).resolves.toContain("Total $0.00")
    await page.getByRole("link", { name: "Checkout" }).click()
    await page.fill("input[name=postal_code]", "12345")
    await page.getByRole("button", { name: "Pay $0.00" }).click()
    await page.waitForURL(/\/order\//, { timeout: 60_000 })
    await expect(page.locator("main").innerText()).resolves.toContain("$0.00")
    const subscribedAt = Date.now()

    // 2. The account page: a free trial, the first charge of $20.00 seven days on.
    const day = (ms: number) => new Date(ms).toLocaleDateString("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })
    const nextCharge = page.getByTestId("subscription-next-charge")
    for (let i = 0; i < 20; i++) {
      await page.goto(`${acme.url}/account/subscriptions`)
      if (await nextCharge.count()) break
      await page.waitForTimeout(500)
    }
    const card = page.getByTestId("subscription").filter({ hasText: "Acme All-Access" })
    await expect(card.getByTestId("subscription-status").innerText()).resolves.toBe("Free trial")
    await expect(card.getByTestId("subscription-next-charge").innerText()).resolves.toBe(
      `Next charge: $20.00 on ${day(subscribedAt + 7 * 86_400_000)} (a month)`
    )
    await shoot(page, "subscription-trial")
    // Without Stripe the payment method is the store's manual one: no card form, no raw "pm_…" field.
    await card.locator("summary", { hasText: "Payment method" }).click()
    await card.getByText("This store takes no cards yet").waitFor()
    expect(await card.locator("input[name=payment_method]").count()).toBe(0)
    await card.getByRole("button", { name: "Use manual payment" }).click()
    await page.getByTestId("subscription-done").waitFor()
    await expect(page.getByTestId("subscription-done").innerText()).resolves.toBe("Your payment method was updated.")

    // 3. Cancel at period end, then resume before it ends.
    await card.getByRole("button", { name: "Cancel at period end" }).click()
    await card.getByTestId("subscription-ends").waitFor()
    await expect(card.getByTestId("subscription-ends").innerText()).resolves.toContain(`Ends on ${day(subscribedAt + 7 * 86_400_000)}`)
    expect(await card.getByTestId("subscription-next-charge").count()).toBe(0)
    await card.getByRole("button", { name: "Resume" }).click()
    await card.getByTestId("subscription-next-charge").waitFor()
    await expect(card.getByTestId("subscription-next-charge").innerText()).resolves.toContain("Next charge: $20.00")
    expect(await card.getByRole("button", { name: "Cancel at period end" }).count()).toBe(1)

    // 4. A course the org publishes after the subscription started opens for the member.
    const later = await courseFor(`later-course-${stamp}`, "Acme Later Course", "Basic", 49, { tier: 1 }, "Later lesson")
    const { course: laterOutline } = await storeApi(acme.key, `/store/courses/${later.course.handle}`)
    const [laterLesson] = laterOutline.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons))
    for (let i = 0; i < 20; i++) {
      await page.goto(`${acme.url}/courses/${later.course.handle}/lessons/${laterLesson.id}`)
      if (await page.getByText("Later lesson: members read this.").count()) break
      await page.waitForTimeout(500)
    }
    await page.getByRole("heading", { name: "Later lesson", level: 1 }).waitFor()
    await page.getByText("Later lesson: members read this.").waitFor()
    expect(await page.getByRole("status", { name: "Upgrade" }).count()).toBe(0)
    // A visitor who is not a member does not get the lesson's text.
    const visitor = await browser.newContext({ viewport: DESKTOP })
    const anon = await visitor.newPage()
    await anon.goto(`${acme.url}/courses/${later.course.handle}/lessons/${laterLesson.id}`)
    await anon.locator("main").waitFor()
    expect(await anon.getByText("Later lesson: members read this.").count()).toBe(0)
    await visitor.close()
    await context.close()
    expect(errors).toEqual([])
  })

  it("a free trial with Stripe: the card is saved before the $0 order (an incomplete or refused card says why and places nothing), the subscription charges it; the account page replaces it (issue 24)", async () => {
    const { pricedCourse } = await acmeOwner()
    const stamp = Date.now()
    const club = await pricedCourse(`card-club-${stamp}`, "Acme Card Club", "Member", 25, { tier: 1, billing: "subscription", interval: "month", trial_days: 14 }, "Card club welcome")
    // The platform enables Stripe in every region for this case (the seed gives them the system provider only).
    const platform = await platformAdmin()
    const { regions } = await platform.get("/admin/regions?fields=id,*payment_providers&limit=50")
    const providersBefore = new Map<string, string[]>(regions.map((r: Json) => [r.id, r.payment_providers.map((p: Json) => p.id)]))
    for (const [id, providers] of providersBefore) await platform.post(`/admin/regions/${id}`, { payment_providers: [...new Set([...providers, "pp_stripe_stripe"])] })
    // Acme's storefront with a Stripe publishable key; Stripe.js is the fake (no internet).
    const shop = startStorefront(acme.key, await pg.freePort(), { STRIPE_PUBLISHABLE_KEY: "pk_test_volmify_storefront" })
    const context = await browser.newContext({ viewport: DESKTOP })
    let stripeJsLoads = 0
    try {
      await waitFor(shop)
      const page = await context.newPage()
      const errors: string[] = []
      page.on("pageerror", (e: Error) => errors.push(e.message))
      await context.route("https://js.stripe.com/**", (route: any) => {
        stripeJsLoads++
        return route.fulfill({ status: 200, contentType: "application/javascript", body: FAKE_STRIPE_JS })
      })
      const email = `card.${stamp}@test.volmify.local`
      await page.goto(`${shop}/account/register`)
      await page.fill("input[name=first_name]", "Cara")
      await page.fill("input[name=last_name]", "Card")
      await page.fill("input[name=email]", email)
      await page.fill("input[name=password]", "student-password-1")
      await page.getByRole("button", { name: "Create account" }).click()
      await page.waitForURL(/\/learn/)

      // 1. The trial in the cart: $0.00; checkout goes on to the card step (no payment now).
      await page.goto(`${shop}/courses/${club.course.handle}`)
      await page.getByRole("complementary").getByRole("button", { name: /^Buy Member/ }).click()
      await page.waitForURL(/\/cart/)
      await expect(page.locator("main").innerText()).resolves.toContain("Total $0.00")
      await page.getByRole("link", { name: "Checkout" }).click()
      await page.fill("input[name=postal_code]", "12345")
      // Stripe.js comes only with the card forms: not with the course page, the cart or the checkout form.
      expect(stripeJsLoads).toBe(0)
      await page.getByRole("button", { name: "Continue to payment" }).click()
      await page.waitForURL(/\/checkout\/pay/, { timeout: 60_000 })
      await page.getByRole("heading", { name: "Your card for after the free trial" }).waitFor()
      await expect(page.locator("main").innerText()).resolves.toContain("Today $0.00: nothing is charged now")
      const cardNumber = page.getByLabel("Card number")
      const start = page.getByRole("button", { name: "Save card and start the free trial" })
      await cardNumber.waitFor() // Stripe.js loaded and mounted the element
      expect(stripeJsLoads).toBe(1)
      const ordersOf = async () => Number((await sql(`select count(*)::int as n from "order" where email = $1`, [email]))[0].n)
      const subscriptionsOf = () => sql(`select status, payment_provider_id, payment_method_ref from subscription where email = $1`, [email])

      // 2. An incomplete number: Stripe.js's own message, nothing sent to the store.
      await cardNumber.fill("4242 4242")
      await start.click()
      await expect(page.getByTestId("card-error").innerText()).resolves.toBe("Your card number is incomplete.")
      expect(fakeStripe.requests.filter((r) => r.path === "/v1/setup_intents")).toHaveLength(0)

      // 3. A card Stripe refuses when Medusa saves it: the reason, still on the card step, no order.
      fakeStripe.declinedMethods.add(FAKE_DECLINED_PM)
      await cardNumber.fill(FAKE_DECLINED_CARD)
      await start.click()
      await page.getByTestId("card-error").filter({ hasText: "declined" }).waitFor()
      await expect(page.getByTestId("card-error").innerText()).resolves.toBe("The card could not be saved: Your card was declined.")
      expect(page.url()).toMatch(/\/checkout\/pay$/)
      await expect(start.isEnabled()).resolves.toBe(true)
      expect(await ordersOf()).toBe(0)
      expect(await subscriptionsOf()).toEqual([])
      await shoot(page, "stripe-trial-card-refused")

      // 4. A good card: saved, then the $0 order; the subscription will charge that card.
      await cardNumber.fill("4242 4242 4242 4242")
      await start.click()
      await page.waitForURL(/\/order\//, { timeout: 60_000 })
      await expect(page.locator("main").innerText()).resolves.toContain("$0.00")
      expect(await ordersOf()).toBe(1)
      let subs: Json[] = []
      for (let i = 0; i < 40 && !subs.length; i++) {
        subs = await subscriptionsOf()
        if (!subs.length) await new Promise((r) => setTimeout(r, 250))
      }
      expect(subs).toEqual([
        {
          status: "trialing",
          payment_provider_id: "pp_stripe_stripe",
          payment_method_ref: { payment_method: expect.stringMatching(/^pm_fake_4242_/), customer: expect.stringMatching(/^cus_/) },
        },
      ])
      const first = subs[0].payment_method_ref
      // Stripe saved it on the customer (a confirmed off-session setup intent); the refused one is not there.
      expect(fakeStripe.customerMethods.get(first.customer)).toEqual([first.payment_method])
      // The admin sees the subscription on Stripe.
      const { subscriptions } = await platform.get("/admin/subscriptions?limit=100")
      expect(subscriptions.filter((x: Json) => x.email === email).map((x: Json) => [x.status, x.payment_provider_id])).toEqual([["trialing", "pp_stripe_stripe"]])

      // 5. The account page: a refused card changes nothing; a new card replaces the saved one.
      await page.goto(`${shop}/account/subscriptions`)
      const card = page.getByTestId("subscription").filter({ hasText: "Acme Card Club" })
      await expect(card.getByTestId("subscription-status").innerText()).resolves.toBe("Free trial")
      await card.locator("summary", { hasText: "Payment method" }).click()
      await card.getByText("Renewals are charged to the card saved for this plan").waitFor()
      expect(await card.locator("input[name=payment_method]").count()).toBe(0) // no raw "pm_…" field any more
      await card.getByLabel("Card number").fill(FAKE_DECLINED_CARD)
      await card.getByRole("button", { name: "Save card" }).click()
      await expect(card.getByTestId("card-error").innerText()).resolves.toBe("The card could not be saved: Your card was declined.")
      expect((await subscriptionsOf())[0].payment_method_ref).toEqual(first)
      await card.getByLabel("Card number").fill("5555 5555 5555 4444")
      await card.getByRole("button", { name: "Save card" }).click()
      await page.getByTestId("subscription-done").waitFor()
      await expect(page.getByTestId("subscription-done").innerText()).resolves.toBe("Your card was saved.")
      const [after] = await subscriptionsOf()
      expect(after).toMatchObject({ status: "trialing", payment_provider_id: "pp_stripe_stripe", payment_method_ref: { payment_method: expect.stringMatching(/^pm_fake_4444_/), customer: first.customer } })
      expect(fakeStripe.customerMethods.get(first.customer)?.[0]).toBe(after.payment_method_ref.payment_method)
      await shoot(page, "stripe-account-card")

      // The account page loaded it twice (opened, then reloaded with the result); a course page does not.
      expect(stripeJsLoads).toBe(3)
      await page.goto(`${shop}/courses/${club.course.handle}`)
      await page.getByRole("complementary").waitFor()
      expect(stripeJsLoads).toBe(3)
      expect(errors).toEqual([])
    } finally {
      await context.close()
      fakeStripe.declinedMethods.delete(FAKE_DECLINED_PM)
      for (const [id, providers] of providersBefore) await platform.post(`/admin/regions/${id}`, { payment_providers: providers })
    }
  })

  it("forgot password from the email: ask on the storefront, open the emailed link, set a new password, log in with it (issue 23)", async () => {
    const email = `forgot.${Date.now()}@test.volmify.local`
    const auth = async (path: string, body: Json, headers: Json = {}) =>
      fetch(`${medusaUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) })
    const reg = (await (await auth("/auth/customer/emailpass/register", { email, password: "first-password-1" })).json()) as Json
    expect((await auth("/store/customers", { email, first_name: "Fay" }, { authorization: `Bearer ${reg.token}`, "x-publishable-api-key": acme.key })).status).toBe(200)

    const page = await browser.newPage({ viewport: PHONE })
    await page.goto(`${acme.url}/account/login`)
    await page.getByRole("link", { name: "Forgot your password?" }).click()
    await page.waitForURL(/\/account\/reset-password/)
    await page.fill("input[name=email]", email)
    await page.getByRole("button", { name: "Send reset link" }).click()
    await page.getByText("a reset link is on its way").waitFor()

    const [mail] = await smtp.waitFor(email, 1, /password/i, 30_000)
    expect(mail.subject).toBe("Reset your Acme Academy password")
    const link = linkIn(mail, `${acme.url}/account/reset-password?`)
    await page.goto(link)
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor()
    expect(await page.inputValue("input[name=email]")).toBe(email)
    expect(await phoneWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await page.fill("input[name=password]", "second-password-2")
    await page.getByRole("button", { name: "Save password" }).click()
    await page.waitForURL(/\/account\/login\?reset=1/)
    await page.getByText("Your password was changed. Log in with the new one.").waitFor()
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", "second-password-2")
    await page.getByRole("button", { name: "Log in" }).click()
    await page.waitForURL(/\/learn/)
    await shoot(page, "email-reset-logged-in")
    // The old password no longer works; the link works once.
    expect((await auth("/auth/customer/emailpass", { email, password: "first-password-1" })).status).toBe(401)
    await page.goto(link)
    await page.fill("input[name=password]", "third-password-3")
    await page.getByRole("button", { name: "Save password" }).click()
    await page.waitForURL(/error=expired/)
    await page.getByText("That reset link expired. Ask for a new one.").waitFor()
    expect(smtp.to(email, /password/i)).toHaveLength(1)
    await page.close()
  })

  it("a staff invitation arrives by email and is accepted from its link (issue 23)", async () => {
    const org = summary.orgs.find((o: Json) => o.handle === "acme-academy")
    const login = await fetch(`${medusaUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(org.owner),
    })
    const owner = ((await login.json()) as Json).token
    const { data: orgs } = await fetch(`${medusaUrl}/admin/orgs`, { headers: { authorization: `Bearer ${owner}` } }).then(async (r) => ({ data: (await r.json()) as Json }))
    const orgId = orgs.orgs.find((o: Json) => o.handle === "acme-academy").id
    const email = `invitee.${Date.now()}@test.volmify.local`
    const invited = await fetch(`${medusaUrl}/admin/orgs/${orgId}/invitations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${owner}` },
      body: JSON.stringify({ email, role: "creator" }),
    })
    expect(invited.status).toBe(201)

    const [mail] = await smtp.waitFor(email, 1, /invited/, 30_000)
    expect(mail.subject).toBe("You're invited to join Acme Academy")
    const page = await browser.newPage({ viewport: PHONE })
    await page.goto(linkIn(mail, `${medusaUrl}/org-invite?token=`))
    await page.getByText("You are invited to Acme Academy as creator.").waitFor()
    expect(await page.inputValue("#email")).toBe(email)
    await page.fill("#first_name", "Ivy")
    await page.fill("#last_name", "Invitee")
    await page.fill("#password", "invitee-password-1")
    await page.getByRole("button", { name: "Accept invitation" }).click()
    await page.getByText("Welcome aboard.").waitFor()
    await shoot(page, "email-invitation-accepted")
    await page.close()
    // The new staff member signs in and works for Acme as a creator.
    const session = (await (
      await fetch(`${medusaUrl}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "invitee-password-1" }) })
    ).json()) as Json
    const mine = (await (await fetch(`${medusaUrl}/admin/orgs`, { headers: { authorization: `Bearer ${session.token}` } })).json()) as Json
    expect(mine.orgs.map((o: Json) => o.handle)).toEqual(["acme-academy"])
  })

  it("redirects only to its own origin: /r?to= and the login next refuse known bypass payloads (issue 20)", async () => {
    const site = new URL(acme.url).origin
    const payloads = [
      "/\\evil.example",
      "/%5Cevil.example",
      "/\\/evil.example",
      "/\t/evil.example",
      "/%09/evil.example",
      "//evil.example",
      "https:evil.example",
      "https://evil.example",
      "/..//evil.example",
      "/%2e%2e//evil.example",
    ]
    for (const payload of payloads) {
      // The query value as a browser would send it: raw, with only what a URL cannot carry escaped.
      const raw = payload.replace(/\t/g, "%09")
      const r = await fetch(`${acme.url}/r?code=NOPE&to=${raw}`, { redirect: "manual" })
      expect({ payload, redirected: r.status >= 300 && r.status < 400 }).toEqual({ payload, redirected: true })
      const location = r.headers.get("location") ?? ""
      expect({ payload, origin: new URL(location, acme.url).origin }).toEqual({ payload, origin: site })
      const html = await (await fetch(`${acme.url}/account/login?next=${raw}`)).text()
      const next = html.match(/name="next" value="([^"]*)"/)?.[1]
      expect({ payload, next }).toEqual({ payload, next: "/learn" })
    }
    const fine = await fetch(`${acme.url}/r?code=NOPE&to=/courses?x=1`, { redirect: "manual" })
    expect(new URL(fine.headers.get("location") ?? "", acme.url).pathname).toBe("/courses")
  })

  // Issue 26 (SEO and locales) on the same booted app: sitemap and robots per org, JSON-LD,
  // Open Graph and canonical on the course page and a sales page, /<locale>/ with fallback and
  // hreflang, the generated social image. Kept to this block. It runs before the JS-budget case,
  // which writes an artifact under the app folder (medusa develop restarts on it); it enables a
  // second locale on Acme, which the later case does not mind (no locale cookie: the default).
  describe("SEO and locales (issue 26)", () => {
    type Org = { handle: string; owner: { email: string; password: string } }
    let acmeOrg: Org
    let yogaOrg: Org
    let acmeAdmin: (method: "GET" | "POST", url: string, body?: Json) => Promise<Json>
    let yogaAdmin: (method: "GET" | "POST", url: string, body?: Json) => Promise<Json>
    let course: Json // Acme's course with several priced tiers (typescript-from-zero)
    const text = async (url: string, headers: Record<string, string> = {}) => {
      const res = await fetch(url, { headers })
      return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() }
    }
    /** Every JSON-LD block of a page, parsed (a parse error fails the test). */
    const jsonLd = (html: string): Json[] =>
      [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]))
    const meta = (html: string, attr: "name" | "property", key: string) =>
      new RegExp(`<meta ${attr}="${key.replace(/[:]/g, "\\$&")}" content="([^"]*)"`).exec(html)?.[1] ?? null
    const canonical = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? null
    const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"')

    async function adminAs(org: Org) {
      const login = await fetch(`${medusaUrl}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(org.owner) })
      const auth = { authorization: `Bearer ${(await login.json()).token}`, "content-type": "application/json" }
      return async (method: "GET" | "POST", url: string, body?: Json) => {
        const res = await fetch(`${medusaUrl}${url}`, { method, headers: auth, body: body ? JSON.stringify(body) : undefined })
        const json = (await res.json()) as Json
        if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(json)}`)
        return json
      }
    }

    beforeAll(async () => {
      acmeOrg = summary.orgs.find((o: Json) => o.handle === "acme-academy")
      yogaOrg = summary.orgs.find((o: Json) => o.handle === "yoga-with-mia")
      acmeAdmin = await adminAs(acmeOrg)
      yogaAdmin = await adminAs(yogaOrg)
      course = (await storeApi(acme.key, "/store/courses/typescript-from-zero")).course
      // Acme: a published sales page selling the course, and a draft that must stay out of the sitemap.
      const blocks = [
        { type: "hero", heading: "Learn TypeScript this spring", text: "Twelve weeks from zero to shipping typed code.", cta: { label: "See the tiers", href: "#tiers" } },
        { type: "pricing_table", course_id: course.id },
      ]
      const { page } = await acmeAdmin("POST", "/admin/pages", { title: "Spring launch", slug: "seo-spring-launch", blocks })
      await acmeAdmin("POST", `/admin/pages/${page.id}/publish`, {})
      await acmeAdmin("POST", "/admin/pages", { title: "Not yet", slug: "seo-draft-only", blocks })
      // Yoga: its own published page, never in Acme's sitemap.
      const yogaPage = await yogaAdmin("POST", "/admin/pages", { title: "Yoga retreat", slug: "seo-yoga-retreat", blocks: [{ type: "hero", heading: "Retreat" }] })
      await yogaAdmin("POST", `/admin/pages/${yogaPage.page.id}/publish`, {})
    })

    it("sitemap.xml lists exactly the org's published courses and pages, nothing of another org; robots.txt points at it", async () => {
      const [mine, theirs] = await Promise.all([storeApi(acme.key, "/store/courses?limit=100"), storeApi(yoga.key, "/store/courses?limit=100")])
      expect(theirs.courses.length).toBeGreaterThan(0)
      const sitemap = await text(`${acme.url}/sitemap.xml`)
      expect([sitemap.status, sitemap.type]).toEqual([200, "application/xml; charset=utf-8"])
      const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decode(m[1])).sort()
      const expected = [
        `${acme.url}/`,
        `${acme.url}/courses`,
        `${acme.url}/p/seo-spring-launch`,
        ...mine.courses.filter((c: Json) => !c.seo?.noindex).map((c: Json) => `${acme.url}/courses/${encodeURIComponent(c.handle)}`),
      ].sort()
      expect(locs).toEqual(expected)
      expect(sitemap.body).not.toContain("seo-draft-only")
      expect(sitemap.body).not.toContain("seo-yoga-retreat")
      for (const c of theirs.courses) expect(locs).not.toContain(`${acme.url}/courses/${encodeURIComponent(c.handle)}`)

      // Yoga's storefront answers its own: its courses and its page, none of Acme's.
      const other = await text(`${yoga.url}/sitemap.xml`)
      const otherLocs = [...other.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decode(m[1]))
      expect(otherLocs).toContain(`${yoga.url}/p/seo-yoga-retreat`)
      expect(otherLocs.filter((l) => l.includes("/courses/")).sort()).toEqual(theirs.courses.map((c: Json) => `${yoga.url}/courses/${encodeURIComponent(c.handle)}`).sort())
      expect(other.body).not.toContain("seo-spring-launch")

      const robots = await text(`${acme.url}/robots.txt`)
      expect(robots.status).toBe(200)
      expect(robots.body).toContain(`Sitemap: ${acme.url}/sitemap.xml`)
      expect(robots.body).toContain("Disallow: /checkout")
    })

    it("the course page carries Course, Product (an offer per tier), BreadcrumbList and Organization JSON-LD, OG/Twitter tags and a canonical URL, and still no script", async () => {
      const page = await text(`${acme.url}/courses/${course.handle}`)
      expect(page.status).toBe(200)
      const url = `${acme.url}/courses/${course.handle}`
      expect(canonical(page.body)).toBe(url)
      const ld = jsonLd(page.body)
      const byType = (t: string) => ld.filter((d) => d["@type"] === t)
      expect(ld.map((d) => d["@type"]).sort()).toEqual(["BreadcrumbList", "Course", "Organization", "Product"])
      const [c] = byType("Course")
      // Google's required Course fields.
      expect(c.name).toBe(course.title)
      expect(typeof c.description).toBe("string")
      expect(c.description.length).toBeGreaterThan(0)
      expect(c.provider).toMatchObject({ "@type": "Organization", name: expect.any(String) })
      const priced = course.tiers.filter((t: Json) => t.variants.length)
      expect(priced.length).toBeGreaterThan(1)
      const [product] = byType("Product")
      expect(product.offers).toHaveLength(priced.length)
      for (const offer of product.offers) {
        expect(offer).toMatchObject({ "@type": "Offer", priceCurrency: expect.stringMatching(/^[A-Z]{3}$/), url })
        expect(Number(offer.price)).toBeGreaterThan(0)
      }
      expect(byType("BreadcrumbList")[0].itemListElement.map((i: Json) => i.item)).toEqual([`${acme.url}/`, `${acme.url}/courses`, url])
      expect(byType("Organization")[0]).toMatchObject({ url: `${acme.url}/` })
      expect(decode(meta(page.body, "property", "og:title") ?? "")).toBe(course.seo?.title ?? course.title)
      expect(meta(page.body, "property", "og:url")).toBe(url)
      // No image of its own: the generated one.
      expect(meta(page.body, "property", "og:image")).toEqual(course.thumbnail ? expect.any(String) : `${acme.url}/og/courses/${course.handle}`)
      expect(meta(page.body, "name", "twitter:card")).toBe("summary_large_image")
      expect(meta(page.body, "name", "robots")).toBe("index, follow")
      // JSON-LD is data: still no script to run on this page.
      expect(page.body).not.toMatch(/<script\b[^>]*\bsrc=/)
      expect(page.body).not.toContain("__NEXT_DATA__")
      const js = await measurePageJs(url)
      expect([js.gzip_kb, js.framework_runtime]).toEqual([0, false])
    })

    it("a sales page carries Organization, BreadcrumbList and the course it sells (Course, Product with offers) as JSON-LD, OG tags and its canonical URL", async () => {
      const page = await text(`${acme.url}/p/seo-spring-launch`)
      expect(page.status).toBe(200)
      const url = `${acme.url}/p/seo-spring-launch`
      expect(canonical(page.body)).toBe(url)
      expect(decode(meta(page.body, "property", "og:title") ?? "")).toBe("Spring launch")
      expect(meta(page.body, "property", "og:description")).toBe("Twelve weeks from zero to shipping typed code.")
      expect(meta(page.body, "property", "og:url")).toBe(url)
      expect(meta(page.body, "name", "twitter:card")).toMatch(/^summary/)
      const ld = jsonLd(page.body)
      expect(ld.map((d) => d["@type"]).sort()).toEqual(["BreadcrumbList", "Course", "Organization", "Product"])
      const c = ld.find((d) => d["@type"] === "Course")!
      expect(c).toMatchObject({ name: course.title, description: expect.any(String), provider: { name: expect.any(String) } })
      expect(ld.find((d) => d["@type"] === "Product")!.offers.length).toBeGreaterThan(1)
      expect(ld.find((d) => d["@type"] === "BreadcrumbList")!.itemListElement.map((i: Json) => i.item)).toEqual([`${acme.url}/`, url])
      // A draft is not served.
      expect((await text(`${acme.url}/p/seo-draft-only`)).status).toBe(404)
    })

    it("a course translated to fr is served at /fr/courses/<handle> with fallback for missing texts; hreflang links both", async () => {
      const acmeId = (await storeApi(acme.key, "/store/org")).org.id
      const { org } = await acmeAdmin("GET", `/admin/orgs/${acmeId}`)
      await acmeAdmin("POST", `/admin/orgs/${acmeId}`, { branding: { ...org.branding, default_locale: "en", locales: ["en", "fr"] } })
      const moduleTitle = course.modules[0].title as string
      const set = await acmeAdmin("POST", `/admin/courses/${course.id}/translations`, {
        locale: "fr",
        translations: [{ entity_type: "course", entity_id: course.id, field: "title", value: "TypeScript depuis zéro" }],
      })
      expect(set).toEqual({ locale: "fr", set: 1, removed: 0 })

      const fr = await text(`${acme.url}/fr/courses/${course.handle}`)
      expect(fr.status).toBe(200)
      expect(fr.body).toMatch(/<html lang="fr"/)
      expect(fr.body).toContain("<h1")
      expect(fr.body).toContain("TypeScript depuis zéro")
      // Not translated: the default text.
      expect(decode(fr.body)).toContain(moduleTitle)
      expect(canonical(fr.body)).toBe(`${acme.url}/fr/courses/${course.handle}`)
      expect(jsonLd(fr.body).find((d) => d["@type"] === "Course")).toMatchObject({ name: "TypeScript depuis zéro", inLanguage: "fr" })

      // A fresh visitor (no locale cookie) on the unprefixed URL reads the default.
      const en = await text(`${acme.url}/courses/${course.handle}`)
      expect(en.body).toMatch(/<html lang="en"/)
      expect(decode(en.body)).toContain(course.title)
      expect(en.body).not.toContain("TypeScript depuis zéro")

      for (const html of [fr.body, en.body]) {
        const alternates = [...html.matchAll(/<link rel="alternate" href="([^"]+)" hrefLang="([^"]+)"|<link rel="alternate" hrefLang="([^"]+)" href="([^"]+)"/gi)].map((m) =>
          m[1] ? [m[2], m[1]] : [m[3], m[4]]
        )
        expect(alternates).toEqual(
          expect.arrayContaining([
            ["en", `${acme.url}/courses/${course.handle}`],
            ["fr", `${acme.url}/fr/courses/${course.handle}`],
            ["x-default", `${acme.url}/courses/${course.handle}`],
          ])
        )
      }
      // The catalog's cards are in French under /fr as well.
      expect((await text(`${acme.url}/fr/courses`)).body).toContain("TypeScript depuis zéro")
      // The sitemap names both as well.
      expect((await text(`${acme.url}/sitemap.xml`)).body).toContain(`hreflang="fr" href="${acme.url}/fr/courses/${course.handle}"`)

      // A browser that prefers French (and no locale chosen yet) reads French at the plain URL;
      // one whose languages the school lacks reads the default.
      const byBrowser = await text(`${acme.url}/courses/${course.handle}`, { "accept-language": "fr-CH, fr;q=0.9, en;q=0.8" })
      expect(byBrowser.body).toMatch(/<html lang="fr"/)
      expect(byBrowser.body).toContain("TypeScript depuis zéro")
      const german = await text(`${acme.url}/courses/${course.handle}`, { "accept-language": "de-DE,de;q=0.9" })
      expect(german.body).toMatch(/<html lang="en"/)
      expect(german.body).not.toContain("TypeScript depuis zéro")
      // A language prefix the school has not enabled is a 404 on every kind of page, not the
      // default's content at a second address.
      for (const url of [`/de/courses/${course.handle}`, "/de", "/de/cart", `/xyz/courses/${course.handle}`]) {
        const res = await text(`${acme.url}${url}`)
        expect([url, res.status]).toEqual([url, 404])
        expect(res.body).not.toContain("TypeScript depuis zéro")
      }
    })

    it("the generated social image is a 1200x630 PNG; an unknown course is a 404", async () => {
      const res = await fetch(`${acme.url}/og/courses/${course.handle}`)
      expect([res.status, res.headers.get("content-type")]).toEqual([200, "image/png"])
      const png = Buffer.from(await res.arrayBuffer())
      expect(png.subarray(1, 4).toString()).toBe("PNG")
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630])
      expect((await fetch(`${acme.url}/og/courses/no-such-course`)).status).toBe(404)
    })
  })

  it("the course and lesson pages stay inside the JS budget: no framework runtime, 0 KB on the course page, a lesson's own small script at most (issue 30)", async () => {
    const { courses } = await storeApi(acme.key, "/store/courses")
    const withPreview: Json[] = []
    for (const c of courses) {
      const { course } = await storeApi(acme.key, `/store/courses/${c.handle}`)
      const lessons = course.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons))
      const preview = lessons.find((l: Json) => l.is_preview)
      if (preview) withPreview.push({ course, preview, lessons })
    }
    expect(withPreview.length).toBeGreaterThan(0)
    const { course, preview, lessons } = withPreview[0]
    const coursePath = `/courses/${course.handle}`
    const html = await (await fetch(`${acme.url}${coursePath}`)).text()
    // The page is all there as HTML (outline, a price) before any script runs.
    expect(html).toContain('aria-label="Course outline"')
    for (const l of lessons.slice(0, 3)) expect(html).toContain(`data-lesson="${l.id}"`)
    expect(html).toMatch(/class="price"[^>]*>[^<]*\d/)

    // No script at all: no React, no Next.js runtime, no islands (Pages Router, unstable_runtimeJS: false).
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/)
    expect(html).not.toContain("__NEXT_DATA__")
    const js = await measurePageJs(`${acme.url}${coursePath}`)
    const report = js.files.map((f: Json) => `${(f.gzip_bytes / 1024).toFixed(1)} KB ${f.file}`).join("\n")
    expect({ gzip_kb: js.gzip_kb, framework_runtime: js.framework_runtime, within_budget: js.within_budget, report }).toEqual({
      gzip_kb: 0,
      framework_runtime: false,
      within_budget: true,
      report: "",
    })
    expect(js.budget_kb).toBe(JS_BUDGET_KB)

    // A lesson loads at most its own small script (the video's error message), never the runtime.
    const lesson = await measurePageJs(`${acme.url}${coursePath}/lessons/${preview.id}`)
    expect({ framework_runtime: lesson.framework_runtime, within_budget: lesson.within_budget, files: lesson.files.map((f: Json) => f.file) }).toEqual({
      framework_runtime: false,
      within_budget: true,
      files: lesson.files.map((f: Json) => f.file).filter((f: string) => f === "public/lesson-video.js"),
    })
    // Written with the other artifacts in afterAll: a file written into the repository while the
    // suite runs restarts the Medusa dev server here (its watcher), refusing the next case's calls.
    artifacts.push(["js-budget.json", Buffer.from(JSON.stringify({ course_page: js, lesson_page: lesson }, null, 2))])
  })

  it("sales pages: the home page and /p/<slug> are plain HTML with no script, blocks in order, text escaped; the opt-in form works; drafts and other orgs' pages are 404 (issues 26, 30)", async () => {
    const { adminPost, freeCourse } = await acmeOwner()
    const { courses } = await storeApi(acme.key, "/store/courses")
    const sold = courses.find((c: Json) => c.handle === "typescript-from-zero") ?? courses[0]
    const magnet = await freeCourse(`launch-magnet-${Date.now()}`, "The Launch Checklist", true)
    const slug = `launch-${Date.now()}`
    const blocks = [
      { type: "hero", heading: "Launch week at Acme", text: "Everything you need to ship your first course.", cta: { label: "See the course", href: `/courses/${sold.handle}` } },
      { type: "rich_text", content: [{ type: "paragraph", children: [{ type: "text", text: "<script>window.pwned = 1</script> is shown as text" }] }] },
      { type: "pricing_table", heading: "Choose your access", course_id: sold.id },
      { type: "faq", heading: "Questions", items: [{ question: "Do I keep access?", answer: "For life." }] },
      { type: "countdown", heading: "Offer ends", ends_at: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString() },
      { type: "opt_in", heading: "Get the checklist", button_label: "Send it", course_id: magnet.id },
    ]
    const { page: draft } = await adminPost("/admin/pages", { title: "Launch", slug, blocks, seo: { description: "Launch week: the course, the checklist and the offer." } })
    // A draft is not public yet.
    expect((await fetch(`${acme.url}/p/${slug}`)).status).toBe(404)
    await adminPost(`/admin/pages/${draft.id}/publish`, {})

    const res = await fetch(`${acme.url}/p/${slug}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    // Plain HTML: no script of any kind but JSON-LD data, no Next.js runtime or its data.
    expect(html.match(/<script\b(?![^>]*type="application\/ld\+json")[^>]*>/g) ?? []).toEqual([])
    expect(html).not.toContain("__NEXT_DATA__")
    expect(html).toMatch(/<meta name="description" content="Launch week: the course, the checklist and the offer\."/)
    // The blocks in the saved order, the rich text escaped.
    const order = [...html.matchAll(/data-block="([a-z_]+)"/g)].map((m) => m[1])
    expect(order).toEqual(["hero", "rich_text", "pricing_table", "faq", "countdown", "opt_in"])
    expect(html).toContain("&lt;script&gt;window.pwned = 1&lt;/script&gt; is shown as text")
    expect(html).toMatch(/<strong>3<\/strong> days <strong>[01]<\/strong> hours left/)
    // Another org's storefront does not serve it.
    expect((await fetch(`${yoga.url}/p/${slug}`)).status).toBe(404)

    const context = await browser.newContext({ viewport: PHONE })
    const tab = await context.newPage()
    const scripts: string[] = []
    tab.on("request", (r: any) => r.resourceType() === "script" && scripts.push(r.url()))
    await tab.goto(`${acme.url}/p/${slug}`)
    expect(await tab.evaluate(() => (window as any).pwned)).toBeUndefined()
    await expect(tab.getByRole("heading", { name: "Launch week at Acme" }).count()).resolves.toBe(1)
    // The pricing table sells the course: its buy buttons are forms to the cart.
    expect(await tab.locator('[data-block="pricing_table"] form[action="/form/add-to-cart"]').count()).toBeGreaterThan(0)
    // The opt-in posts as a plain form and comes back to the block with the answer.
    await tab.fill('[data-block="opt_in"] input[name=email]', `launch.${Date.now()}@test.volmify.local`)
    await Promise.all([tab.waitForURL(/opted_in=1/), tab.getByRole("button", { name: "Send it" }).click()])
    expect(new URL(tab.url()).pathname).toBe(`/p/${slug}`)
    await expect(tab.getByRole("status").filter({ hasText: "Check your inbox" }).count()).resolves.toBe(1)
    // A course that is not a lead magnet: the store's refusal is shown on the page.
    const { page: wrong } = await adminPost("/admin/pages", { title: "Wrong", slug: `${slug}-wrong`, blocks: [{ type: "opt_in", heading: "Not a magnet", button_label: "Try", course_id: sold.id }] })
    await adminPost(`/admin/pages/${wrong.id}/publish`, {})
    await tab.goto(`${acme.url}/p/${slug}-wrong`)
    await tab.fill("input[name=email]", `wrong.${Date.now()}@test.volmify.local`)
    await Promise.all([tab.waitForURL(/opt_in_error=/), tab.getByRole("button", { name: "Try" }).click()])
    await expect(tab.getByRole("alert").innerText()).resolves.toContain("is not a lead magnet of this store")
    // Made the home page: "/" shows it, as HTML with no script either.
    await adminPost(`/admin/pages/${draft.id}`, { is_home: true })
    await tab.goto(`${acme.url}/`)
    await expect(tab.getByRole("heading", { name: "Launch week at Acme" }).count()).resolves.toBe(1)
    expect(scripts).toEqual([])
    // Nothing wider than a phone.
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    shots.push(["sales-page-phone.png", await tab.screenshot({ fullPage: true })])
    await context.close()
    // The course page counts one view for the org's analytics (a server-side beacon: no script,
    // nothing about the visitor), fire-and-forget: it lands just after the page.
    const viewsOf = async (courseId: string) => {
      const db = new Client({ connectionString: dbUrl })
      await db.connect()
      try {
        return (await db.query("SELECT COALESCE(SUM(views), 0)::int AS v FROM page_view_day WHERE course_id = $1", [courseId])).rows[0].v as number
      } finally {
        await db.end()
      }
    }
    const viewsBefore = await viewsOf(sold.id)
    expect((await fetch(`${acme.url}/courses/${sold.handle}`)).status).toBe(200)
    const until = Date.now() + 15_000
    while ((await viewsOf(sold.id)) === viewsBefore && Date.now() < until) await new Promise((r) => setTimeout(r, 250))
    expect(await viewsOf(sold.id)).toBe(viewsBefore + 1)
    // Back to the fixed home page for the other cases: no home page.
    await adminPost(`/admin/pages/${draft.id}`, { is_home: false })
    expect(await (await fetch(`${acme.url}/`)).text()).toContain("Learn with")
  })

})
