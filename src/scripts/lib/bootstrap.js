// The steps of the run command, each usable on its own (the bootstrap test drives them).
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const pg = require("./postgres")

const ROOT = path.resolve(__dirname, "../../..")
const MEDUSA_BIN = path.join(ROOT, "node_modules", ".bin", "medusa")
const DEFAULT_DB_NAME = "volmify"
const DEFAULT_EMBEDDED_PORT = 54329

/** Runs a command to completion; rejects with its exit code and last output lines. */
function run(cmd, args, { env = process.env, cwd = ROOT, quiet = false, log = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    const tail = []
    const keep = (chunk) => {
      const text = chunk.toString()
      if (!quiet) process.stdout.write(text)
      tail.push(text)
      if (tail.length > 60) tail.shift()
    }
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    child.on("error", reject)
    child.on("close", (code) => {
      if (code === 0) return resolve(tail.join(""))
      reject(new Error(`\`${path.basename(cmd)} ${args.join(" ")}\` exited with ${code}\n${tail.join("")}`))
    })
    log(`$ ${path.basename(cmd)} ${args.join(" ")}`)
  })
}

/**
 * The database the app uses: DATABASE_URL's server, or an embedded one with data in
 * `dataDir`. Creates the database when missing. Returns `{ url, embedded, stop }`.
 */
async function prepareDatabase({ env = process.env, dataDir, port, log = () => {} } = {}) {
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL
    await pg.ensureDatabase(url, pg.databaseName(url)).catch((e) => {
      log(`Could not create the database of DATABASE_URL (${e.message}); assuming it exists`)
    })
    return { url, embedded: false, stop: async () => {} }
  }
  const requestedDir = dataDir ?? env.VOLMIFY_DATA_DIR ?? path.join(ROOT, ".data", "postgres")
  const server = await pg.startEmbeddedPostgres({
    dataDir: requestedDir,
    port: Number(port ?? env.VOLMIFY_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
    log,
    env,
  })
  const name = env.VOLMIFY_DB_NAME || DEFAULT_DB_NAME
  await pg.ensureDatabase(server.url, name)
  return {
    url: pg.withDatabase(server.url, name),
    embedded: true,
    port: server.port,
    // Where the data is: the requested folder, or (as root under a private directory) the
    // system folder it links to.
    dataDir: path.resolve(requestedDir),
    serverDataDir: server.dataDir,
    stop: server.stop,
  }
}

function buildPlugins(opts = {}) {
  return run("npm", ["run", "build:plugins", "--silent"], opts)
}

/** Migrations of Medusa, the plugins and the links; never waits for a keyboard. */
function migrate(databaseUrl, opts = {}) {
  return run(MEDUSA_BIN, ["db:migrate", "--execute-safe-links"], {
    ...opts,
    env: { ...(opts.env ?? process.env), DATABASE_URL: databaseUrl },
  })
}

/** Runs the idempotent demo seed; returns its summary (admin credentials, keys). */
async function seed(databaseUrl, { summaryFile, ...opts } = {}) {
  const file = summaryFile ?? path.join(ROOT, ".data", "demo.json")
  fs.mkdirSync(path.dirname(file), { recursive: true })
  await run(MEDUSA_BIN, ["exec", "./src/scripts/seed.ts"], {
    ...opts,
    env: { ...(opts.env ?? process.env), DATABASE_URL: databaseUrl, VOLMIFY_SEED_SUMMARY: file },
  })
  return JSON.parse(fs.readFileSync(file, "utf8"))
}

