import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Client } from "pg"
import { buildStorefrontOnce, STOREFRONT_NEXT_BIN, ARTIFACTS as ARTIFACTS_ROOT } from "../helpers/browser-app"

// Affiliates end to end in Debian's chromium against a real Medusa with the demo data: the
// org opens its program, the demo customer applies on the storefront and gets a link, a
// visitor arrives through `?ref=`, registers and buys, and the affiliate sees the pending
// commission on their page; the org owner sees both in the dashboard and suspends them.
const b = require("../../src/scripts/lib/bootstrap")
const pg = require("../../src/scripts/lib/postgres")

jest.setTimeout(900_000)

const ROOT = path.resolve(__dirname, "../..")
const ARTIFACTS = path.join(ARTIFACTS_ROOT, "affiliates")
const DESKTOP = { width: 1280, height: 900 }

type Json = Record<string, any>

describe("affiliates in the browser", () => {
  const dbName = `volmify_affiliates_${Date.now()}`
  const server = `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/postgres`
  const dbUrl = pg.withDatabase(server, dbName)
  const children: { child: ChildProcess; stop: () => Promise<void> }[] = []
  let medusaUrl: string
  let acme: { url: string; key: string }
  let summary: Json
  let browser: any
  let log = ""
  const shots: [string, Buffer][] = []

  async function waitFor(url: string) {
    const end = Date.now() + 120_000
    while (Date.now() < end) {
      const ok = await fetch(url).then((r) => r.status < 500).catch(() => false)
      if (ok) return
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error(`${url} did not answer:\n${log.slice(-3000)}`)
  }

  async function api(pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const res = await fetch(`${medusaUrl}${pathname}`, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json", ...(init.headers ?? {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    })
    const body = (await res.json().catch(() => ({}))) as Json
    if (!res.ok) throw new Error(`${pathname} -> ${res.status} ${JSON.stringify(body)}`)
    return body
  }

  beforeAll(async () => {
    summary = await b.seededDatabase(server, dbName, { summaryFile: path.join(os.tmpdir(), `${dbName}.json`) })
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
    acme = { key: org.publishable_key, url: `http://localhost:${sfPort}` }
    await waitFor(acme.url)

    // The org owner opens the program (10 % default, 30-day window and hold).
    const { token } = await api("/auth/user/emailpass", { method: "POST", body: org.owner })
    await api("/admin/affiliate-program", { method: "POST", body: { enabled: true }, headers: { authorization: `Bearer ${token}` } })

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

  it("applies, shares ?ref=, a visitor buys, the affiliate sees the pending commission", async () => {
    const demo = summary.customers[0]
    // 1. The demo customer applies to the program from the storefront.
    const affiliateCtx = await browser.newContext({ viewport: DESKTOP })
    const mine = await affiliateCtx.newPage()
    const errors: string[] = []
    mine.on("pageerror", (e: Error) => errors.push(e.message))
    await mine.goto(`${acme.url}/account/login?next=/account/affiliate`)
    await mine.fill("input[name=email]", demo.email)
    await mine.fill("input[name=password]", demo.password)
    await mine.getByRole("button", { name: "Log in" }).click()
    await mine.waitForURL(/\/account\/affiliate/)
    await mine.fill("input[name=code]", "DEMOREF")
    await mine.getByRole("button", { name: "Join the program" }).click()
    await mine.getByTestId("affiliate-code").waitFor()
    expect(await mine.getByTestId("affiliate-code").innerText()).toBe("DEMOREF")
    expect(await mine.getByTestId("affiliate-status").innerText()).toBe("approved")
    const link = await mine.getByTestId("affiliate-link").innerText()
    expect(link).toMatch(/\/\?ref=DEMOREF$/)
    shots.push(["affiliate-applied.png", await mine.screenshot({ fullPage: true })])

    // 2. A visitor follows the link to a course: the referral cookie is set, the ref leaves the URL.
    const { courses } = await api("/store/courses", { headers: { "x-publishable-api-key": acme.key } })
    const course = courses[0]
    const visitorCtx = await browser.newContext({ viewport: DESKTOP })
    const page = await visitorCtx.newPage()
    page.on("pageerror", (e: Error) => errors.push(e.message))
    await page.goto(`${acme.url}/courses/${course.handle}?ref=DEMOREF`)
    await page.waitForURL((url: URL) => url.pathname === `/courses/${course.handle}` && !url.search.includes("ref="))
    const cookies = await visitorCtx.cookies()
    const ref = cookies.find((c: Json) => c.name === "_volmify_ref")
    expect(ref).toBeDefined()
    expect(ref.httpOnly).toBe(true)
    expect(JSON.parse(decodeURIComponent(ref.value))).toMatchObject({ code: "DEMOREF" })
    // 30 days, give or take the seconds this test takes.
    expect(Math.round((ref.expires * 1000 - Date.now()) / 86_400_000)).toBe(30)

    // 3. The visitor registers and buys the course's first tier.
    await page.goto(`${acme.url}/account/register`)
    await page.fill("input[name=first_name]", "Vic")
    await page.fill("input[name=last_name]", "Visitor")
    await page.fill("input[name=email]", `visitor.${Date.now()}@example.com`)
    await page.fill("input[name=password]", "visitor-password-1")
    await page.getByRole("button", { name: "Create account" }).click()
    await page.waitForURL(/\/learn/)
    await page.goto(`${acme.url}/courses/${course.handle}`)
    await page.getByRole("button", { name: /^Buy / }).first().click()
    await page.waitForURL(/\/cart/)
    await page.getByRole("link", { name: "Checkout" }).click()
    // A course ships nothing: no street address, the postal code because US tax needs it.
    await page.fill("input[name=postal_code]", "12345")
    await page.getByRole("button", { name: /^Pay/ }).click()
    await page.waitForURL(/\/order\//, { timeout: 60_000 })
    shots.push(["visitor-order.png", await page.screenshot({ fullPage: true })])

    // 4. The affiliate sees one click, one order and a pending commission (order.placed is async).
    const pending = mine.locator('[data-currency] [data-kind="pending"]')
    for (let i = 0; i < 40; i++) {
      await mine.reload()
      if ((await pending.count()) > 0) break
      await mine.waitForTimeout(500)
    }
    expect(await mine.getByTestId("affiliate-clicks").innerText()).toBe("1")
    expect(await mine.getByTestId("affiliate-orders").innerText()).toBe("1")
    const amount = await pending.first().innerText()
    expect(amount).toMatch(/\d/)
    expect(Number(amount.replace(/[^0-9.]/g, ""))).toBeGreaterThan(0)
    expect(await mine.locator('[data-currency] [data-kind="approved"]').first().innerText()).toMatch(/0\.00|0$/)
    shots.push(["affiliate-pending.png", await mine.screenshot({ fullPage: true })])
    expect(errors).toEqual([])
  })

  it("the org owner sees the affiliate and the pending commission in the dashboard and suspends the affiliate", async () => {
    const org = summary.orgs.find((o: Json) => o.handle === "acme-academy")
    const page = await browser.newPage({ viewport: DESKTOP })
    await page.goto(`${medusaUrl}/app/login`, { timeout: 180_000 })
    await page.locator('input[name="email"]').fill(org.owner.email, { timeout: 180_000 })
    await page.locator('input[name="password"]').fill(org.owner.password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL((u: URL) => !u.pathname.includes("login"), { timeout: 120_000 })
    await page.goto(`${medusaUrl}/app/affiliates`)
    await page.getByRole("heading", { name: "Affiliates", level: 1 }).waitFor({ timeout: 60_000 })
    const row = page.getByRole("row").filter({ hasText: "DEMOREF" }).filter({ has: page.getByRole("button", { name: "Suspend" }) })
    await row.waitFor({ timeout: 30_000 })
    expect(await row.innerText()).toMatch(/approved/)
    const commission = page.getByRole("row").filter({ hasText: "pending" }).filter({ hasText: "DEMOREF" })
    await commission.first().waitFor({ timeout: 30_000 })
    shots.push(["admin-affiliates.png", await page.screenshot({ fullPage: true })])
    // Rates and coupons: the affiliate's own rate and a product rate, set in the drawer
    // (the most specific wins: product > affiliate > program).
    await row.getByRole("button", { name: "Rates and coupons of DEMOREF" }).click()
    await page.getByLabel("Affiliate commission type").click({ timeout: 30_000 })
    await page.getByRole("option", { name: "Percent of the sale" }).click()
    await page.getByLabel("Affiliate percent").fill("15")
    await page.getByRole("button", { name: "Save rate" }).click()
    await page.getByText("Rate saved").first().waitFor({ timeout: 30_000 })
    await page.getByLabel("Product for a rate").selectOption({ index: 1 })
    await page.getByLabel("Product percent").fill("12.5")
    await page.getByRole("button", { name: "Set product rate" }).click()
    await page.getByRole("cell", { name: "12.5 %" }).waitFor({ timeout: 30_000 })
    shots.push(["admin-affiliate-rates.png", await page.screenshot()])
    const { token: ownerToken } = await api("/auth/user/emailpass", { method: "POST", body: org.owner })
    const id = (await api("/admin/affiliates", { headers: { authorization: `Bearer ${ownerToken}` } })).affiliates.find((x: Json) => x.code === "DEMOREF").id
    const { affiliate: saved } = await api(`/admin/affiliates/${id}`, { headers: { authorization: `Bearer ${ownerToken}` } })
    expect([saved.commission_type, saved.commission_bps, saved.product_rates.map((r: Json) => [r.commission_type, r.commission_bps])]).toEqual(["percent", 1500, [["percent", 1250]]])
    await page.keyboard.press("Escape")
    await row.getByText("15 %").waitFor({ timeout: 30_000 })
    await row.getByRole("button", { name: "Suspend" }).click()
    await page.getByRole("row").filter({ hasText: "DEMOREF" }).filter({ hasText: "suspended" }).first().waitFor({ timeout: 30_000 })
    // A suspended affiliate's link no longer records clicks.
    const res = await fetch(`${medusaUrl}/store/affiliates/clicks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-publishable-api-key": acme.key },
      body: JSON.stringify({ code: "DEMOREF" }),
    })
    expect(res.status).toBe(404)
  })
})
