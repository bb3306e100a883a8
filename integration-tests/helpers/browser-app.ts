import type { ChildProcess } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Client } from "pg"

// The harness of the dashboard's browser specs: a fresh database, migrated and seeded like
// `npm run dev`, the production build (`medusa start`, the built admin; `npm test platform`
// runs `medusa build` first) on a free port, and Debian's chromium through playwright-core.
const b = require("../../src/scripts/lib/bootstrap")
const pg = require("../../src/scripts/lib/postgres")

export const ROOT = path.resolve(__dirname, "../..")
// Screenshots and figures: test-artifacts/, or VOLMIFY_ARTIFACTS_DIR (`npm test` points it at
// a temporary folder while the platform suite's two lanes run and copies it there after: a
// write under the checkout would restart the other lane's `medusa develop`).
export const ARTIFACTS = process.env.VOLMIFY_ARTIFACTS_DIR || path.join(ROOT, "test-artifacts")
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

export type Json = Record<string, any>
export type Reply = { status: number; data: Json }

export type SeededApp = {
  base: string
  dbUrl: string
  /** What the seed printed: orgs (handle, owner, publishable_key, …), the platform admin. */
  summary: Json
  /** Any call; never throws on a status. */
  call(method: string, url: string, token: string | null, body?: unknown, headers?: Json): Promise<Reply>
  /** A call that must succeed (throws with the status and message otherwise). */
  api(method: string, url: string, token: string | null, body?: unknown, headers?: Json): Promise<Json>
  sql(text: string, values?: unknown[]): Promise<Json[]>
  /** The last lines Medusa printed. */
  log(): string
  /** Stops Medusa and drops the database. */
  close(): Promise<void>
}

const serverUrl = () =>
  `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/postgres`

/** A fresh seeded database and the production build serving it. */
export async function startSeededApp(label: string): Promise<SeededApp> {
  const server = serverUrl()
  const dbName = `volmify_${label}_${Date.now()}`
  const dbUrl = pg.withDatabase(server, dbName)
  const summary = await b.seededDatabase(server, dbName, { summaryFile: path.join(os.tmpdir(), `${dbName}.json`) })
  const port = await pg.freePort()
  const base = `http://localhost:${port}`
  const secret = () => crypto.randomBytes(24).toString("hex")
  const medusa: { child: ChildProcess; stop: () => Promise<void> } = b.startBuiltMedusa(dbUrl, {
    port,
    stdio: "pipe",
    env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", JWT_SECRET: secret(), COOKIE_SECRET: secret() },
  })
  let log = ""
  medusa.child.stdout?.on("data", (d) => (log = (log + d).slice(-20_000)))
  medusa.child.stderr?.on("data", (d) => (log = (log + d).slice(-20_000)))
  await b.waitForHealth(base, { child: medusa.child })

  const call = async (method: string, url: string, token: string | null, body?: unknown, headers: Json = {}): Promise<Reply> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, data: (await res.json().catch(() => ({}))) as Json }
  }
  return {
    base,
    dbUrl,
    summary,
    call,
    async api(method, url, token, body, headers) {
      const { status, data } = await call(method, url, token, body, headers)
      if (status >= 400) throw new Error(`${method} ${url} -> ${status} ${JSON.stringify(data).slice(0, 300)}`)
      return data
    },
    async sql(text, values = []) {
      const client = new Client({ connectionString: dbUrl })
      await client.connect()
      try {
        return (await client.query(text, values as unknown[])).rows
      } finally {
        await client.end()
      }
    },
    log: () => log,
    async close() {
      await medusa.stop()
      const client = new Client({ connectionString: server })
      await client.connect()
      await client.query(`drop database if exists "${dbName}" with (force)`).catch(() => {})
      await client.end()
    },
  }
}

export async function launchChromium() {
  const { chromium } = require("playwright-core")
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS })
}

