import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Client } from "pg"
import { buildStorefrontOnce, STOREFRONT_NEXT_BIN, ARTIFACTS as ARTIFACTS_ROOT } from "../helpers/browser-app"
import { pdfText } from "../helpers/pdf"

// Issue 9 acceptance in Debian's chromium against a real Medusa with the demo data: a
// student passes a quiz (timer, submit, result with explanations), completes the course and
// downloads the certificate; the PDF's text (extracted, not a screenshot) has their name.
const b = require("../../src/scripts/lib/bootstrap")
const pg = require("../../src/scripts/lib/postgres")

jest.setTimeout(900_000)

const ROOT = path.resolve(__dirname, "../..")
const ARTIFACTS = path.join(ARTIFACTS_ROOT, "learning")
const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }

type Json = Record<string, any>

describe("learning: quiz, completion, certificate", () => {
  const dbName = `volmify_learning_${Date.now()}`
  const server = `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/postgres`
  const dbUrl = pg.withDatabase(server, dbName)
  const children: { child: ChildProcess; stop: () => Promise<void> }[] = []
  const shots: [string, Buffer][] = []
  let medusaUrl: string
  let acme: { url: string; key: string; owner: { email: string; password: string } }
  let browser: any
  let log = ""

  const api = async (url: string, init: { method?: string; headers?: Json; body?: unknown } = {}) => {
    const res = await fetch(`${medusaUrl}${url}`, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json", ...(init.headers ?? {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const data = (await res.json().catch(() => ({}))) as Json
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url} -> ${res.status} ${JSON.stringify(data)}`)
    return data
  }

  async function waitFor(url: string) {
    const end = Date.now() + 120_000
    while (Date.now() < end) {
      if (await fetch(url).then((r) => r.status < 500).catch(() => false)) return
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error(`${url} did not answer:\n${log.slice(-3000)}`)
  }

  async function shoot(page: any, name: string) {
    for (const [label, size] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      await page.setViewportSize(size)
      shots.push([`${name}-${label}.png`, await page.screenshot({ fullPage: true })])
    }
    await page.setViewportSize(DESKTOP)
  }

  beforeAll(async () => {
    const summary = await b.seededDatabase(server, dbName, { summaryFile: path.join(os.tmpdir(), `${dbName}.json`) })
    const port = await pg.freePort()
    medusaUrl = `http://localhost:${port}`
    const medusa = b.startMedusa(dbUrl, { port, stdio: "pipe", env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" } })
    medusa.child.stdout?.on("data", (d: Buffer) => (log = (log + d).slice(-20_000)))
    medusa.child.stderr?.on("data", (d: Buffer) => (log = (log + d).slice(-20_000)))
    children.push(medusa)
    await b.waitForHealth(medusaUrl, { child: medusa.child })
    await buildStorefrontOnce()
    const org = summary.orgs.find((o: Json) => o.handle === "acme-academy")
    const sfPort = await pg.freePort()
    const child = spawn(process.execPath, [STOREFRONT_NEXT_BIN, "start", "-p", String(sfPort)], {
      cwd: path.join(ROOT, "storefront"),
      env: { ...process.env, MEDUSA_BACKEND_URL: medusaUrl, MEDUSA_PUBLISHABLE_KEY: org.publishable_key, NODE_ENV: "production", COOKIE_SECURE: "false" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    child.stdout?.on("data", (d) => (log = (log + d).slice(-20_000)))
    child.stderr?.on("data", (d) => (log = (log + d).slice(-20_000)))
    children.push({ child, stop: () => b.stopGroup(child) })
    acme = { url: `http://localhost:${sfPort}`, key: org.publishable_key, owner: org.owner }
    await waitFor(acme.url)
    const { chromium } = require("playwright-core")
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    })
  })

  afterAll(async () => {
    await browser?.close().catch(() => {})
    for (const c of children.reverse()) await c.stop().catch(() => {})
    fs.mkdirSync(ARTIFACTS, { recursive: true })
    for (const [name, png] of shots) fs.writeFileSync(path.join(ARTIFACTS, name), png)
    const client = new Client({ connectionString: server })
    await client.connect()
    await client.query(`drop database if exists "${dbName}" with (force)`).catch(() => {})
    await client.end()
  })

  it("a student passes a quiz, completes the course and downloads a certificate with their name", async () => {
    const store = { "x-publishable-api-key": acme.key }
    // A demo course of Acme.
    const { courses } = await api("/store/courses", { headers: store })
    const course: Json | undefined = courses[0]
    expect(course).toBeDefined()

    // The org's owner adds a timed quiz to the course, takes its drip off (so the course can be
    // completed today) and turns certificates on (admin API).
    const { token } = await api("/auth/user/emailpass", { method: "POST", body: acme.owner })
    const admin = { authorization: `Bearer ${token}` }
    const { lesson } = await api("/admin/lessons", { method: "POST", headers: admin, body: { title: "Final quiz", type: "quiz", body: "Two questions." } })
    await api(`/admin/lessons/${lesson.id}/quiz`, {
      method: "POST",
      headers: admin,
      body: {
        passing_score: 100,
        time_limit_seconds: 600,
        show_explanations: true,
        questions: [
          { id: "q1", type: "single_choice", prompt: "What is 2 + 2?", points: 1, options: [{ id: "a", text: "Three" }, { id: "b", text: "Four" }], correct_option_ids: ["b"], explanation: "Count on your fingers." },
          { id: "q2", type: "short_answer", prompt: "Capital of France?", points: 1, accepted_answers: ["Paris"], match: "case_insensitive" },
        ],
      },
    })
    const { modules } = await api(`/admin/courses/${course!.id}/outline`, { headers: admin })
    const node = (n: Json) => ({ id: n.id, title: n.title, required_tier: n.required_tier, drip_days: null, drip_date: null })
    const payload = modules.map((m: Json) => ({
      ...node(m),
      sections: m.sections.map((s: Json) => ({
        ...node(s),
        lessons: s.lessons.map((p: Json) => ({ id: p.id, lesson_id: p.lesson_id, required_tier: p.required_tier, is_preview: p.is_preview, drip_days: null, drip_date: null })),
      })),
    }))
    payload[0].sections[0].lessons.push({ lesson_id: lesson.id, required_tier: 1 })
    await api(`/admin/courses/${course!.id}/outline`, { method: "POST", headers: admin, body: { modules: payload } })
    await api(`/admin/courses/${course!.id}`, { method: "POST", headers: admin, body: { certificates_enabled: true } })

    // The student registers on the storefront.
    const page = await browser.newPage({ viewport: DESKTOP, acceptDownloads: true })
    const errors: string[] = []
    page.on("pageerror", (e: Error) => errors.push(e.message))
    const email = `ada.${Date.now()}@test.volmify.local`
    await page.goto(`${acme.url}/account/register`)
    await page.fill("input[name=first_name]", "Ada")
    await page.fill("input[name=last_name]", "Lovelace")
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", "student-password-1")
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/learn/)

    // Staff grant Basic (tier 1); the other lessons are done through the store API with her login.
    const login = await api("/auth/customer/emailpass", { method: "POST", body: { email, password: "student-password-1" } })
    const student = { ...store, authorization: `Bearer ${login.token}` }
    const { customer } = await api("/store/customers/me", { headers: student })
    await api(`/admin/customers/${customer.id}/entitlements`, { method: "POST", headers: admin, body: { product_id: course!.product_id, tier: 1, reason: "browser test" } })
    let outline: Json = {}
    for (let i = 0; i < 40; i++) {
      outline = (await api(`/store/courses/${course!.handle}`, { headers: student })).course
      if (outline.access.enrolled) break
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(outline.access.enrolled).toBe(true)
    const open = outline.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons)).filter((l: Json) => !l.locked)
    const quiz = open.find((l: Json) => l.lesson_id === lesson.id)
    expect(quiz).toBeDefined()
    for (const l of open.filter((l: Json) => l.id !== quiz.id)) {
      await api(`/store/courses/${course!.handle}/lessons/${l.id}/progress`, { method: "POST", headers: student, body: { status: "completed" } })
    }

    // The quiz in the browser: start (timer shows), answer, submit, result with explanations.
    await page.goto(`${acme.url}/courses/${course!.handle}/lessons/${quiz.id}`)
    await page.getByRole("heading", { name: "Final quiz", level: 1 }).waitFor()
    expect(await page.getByRole("button", { name: /Mark complete|Complete and continue/ }).count()).toBe(0)
    await page.getByRole("button", { name: "Start quiz" }).click()
    await page.getByRole("timer").waitFor()
    await page.getByRole("radio", { name: "Four" }).check()
    await page.getByRole("textbox", { name: "Answer to: Capital of France?" }).fill("paris")
    await shoot(page, "quiz-player")
    await page.getByRole("button", { name: "Submit answers" }).click()
    const result = page.getByRole("status", { name: "Quiz result" })
    await result.waitFor()
    expect(await result.innerText()).toMatch(/Passed: 2 \/ 2 points \(100 %\)/)
    await expect(page.locator("main").innerText()).resolves.toContain("Count on your fingers.")
    await shoot(page, "quiz-result")

    // The course is complete: My learning lists the certificate; the PDF carries her name.
    await page.goto(`${acme.url}/learn`)
    const download = page.getByRole("link", { name: "Download certificate (PDF)" })
    for (let i = 0; i < 20 && !(await download.count()); i++) {
      await page.waitForTimeout(500)
      await page.reload()
    }
    await download.waitFor()
    await shoot(page, "learn-certificate")
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()])
    const pdf = fs.readFileSync(await file.path())
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-")
    const text = await pdfText(pdf)
    expect(text).toContain("Ada Lovelace")
    expect(text).toContain(course!.title)
    const code = /VCRT(-[0-9A-Z]{4}){4}/.exec(text)?.[0]
    expect(code).toBeTruthy()

    // The public verification page confirms the code.
    const visitor = await browser.newPage({ viewport: DESKTOP })
    await visitor.goto(`${acme.url}/certificates/verify/${code}`)
    const valid = visitor.getByRole("status", { name: "Valid certificate" })
    await valid.waitFor()
    expect(await valid.innerText()).toContain("Ada Lovelace")
    await shoot(visitor, "verify")
    expect(errors).toEqual([])
  })

  it("a Basic student clicks a Premium lesson in the outline, pays only the difference and the lesson opens", async () => {
    const store = { "x-publishable-api-key": acme.key }
    const { courses } = await api("/store/courses", { headers: store })
    const handle = courses[0].handle as string
    const page = await browser.newPage({ viewport: DESKTOP })
    const errors: string[] = []
    page.on("pageerror", (e: Error) => errors.push(e.message))
    const email = `grace.${Date.now()}@test.volmify.local`
    const password = "student-password-1"
    await page.goto(`${acme.url}/account/register`)
    await page.fill("input[name=first_name]", "Grace")
    await page.fill("input[name=last_name]", "Hopper")
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", password)
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/learn/)
    const student = { ...store, authorization: `Bearer ${(await api("/auth/customer/emailpass", { method: "POST", body: { email, password } })).token}` }

    /** Checkout of what is in the cart, in the browser; returns the order id from the URL. */
    async function checkoutCart() {
      await page.getByRole("link", { name: "Checkout" }).click()
      await page.waitForURL(/\/checkout/)
      for (const [field, value] of [["first_name", "Grace"], ["last_name", "Hopper"], ["address_1", "1 Main Street"], ["city", "Springfield"], ["postal_code", "12345"]]) {
        const input = page.locator(`form[aria-label=Checkout] input[name=${field}]`)
        if ((await input.count()) && !(await input.inputValue())) await input.fill(value)
      }
      await page.getByRole("button", { name: /^Pay/ }).click()
      await page.waitForURL(/\/order\//, { timeout: 60_000 })
      return new URL(page.url()).pathname.split("/").filter(Boolean).pop()!
    }
    const orderOf = async (id: string) => (await api(`/store/orders/${id}?fields=id,total,currency_code,region_id,*items,*items.adjustments`, { headers: student })).order
    const money = (amount: number, currency: string) => new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(amount)

    // 1. She buys Basic on the course page.
    await page.goto(`${acme.url}/courses/${handle}`)
    await page.getByRole("button", { name: /^Buy Basic/ }).click()
    await page.waitForURL(/\/cart/)
    const basicOrder = await orderOf(await checkoutCart())
    let course: Json = {}
    for (let i = 0; i < 40; i++) {
      course = (await api(`/store/courses/${handle}`, { headers: student })).course
      if (course.access.tier === 1) break
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(course.access.tier).toBe(1)
    const lessons: Json[] = course.modules.flatMap((m: Json) => m.sections.flatMap((x: Json) => x.lessons))
    const premium = lessons.find((l) => !l.is_preview && l.required_tier === 2)!
    const basic = lessons.find((l) => !l.is_preview && l.required_tier === 1 && !l.locked)!
    const premiumVariant = course.tiers.find((t: Json) => t.tier === 2).variants[0].id
    const { product } = await api(`/store/products/${course.product_id}?region_id=${basicOrder.region_id}&fields=id,*variants.calculated_price`, { headers: store })
    const premiumPrice = product.variants.find((v: Json) => v.id === premiumVariant).calculated_price.calculated_amount
    // In cents: what Premium costs minus what Basic was paid.
    const dueCents = Math.round(premiumPrice * 100) - Math.round(basicOrder.total * 100)
    expect(dueCents).toBeGreaterThan(0)
    const currency = basicOrder.currency_code

    const youPay = `You pay ${money(dueCents / 100, currency)} (credit ${money(basicOrder.total, currency)} for your Basic purchase)`
    // The course page offers the same price after credit (not the full price).
    await page.goto(`${acme.url}/courses/${handle}`)
    expect(await page.locator('section[aria-label="Premium tier"]').getByTestId("upgrade-quote").innerText()).toContain(youPay)

    // 2. A Premium lesson in the outline opens the upgrade panel with the price after credit.
    await page.goto(`${acme.url}/courses/${handle}/lessons/${basic.id}`)
    await page.getByRole("heading", { name: basic.title, level: 1 }).waitFor()
    await page.locator("aside").getByRole("navigation", { name: "Course outline" }).getByRole("link", { name: premium.title }).click()
    await page.waitForURL(new RegExp(`/lessons/${premium.id}$`))
    const panel = page.getByRole("status", { name: "Upgrade" })
    await panel.waitFor()
    // Every higher tier offers its own price after the credit (Premium here, VIP too).
    expect(await panel.getByTestId("upgrade-quote").count()).toBeGreaterThanOrEqual(1)
    const quote = panel.locator('section[aria-label="Premium tier"]').getByTestId("upgrade-quote")
    expect(await quote.innerText()).toContain(youPay)
    await shoot(page, "upgrade-panel")
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width)

    // 3. Upgrade: the cart carries the credit; she pays the difference.
    await quote.getByRole("button", { name: "Upgrade to Premium" }).click()
    await page.waitForURL(/\/cart/)
    await page.getByTestId("cart-discount").getByText(/Upgrade credit/).waitFor()
    await shoot(page, "upgrade-cart")
    const upgradeOrder = await orderOf(await checkoutCart())
    expect(Math.round(upgradeOrder.total * 100)).toBe(dueCents)
    expect(upgradeOrder.items[0].adjustments.map((a: Json) => a.code)).toEqual([expect.stringMatching(/^UPGRADE-/)])
    expect(await page.locator("main").innerText()).toContain(money(dueCents / 100, currency))
    await shoot(page, "upgrade-order")

    // 4. The Premium lesson opens.
    await page.goto(`${acme.url}/courses/${handle}/lessons/${premium.id}`)
    for (let i = 0; i < 20 && (await page.getByRole("status", { name: "Upgrade" }).count()); i++) {
      await page.waitForTimeout(500)
      await page.reload()
    }
    await page.getByRole("heading", { name: premium.title, level: 1 }).waitFor()
    expect(await page.getByRole("status", { name: "Upgrade" }).count()).toBe(0)
    await shoot(page, "upgrade-lesson-open")
    expect(errors).toEqual([])
  })
})