/** A PostgreSQL identifier (a database name), quoted. */
const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`

/**
 * Database `dbName` on the server at `serverUrl`, created, migrated and seeded like `npm run
 * dev`; returns the seed's summary (also written to `summaryFile` when given). With
 * VOLMIFY_SEED_TEMPLATE set (`npm test` names one per run and drops it at the end), the first
 * caller migrates and seeds a template database of that name, under an advisory lock so that
 * two jest workers build it once, and every caller gets a copy of it (CREATE DATABASE ...
 * TEMPLATE: about a second, against ~40 s of migrations and seed on 2 cores).
 */
async function seededDatabase(serverUrl, dbName, { summaryFile, env = process.env, quiet = true } = {}) {
  const template = process.env.VOLMIFY_SEED_TEMPLATE
  const write = (summary) => {
    if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 2))
    return summary
  }
  if (!template) {
    await pg.ensureDatabase(serverUrl, dbName)
    const url = pg.withDatabase(serverUrl, dbName)
    await migrate(url, { quiet, env })
    return seed(url, { quiet, env, summaryFile })
  }
  const templateSummary = path.join(os.tmpdir(), `${template}.json`)
  const { Client } = require("pg")
  const client = new Client({ connectionString: pg.withDatabase(serverUrl, "postgres") })
  await client.connect()
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [template])
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [template])
    if (!rowCount || !fs.existsSync(templateSummary)) {
      // Built under another name and renamed when whole: a seed that fails leaves no template.
      const building = `${template}_building`
      await client.query(`drop database if exists ${quoteIdent(building)} with (force)`)
      await client.query(`drop database if exists ${quoteIdent(template)} with (force)`)
      await client.query(`create database ${quoteIdent(building)}`)
      const url = pg.withDatabase(serverUrl, building)
      await migrate(url, { quiet, env })
      await seed(url, { quiet, env, summaryFile: templateSummary })
      await client.query(`alter database ${quoteIdent(building)} rename to ${quoteIdent(template)}`)
    }
    await client.query(`create database ${quoteIdent(dbName)} template ${quoteIdent(template)}`)
    return write(JSON.parse(fs.readFileSync(templateSummary, "utf8")))
  } finally {
    await client.query("select pg_advisory_unlock(hashtext($1))", [template]).catch(() => {})
    await client.end()
  }
}

/** Drops template database `template` (as seededDatabase makes them), if any, and its summary file. */
async function dropTemplate(serverUrl, template) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: pg.withDatabase(serverUrl, "postgres") })
  await client.connect()
  try {
    for (const name of [template, `${template}_building`]) {
      await client.query(`drop database if exists ${quoteIdent(name)} with (force)`)
    }
  } finally {
    await client.end()
  }
  fs.rmSync(path.join(os.tmpdir(), `${template}.json`), { force: true })
}

/**
 * `next build` of the storefront once per change: the browser specs share one production
 * build (the org's key is read at run time), so a build is skipped when the storefront's
 * sources hash to the key the last build left in `.next/`. `npm test platform` runs it before
 * the suite's jest workers start, so two of them never build at once.
 */
async function buildStorefrontOnce() {
  const crypto = require("node:crypto")
  const dir = path.join(ROOT, "storefront")
  const hash = crypto.createHash("sha256")
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // next-env.d.ts is Next's own output (written by `next build` and, differently, by `next dev`).
      if (["node_modules", ".next", "test-artifacts", "next-env.d.ts"].includes(entry.name)) continue
      const child = path.join(rel, entry.name)
      if (entry.isDirectory()) walk(child)
      else if (entry.isFile()) hash.update(child).update("\0").update(fs.readFileSync(path.join(dir, child))).update("\0")
    }
  }
  walk("")
  for (const [k, v] of Object.entries(process.env).sort()) if (k.startsWith("NEXT_PUBLIC_")) hash.update(`${k}=${v}\0`)
  const key = hash.digest("hex")
  const marker = path.join(dir, ".next", "volmify-build-key")
  if (fs.existsSync(path.join(dir, ".next", "BUILD_ID")) && fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === key) return false
  await run("npm", ["run", "build", "--prefix", dir], { quiet: true })
  fs.writeFileSync(marker, key)
  return true
}

/** Polls GET /health until it answers 200 or `timeoutMs` passes. */
async function waitForHealth(baseUrl, { timeoutMs = 120_000, child } = {}) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`Medusa exited with ${child.exitCode} before it was healthy`)
    }
    try {
      const res = await fetch(`${baseUrl}/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${baseUrl}/health did not answer within ${timeoutMs / 1000}s`)
}

/** Starts `medusa develop` in its own process group; `stop()` ends the whole group. */
function startMedusa(databaseUrl, { port = 9000, env = process.env, stdio = "inherit" } = {}) {
  const child = spawn(MEDUSA_BIN, ["develop", "--port", String(port)], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ["ignore", stdio, stdio],
    detached: true,
  })
  killGroupOnExit(child)
  return { child, stop: () => stopGroup(child) }
}

/** `medusa build`: the backend and the admin dashboard into `.medusa/server`. */
function buildApp(opts = {}) {
  return run(MEDUSA_BIN, ["build"], opts)
}

const BUILT_APP_DIR = path.join(ROOT, ".medusa", "server")

/**
 * Starts the production build (`medusa start` in `.medusa/server`, NODE_ENV=production,
 * the built admin) in its own process group. Modules resolve from the root node_modules
 * (Node walks up from `.medusa/server`). The caller passes secrets; `cookieSecure: false`
 * lets a browser log in over plain http://localhost.
 */
function startBuiltMedusa(databaseUrl, { port = 9000, env = process.env, stdio = "inherit", cookieSecure = false } = {}) {
  if (!fs.existsSync(path.join(BUILT_APP_DIR, "public", "admin", "index.html"))) {
    throw new Error(`No production build in ${BUILT_APP_DIR}: run \`npm run build\` first`)
  }
  const child = spawn(MEDUSA_BIN, ["start", "--port", String(port)], {
    cwd: BUILT_APP_DIR,
    env: {
      ...env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      ...(cookieSecure ? {} : { COOKIE_SECURE: "false" }),
    },
    stdio: ["ignore", stdio, stdio],
    detached: true,
  })
  killGroupOnExit(child)
  return { child, stop: () => stopGroup(child) }
}