/** Logs a seeded user into the dashboard (the first load of the built admin is quick). */
export async function loginToDashboard(page: any, base: string, user: { email: string; password: string }) {
  await page.goto(`${base}/app/login`, { timeout: 120_000 })
  await page.locator('input[name="email"]').fill(user.email, { timeout: 120_000 })
  await page.locator('input[name="password"]').fill(user.password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((u: URL) => !u.pathname.includes("login"), { timeout: 120_000 })
}

/**
 * Waits until the dashboard's toasts (sonner's, top right, over the page header's buttons)
 * have closed, with the pointer moved off them first: a pointer over the toaster pauses their
 * 4 s timers, so a click on a header button they cover would wait behind them for ever (seen
 * when a slow machine left three toasts up over "Publish").
 */
export async function waitForToastsToClose(page: any) {
  await page.mouse.move(1, 1)
  const none = () => page.waitForFunction(() => !document.querySelector("[data-sonner-toast]"), null, { timeout: 30_000 })
  // Twice, a moment apart: a toast of the last answer may be about to render.
  await none()
  await page.waitForTimeout(250)
  await none()
}

/** Every /admin call a page makes, with its status (and, when asked, its body). */
export function recordAdminCalls(page: any, { bodies = false } = {}) {
  const calls: { label: string; method: string; url: string; status: number }[] = []
  const texts: { label: string; text: Promise<string> }[] = []
  let label = ""
  page.on("response", (r: any) => {
    const u = new URL(r.url())
    if (!u.pathname.startsWith("/admin")) return
    calls.push({ label, method: r.request().method(), url: `${u.pathname}${u.search}`, status: r.status() })
    if (bodies) texts.push({ label, text: r.text().catch(() => "") })
  })
  return {
    calls,
    setLabel: (l: string) => (label = l),
    /** The answers' bodies (of the calls made under labels that pass `keep`). */
    bodies: (keep: (label: string) => boolean = () => true) => Promise.all(texts.filter((t) => keep(t.label)).map((t) => t.text)),
  }
}

/** Screenshots kept until the end of a spec, then written to test-artifacts/. */
export function screenshots() {
  const shots: [string, Buffer][] = []
  return {
    push: (file: string, shot: Buffer) => shots.push([file, shot]),
    write(extra: Record<string, unknown> = {}) {
      fs.mkdirSync(ARTIFACTS, { recursive: true })
      for (const [file, shot] of shots) fs.writeFileSync(path.join(ARTIFACTS, file), shot)
      for (const [file, value] of Object.entries(extra)) fs.writeFileSync(path.join(ARTIFACTS, file), JSON.stringify(value, null, 2))
    },
  }
}

/**
 * A customer checks out through the store API as a storefront would: cart in the region,
 * the variant, a payment session with the system provider, complete. Returns the order.
 */
export async function buyThroughStore(app: SeededApp, key: string, customer: { email: string; token: string }, regionId: string, variantId: string) {
  const h = { "x-publishable-api-key": key }
  const { cart } = await app.api("POST", "/store/carts", customer.token, { region_id: regionId, email: customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, h)
  const { payment_collection } = await app.api("POST", "/store/payment-collections", customer.token, { cart_id: cart.id }, h)
  await app.api("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, customer.token, { provider_id: "pp_system_default" }, h)
  const done = await app.api("POST", `/store/carts/${cart.id}/complete`, customer.token, {}, h)
  if (done.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(done).slice(0, 300)}`)
  return done.order as Json
}

/** Registers a customer on an org's storefront (which makes them a member) and logs them in. */
export async function registerCustomer(app: SeededApp, key: string, email: string, password = "browser-pass-1") {
  const reg = (await app.api("POST", "/auth/customer/emailpass/register", null, { email, password })).token
  const { customer } = await app.api("POST", "/store/customers", reg, { email, first_name: "Test", last_name: "Buyer" }, { "x-publishable-api-key": key })
  const token = (await app.api("POST", "/auth/customer/emailpass", null, { email, password })).token
  return { customer, email, password, token }
}

/** `next build` of the storefront once per change (src/scripts/lib/bootstrap.js). */
export const buildStorefrontOnce: () => Promise<void> = b.buildStorefrontOnce

/**
 * The storefront's own `next` CLI (storefront/node_modules/next): the storefront is installed
 * apart from the workspace so that Next and its React 19 never resolve the admin's React 18.
 */
export const STOREFRONT_NEXT_BIN = require.resolve("next/dist/bin/next", { paths: [path.join(ROOT, "storefront")] })
