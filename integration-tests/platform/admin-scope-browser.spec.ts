import type { ChildProcess } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Client } from "pg"

// The stock Medusa dashboard, logged in as the owner of one org (not a platform operator):
// every page of catalog and commerce work loads, every /admin call it makes answers 2xx,
// and only the org's own records show. Runs `medusa develop` on a fresh database.
const b = require("../../src/scripts/lib/bootstrap")
const pg = require("../../src/scripts/lib/postgres")

jest.setTimeout(600_000)

const ROOT = path.resolve(__dirname, "../..")
const ARTIFACTS = path.join(ROOT, "test-artifacts")
const PASSWORD = "scope-browser-1"

/** /admin calls the dashboard may answer with an error on these pages: none. */
const EXPECTED_ERRORS: RegExp[] = []

type Json = Record<string, any>

describe("org-scoped admin in the stock dashboard", () => {
  const dbName = `volmify_scope_browser_${Date.now()}`
  const server = `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/postgres`
  const dbUrl = pg.withDatabase(server, dbName)
  let medusa: { child: ChildProcess; stop: () => Promise<void> } | undefined
  let base: string
  let log = ""

  const api = async (method: string, url: string, token: string | null, body?: unknown, headers: Json = {}) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const data = (await res.json().catch(() => ({}))) as Json
    if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(data).slice(0, 300)}`)
    return data
  }
  const sql = async (text: string, values: unknown[]) => {
    const client = new Client({ connectionString: dbUrl })
    await client.connect()
    try {
      return (await client.query(text, values)).rows
    } finally {
      await client.end()
    }
  }

  afterAll(async () => {
    await medusa?.stop()
    const client = new Client({ connectionString: server })
    await client.connect()
    await client.query(`drop database if exists "${dbName}" with (force)`).catch(() => {})
    await client.end()
  })

  it("shows org A's owner only org A's products, orders, customers, promotions and price lists, with no failing call", async () => {
    await pg.ensureDatabase(server, dbName)
    await b.migrate(dbUrl, { quiet: true })
    const summary = await b.seed(dbUrl, { quiet: true, summaryFile: path.join(os.tmpdir(), `${dbName}.json`) })
    const port = await pg.freePort()
    base = `http://localhost:${port}`
    medusa = b.startMedusa(dbUrl, { port, stdio: "pipe", env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" } })
    medusa!.child.stdout?.on("data", (d) => (log = (log + d).slice(-20_000)))
    medusa!.child.stderr?.on("data", (d) => (log = (log + d).slice(-20_000)))
    await b.waitForHealth(base, { child: medusa!.child })

    const platform = (await api("POST", "/auth/user/emailpass", null, summary.admin)).token
    const { orgs } = await api("GET", "/admin/orgs", platform)
    const region = (await api("GET", "/admin/regions?fields=id,currency_code", platform)).regions.find((r: Json) => r.currency_code === "usd")

    /** An org's seeded owner (an employee made by createOrgWorkflow), with a product, promotion, price list, customer and order. */
    const side = async (org: Json, letter: string, first: string) => {
      const seeded = summary.orgs.find((o: Json) => o.handle === org.handle)
      const email = seeded.owner.email
      const token = (await api("POST", "/auth/user/emailpass", null, seeded.owner)).token
      const title = `Scope ${first} Course`
      const { product } = await api("POST", "/admin/products", token, {
        title,
        status: "published",
        options: [{ title: "Tier", values: ["Basic"] }],
        variants: [{ title: "Basic", manage_inventory: false, options: { Tier: "Basic" }, prices: [{ currency_code: "usd", amount: 100 }] }],
      })
      const code = `SCOPE${letter.toUpperCase()}`
      const { promotion } = await api("POST", "/admin/promotions", token, {
        code, type: "standard", status: "active",
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10, currency_code: "usd" },
      })
      const listTitle = `Scope ${first} Sale`
      const { price_list } = await api("POST", "/admin/price-lists", token, {
        title: listTitle, description: "browser test", type: "sale", status: "active",
        prices: [{ variant_id: product.variants[0].id, currency_code: "usd", amount: 80 }],
      })
      const key = summary.orgs.find((o: Json) => o.handle === org.handle).publishable_key
      const cEmail = `${first.toLowerCase()}-${Date.now()}@test.volmify.local`
      const cReg = (await api("POST", "/auth/customer/emailpass/register", null, { email: cEmail, password: PASSWORD })).token
      const { customer } = await api("POST", "/store/customers", cReg, { email: cEmail, first_name: first, last_name: "Buyer" }, { "x-publishable-api-key": key })
      // Registering on the org's storefront made the customer its member.
      const [member] = await sql("select id from org_member where org_id = $1 and customer_id = $2 and deleted_at is null", [org.id, customer.id])
      expect(member).toBeDefined()
      const { draft_order } = await api("POST", "/admin/draft-orders", platform, {
        email: cEmail, customer_id: customer.id, region_id: region.id, sales_channel_id: org.sales_channel_id,
        items: [{ variant_id: product.variants[0].id, quantity: 1 }],
      })
      const { order } = await api("POST", `/admin/draft-orders/${draft_order.id}/convert-to-order`, platform)
      return { email, password: seeded.owner.password as string, title, code, listTitle, first, product, promotion, priceList: price_list, customer, order }
    }
    const A = await side(orgs[0], "a", "Alpha")
    const B = await side(orgs[1], "b", "Beta")

    const { chromium } = require("playwright-core")
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    })
    // `medusa develop` restarts on any new file under the app folder: screenshots are kept
    // in memory and written once Medusa has stopped.
    const shots: [string, Buffer][] = []
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const calls: { label: string; method: string; url: string; status: number }[] = []
    const bodies: Promise<string>[] = []
    let label = "login"
    page.on("response", (r: any) => {
      const u = new URL(r.url())
      if (u.pathname.startsWith("/admin")) {
        calls.push({ label, method: r.request().method(), url: `${u.pathname}${u.search}`, status: r.status() })
        bodies.push(r.text().catch(() => ""))
      }
    })
    try {
      await page.goto(`${base}/app/login`, { timeout: 180_000 })
      await page.locator('input[name="email"]').fill(A.email, { timeout: 180_000 })
      await page.locator('input[name="password"]').fill(A.password)
      await page.getByRole("button", { name: "Continue with Email" }).click()
      await page.waitForURL((u: URL) => !u.pathname.includes("login"), { timeout: 120_000 })

      // Each page, and a text of org A's that must show once it has loaded.
      const pages: [string, string, string][] = [
        ["orders", "/orders", `${A.first} Buyer`],
        ["order", `/orders/${A.order.id}`, A.title],
        ["products", "/products", A.title],
        ["product", `/products/${A.product.id}`, A.title],
        ["customers", "/customers", A.customer.email],
        ["customer", `/customers/${A.customer.id}`, A.customer.email],
        ["promotions", "/promotions", A.code],
        ["promotion", `/promotions/${A.promotion.id}`, A.code],
        ["price-lists", "/price-lists", A.listTitle],
        ["price-list", `/price-lists/${A.priceList.id}`, A.listTitle],
      ]
      const otherTexts = [B.title, B.code, B.listTitle, B.customer.email, `${B.first} Buyer`]
      for (const [name, url, mustShow] of pages) {
        label = name
        await page.goto(`${base}/app${url}`)
        await page.getByText(mustShow).first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState("networkidle")
        const text = await page.locator("body").innerText()
        shots.push([`admin-scope-${name}.png`, await page.screenshot({ fullPage: true })])
        expect({ page: name, errorPage: /An error occurred|There is no page at this address|Something went wrong/.test(text) }).toEqual({ page: name, errorPage: false })
        expect({ page: name, shows: otherTexts.filter((t) => text.includes(t)) }).toEqual({ page: name, shows: [] })
      }
    } catch (error) {
      const shot = await page.screenshot({ fullPage: true }).catch(() => null)
      if (shot) shots.push(["admin-scope-failure.png", shot])
      throw new Error(`${(error as Error).message}\n--- medusa log tail ---\n${log.slice(-3000)}`)
    } finally {
      await browser.close()
      await medusa!.stop()
      medusa = undefined
      fs.mkdirSync(ARTIFACTS, { recursive: true })
      for (const [file, shot] of shots) fs.writeFileSync(path.join(ARTIFACTS, file), shot)
      fs.writeFileSync(path.join(ARTIFACTS, "admin-scope-calls.json"), JSON.stringify(calls, null, 2))
    }
    // Discovery: every /admin route the dashboard called, for the README's allowlist.
    const failing = calls.filter((c) => c.status >= 400 && !EXPECTED_ERRORS.some((e) => e.test(`${c.method} ${c.url}`)))
    expect(failing).toEqual([])
    const called = new Set(calls.map((c) => `${c.method} ${c.url.split("?")[0]}`))
    for (const route of ["GET /admin/users/me", "GET /admin/stores", "GET /admin/products", "GET /admin/orders", "GET /admin/customers", "GET /admin/promotions", "GET /admin/price-lists", `GET /admin/orders/${A.order.id}`]) {
      expect(called).toContain(route)
    }
    // No answer to the dashboard carried an id of org B.
    const bIds = [B.product.id, B.order.id, B.customer.id, B.promotion.id, B.priceList.id, orgs[1].sales_channel_id]
    expect(calls.filter((c) => bIds.some((id) => c.url.includes(id)))).toEqual([])
    const texts = await Promise.all(bodies)
    expect(bIds.filter((id) => texts.some((t) => t.includes(id)))).toEqual([])
    expect(texts.some((t) => t.includes(A.product.id))).toBe(true)
  })
})