/**
 * A detached child outlives its parent: if the parent dies without stopping it (a crash, an
 * uncaught error), the child's group is killed as the parent exits, so no server is left
 * holding a port and consuming the Redis queues the next run uses.
 */
function killGroupOnExit(child) {
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) signalGroup(child, "SIGKILL")
  }
  process.once("exit", onExit)
  child.once("exit", () => process.removeListener("exit", onExit))
}

/** Sends SIGTERM to a detached child's process group, SIGKILL after `graceMs`. */
function stopGroup(child, graceMs = 10_000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs)
    child.once("exit", () => {
      clearTimeout(timer)
      resolve()
    })
    signalGroup(child, "SIGTERM")
  })
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
}

/**
 * Starts a redis-server of the caller's own on 127.0.0.1:`port`, data in `dir`, in its own
 * process group (killed when this process exits), and waits until it answers PING. `args`:
 * further server options (persistence). Throws with the server's output when it does not start.
 */
async function startRedisServer({ port, dir, args = [], bin = "redis-server", timeoutMs = 15_000 }) {
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, ...args], { stdio: ["ignore", "pipe", "pipe"], detached: true })
  let out = ""
  child.stdout.on("data", (d) => (out = (out + d).slice(-4000)))
  child.stderr.on("data", (d) => (out = (out + d).slice(-4000)))
  child.once("error", (e) => (out += String(e)))
  killGroupOnExit(child)
  const url = `redis://127.0.0.1:${port}`
  const until = Date.now() + timeoutMs
  while (!(await redisAnswers(url))) {
    if (child.exitCode !== null || child.pid === undefined || Date.now() > until) {
      if (child.pid !== undefined) signalGroup(child, "SIGKILL")
      throw new Error(`${bin} did not start on port ${port}:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { child, url }
}

/** Whether a Redis answers PING at `url`. */
function redisAnswers(url, timeoutMs = 2000) {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = require("node:net").connect(Number(port || 6379), hostname)
    socket.setTimeout(timeoutMs, () => (socket.destroy(), resolve(false)))
    socket.once("error", () => resolve(false))
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.once("data", (d) => (socket.destroy(), resolve(d.toString().startsWith("+PONG"))))
  })
}

module.exports = {
  DEFAULT_EMBEDDED_PORT,
  ROOT,
  BUILT_APP_DIR,
  buildApp,
  buildPlugins,
  buildStorefrontOnce,
  killGroupOnExit,
  migrate,
  prepareDatabase,
  redisAnswers,
  seededDatabase,
  dropTemplate,
  run,
  seed,
  startBuiltMedusa,
  startMedusa,
  startRedisServer,
  stopGroup,
  waitForHealth,
}
