#!/usr/bin/env node
// `npm test [unit|modules|http|redis|platform ...] [-- jest args]`: builds the plugins,
// finds a PostgreSQL (DB_HOST / DATABASE_URL / localhost:5432, else an embedded one) and
// Redis, then runs the jest projects in order. Exits non-zero when any fails.
const { spawn, spawnSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const pg = require("./lib/postgres")
const b = require("./lib/bootstrap")

const ROOT = path.resolve(__dirname, "../..")
// `faults` (integration-tests/faults) kills and restarts processes, PostgreSQL and Redis of
// its own, on the production build (CI's small version: FAULTS_SCALE=ci, the default; the
// full one is `npm run bench -- --only faults`). It runs last: it needs the app build the
// platform suite also uses, and one failure of it should not hide the others' results.
const ALL = ["unit", "modules", "http", "redis", "platform", "faults"]
const KNOWN = ALL
// In build order: a dependent type-checks against its providers' built .d.ts.
const PLUGINS = ["orgs", "ledger", "access", "courses", "attribution", "affiliates", "analytics", "pages"]
const log = (msg) => process.stdout.write(`[volmify test] ${msg}\n`)

async function main() {
  const argv = process.argv.slice(2)
  const dash = argv.indexOf("--")
  const names = (dash === -1 ? argv : argv.slice(0, dash)).filter(Boolean)
  const jestArgs = dash === -1 ? [] : argv.slice(dash + 1)
  const unknown = names.filter((n) => !KNOWN.includes(n))
  if (unknown.length) {
    log(`Unknown suite(s): ${unknown.join(", ")}. Choose from: ${KNOWN.join(", ")}`)
    process.exit(2)
  }
  const projects = names.length ? names : ALL
  process.env.MEDUSA_DISABLE_TELEMETRY ??= "true"

  if (process.env.VOLMIFY_SKIP_PLUGIN_BUILD !== "true") {
    log("Building plugins…")
    sh("npm", ["run", "build:plugins", "--silent"])
  }
  // The dashboard's browser tests and the faults suite's processes run the production build.
  if ((projects.includes("platform") || projects.includes("faults")) && process.env.VOLMIFY_SKIP_APP_BUILD !== "true") {
    log("Building the app (medusa build) for the platform and faults suites…")
    sh(path.join(ROOT, "node_modules", ".bin", "medusa"), ["build"])
  }

  // The storefront's production build, made here once so that the platform suite's two lanes
  // never build it at once (its specs' own buildStorefrontOnce() then finds it current).
  if (projects.includes("platform") && fs.existsSync(path.join(ROOT, "storefront", "node_modules"))) {
    log("Building the storefront (next build) for the platform suite, unless it is current…")
    const started = Date.now()
    const built = await b.buildStorefrontOnce()
    log(built ? `Built the storefront in ${Math.round((Date.now() - started) / 1000)} s` : "The storefront's build is current")
  }

  // Every plugin type-checks under `strict` (each plugin's tsconfig.json); the build alone
  // emits despite type errors. Runs with the unit suite, one plugin at a time.
  const typeFailures = projects.includes("unit") ? await typecheckPlugins() : []

  const db = await resolveTestDatabase()
  const redis = projects.includes("redis") ? await resolveRedis() : null
  const redisUrl = redis?.url
  // The platform specs' and the bench's seeded databases are copies of one template made by
  // the first of them (bootstrap.seededDatabase), named for this run and dropped at its end.
  const seedTemplate = process.env.VOLMIFY_SEED_TEMPLATE || `volmify_seed_tpl_${process.pid}_${Date.now()}`
  process.env.VOLMIFY_SEED_TEMPLATE = seedTemplate
  const httpTemplate = `volmify_http_tpl_${process.pid}_${Date.now()}`
  const failures = [...typeFailures]
  const totals = { passed: 0, failed: 0, skipped: 0 }
  const failedCases = []
  const retriedCases = []
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-jest-"))
  try {
    for (const project of projects) {
      const env = { ...process.env, ...db.env }
      if (project === "redis") {
        if (!redisUrl) {
          const msg = "no Redis answers (set REDIS_URL or start one on 127.0.0.1:6379)"
          if (process.env.CI) {
            failures.push(`redis (${msg})`)
          } else {
            log(`Not running the Redis-mode suite: ${msg}.`)
          }
          continue
        }
        env.REDIS_URL = redisUrl
      } else {
        delete env.REDIS_URL
      }
      delete env.VOLMIFY_HTTP_TEMPLATE
      if (project === "http" && process.env.VOLMIFY_HTTP_TEMPLATE !== "false") {
        env.VOLMIFY_HTTP_TEMPLATE = httpTemplate
        const started = Date.now()
        await migrateHttpTemplate(serverUrlOf(db.env), httpTemplate, env)
        log(`Migrated the HTTP suite's template database in ${Math.round((Date.now() - started) / 1000)} s`)
      }
      log(`Running the ${project} suite…`)
      const resultsFile = path.join(resultsDir, `${project}.json`)
      // One jest process runs a suite's files in band: the HTTP suite boots Medusa ~20 times
      // and its fuzz and traversal files make thousands of requests, so the default heap
      // (about 2 GB here) ran out. Medusa's info lines (one per refused request) stay out
      // of jest's buffered console in that suite unless LOG_LEVEL asks for them.
      const jestEnv = {
        ...env,
        ...(project === "http" && !env.LOG_LEVEL ? { LOG_LEVEL: "warn" } : {}),
        NODE_OPTIONS: `--experimental-vm-modules --max-old-space-size=${process.env.VOLMIFY_TEST_HEAP_MB || 8192}`,
      }
      const lanes = project === "platform" ? platformLanes(jestArgs) : null
      const code = lanes
        ? await runLanes(project, lanes, resultsFile, jestEnv)
        : sh(
        path.join(ROOT, "node_modules", ".bin", "jest"),
        ["--selectProjects", project, ...workerArgs(project), "--forceExit", "--json", "--outputFile", resultsFile, ...jestArgs],
        {
          env: jestEnv,
          allowFail: true,
        }
      )
      if (code !== 0) failures.push(project)
      if (fs.existsSync(resultsFile)) {
        const r = JSON.parse(fs.readFileSync(resultsFile, "utf8"))
        totals.passed += r.numPassedTests
        totals.failed += r.numFailedTests
        totals.skipped += r.numPendingTests + r.numTodoTests
        reportSlowest(project, r)
        const cases = casesOf(project, r)
        failedCases.push(...cases.failed)
        retriedCases.push(...cases.retried)
      }
    }
  } finally {
    await b.dropTemplate(serverUrlOf(db.env), httpTemplate).catch(() => {})
    await b.dropTemplate(serverUrlOf(db.env), seedTemplate).catch((e) => log(`Could not drop the seed template ${seedTemplate}: ${e.message}`))
    await redis?.stop()
    await db.stop()
  }
  // The failed cases come last, after every suite's output, so the tail of a CI log names them;
  // before them, the cases that failed once and passed when run again (the HTTP suite's retry).
  for (const c of retriedCases) {
    process.stdout.write(`\n↻ passed on retry: [${c.project}] ${c.file} › ${c.title}\n${c.message}\n`)
  }
  for (const c of failedCases) {
    process.stdout.write(`\n✕ [${c.project}] ${c.file} › ${c.title}\n${c.message}\n`)
  }
  const onRetry = retriedCases.length ? ` (${retriedCases.length} on retry)` : ""
  process.stdout.write(`\n${totals.passed} passed${onRetry}, ${totals.failed} failed, ${totals.skipped} skipped\n`)
  if (failures.length) {
    log(`Failed: ${failures.join(", ")}`)
    process.exit(1)
  }
  log(`All suites passed: ${projects.join(", ")}`)
}

/**
 * `tsc --noEmit -p plugins/<p>/tsconfig.json` for each plugin, two at a time (one per core;
 * each reads its providers' built .d.ts, so the order does not matter); the names of those
 * that fail. A plugin's output is printed whole when it is done, so two never interleave.
 */
async function typecheckPlugins() {
  const failed = []
  const queue = [...PLUGINS]
  const one = async () => {
    for (let plugin = queue.shift(); plugin; plugin = queue.shift()) {
      const started = Date.now()
      const { code, output } = await new Promise((resolve) => {
        const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", path.join("plugins", plugin, "tsconfig.json")], { cwd: ROOT })
        let out = ""
        child.stdout.on("data", (d) => (out += d))
        child.stderr.on("data", (d) => (out += d))
        child.on("close", (c) => resolve({ code: c ?? 1, output: out }))
      })
      log(`Type-checked plugins/${plugin} (tsc --noEmit, strict) in ${Math.round((Date.now() - started) / 1000)} s: ${code === 0 ? "ok" : "FAILED"}`)
      if (output.trim()) process.stdout.write(output)
      if (code !== 0) failed.push(`typecheck plugins/${plugin}`)
    }
  }
  await Promise.all([one(), one()])
  return failed.sort()
}

/**
 * The HTTP suite's files each boot their own app on their own database (test-utils names
 * it after JEST_WORKER_ID), so two jest workers run two files at once: about a third off
 * the suite's time on this 2-core machine. The other suites stay in band: platform and
 * redis start processes, builds and browsers that must not overlap. VOLMIFY_TEST_WORKERS
 * overrides the HTTP suite's count (1 = in band).
 */
function workerArgs(project) {
  const workers = project === "http" ? Number(process.env.VOLMIFY_TEST_WORKERS || 2) : 1
  if (!Number.isInteger(workers) || workers < 1) {
    log(`VOLMIFY_TEST_WORKERS must be a whole number >= 1, not "${process.env.VOLMIFY_TEST_WORKERS}"`)
    process.exit(2)
  }
  return workers > 1 ? [`--maxWorkers=${workers}`] : ["--runInBand"]
}

/**
 * The platform suite in two lanes that run side by side, each in band (about 40 % off its
 * time on 2 cores: its specs wait on browsers, installs and child processes much of the
 * time). Lane one holds every spec that starts `medusa develop` in the checkout or the run
 * command (whose file watcher restarts the server on any write under the checkout, hard links
 * into storefront/node_modules included), so no two of those overlap; lane two the rest,
 * which write only outside the checkout (their screenshots go to VOLMIFY_ARTIFACTS_DIR, copied
 * to test-artifacts/ after; uploads and private files to a temporary folder). VOLMIFY_PLATFORM_LANES=1, or jest arguments, run it in band.
 */
function platformLanes(jestArgs) {
  const lanes = process.env.VOLMIFY_PLATFORM_LANES || "2"
  if (!["1", "2"].includes(lanes)) {
    log(`VOLMIFY_PLATFORM_LANES must be 1 or 2, not "${lanes}"`)
    process.exit(2)
  }
  if (lanes === "1" || jestArgs.length) return null
  const dir = path.join(ROOT, "integration-tests", "platform")
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".spec.ts")).sort().map((f) => path.join(dir, f))
  const watched = (file) => /\bstartMedusa\(|scripts\/dev\.js/.test(fs.readFileSync(file, "utf8"))
  // Two of the other browser specs join lane one, which evens the lanes out: about 15 and 17
  // min side by side on 2 cores (portability alone takes 8 of lane two's).
  const first = (f) => watched(f) || ["admin-scope-browser.spec.ts", "pages-browser.spec.ts"].includes(path.basename(f))
  return [files.filter(first), files.filter((f) => !first(f))]
}

/** Runs `lanes` (lists of spec files) as concurrent in-band jest runs; merges their results. */
async function runLanes(project, lanes, resultsFile, env) {
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-artifacts-"))
  // Uploads and private files (the seed's demo video among them) default to folders under the
  // server's working directory: the checkout, for `medusa develop` and `medusa exec`. Both
  // lanes share one temporary pair instead, so a seed or an upload in lane two restarts no
  // server of lane one, and every server finds the files the template's seed stored.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-files-"))
  env = {
    ...env,
    VOLMIFY_UPLOAD_DIR: env.VOLMIFY_UPLOAD_DIR || path.join(filesDir, "uploads"),
    VOLMIFY_PRIVATE_FILES_DIR: env.VOLMIFY_PRIVATE_FILES_DIR || path.join(filesDir, "private-files"),
  }
  const codes = await Promise.all(
    lanes.map((files, i) => {
      const name = `lane ${i + 1}`
      log(`${project} ${name}: ${files.map((f) => path.basename(f)).join(", ")}`)
      const started = Date.now()
      const laneResults = `${resultsFile}.${i + 1}`
      const logFile = `${resultsFile}.${i + 1}.log`
      const out = fs.openSync(logFile, "w")
      const args = ["--selectProjects", project, "--runInBand", "--forceExit", "--json", "--outputFile", laneResults, ...files]
      const child = spawn(path.join(ROOT, "node_modules", ".bin", "jest"), args, {
        cwd: ROOT,
        env: { ...env, VOLMIFY_ARTIFACTS_DIR: artifacts, VOLMIFY_PORT_RANGE: i === 0 ? "20000-25999" : "26000-31999" },
        stdio: ["ignore", out, out],
      })
      return new Promise((resolve) => {
        child.on("close", (code) => {
          fs.closeSync(out)
          // A lane's output is printed whole when it ends, so the two never interleave.
          log(`${project} ${name} ended (${code === 0 ? "passed" : "FAILED"}) after ${Math.round((Date.now() - started) / 1000)} s; its output:`)
          process.stdout.write(fs.readFileSync(logFile, "utf8"))
          resolve(code ?? 1)
        })
      })
    })
  )
  fs.cpSync(artifacts, path.join(ROOT, "test-artifacts"), { recursive: true })
  fs.rmSync(artifacts, { recursive: true, force: true })
  fs.rmSync(filesDir, { recursive: true, force: true })
  const merged = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [] }
  lanes.forEach((_, i) => {
    const file = `${resultsFile}.${i + 1}`
    if (!fs.existsSync(file)) return
    const r = JSON.parse(fs.readFileSync(file, "utf8"))
    for (const k of ["numPassedTests", "numFailedTests", "numPendingTests", "numTodoTests"]) merged[k] += r[k] || 0
    merged.testResults.push(...(r.testResults || []))
  })
  fs.writeFileSync(resultsFile, JSON.stringify(merged))
  return codes.every((c) => c === 0) ? 0 : 1
}

/**
 * The HTTP suite's template database (integration-tests/http-template.js): every module's
 * migrations and the links, as test-utils runs them into each file's database, and no data
 * (no migration scripts). Each file's database is then a copy of it.
 */
async function migrateHttpTemplate(serverUrl, name, env) {
  await b.dropTemplate(serverUrl, name)
  await pg.ensureDatabase(serverUrl, name)
  await b.run(path.join(ROOT, "node_modules", ".bin", "medusa"), ["db:migrate", "--skip-scripts", "--execute-all-links", "--execute-all-search"], {
    quiet: true,
    env: { ...env, NODE_ENV: "test", DATABASE_URL: pg.withDatabase(serverUrl, name) },
  })
}

/** postgres:// URL of the server the suites use, from resolveTestDatabase()'s DB_* values. */
function serverUrlOf(env) {
  return `postgres://${encodeURIComponent(env.DB_USERNAME)}:${encodeURIComponent(env.DB_PASSWORD || "")}@${env.DB_HOST}:${env.DB_PORT}/postgres`
}

/**
 * A suite's failed cases (and files that failed to run) and the cases that passed only on a
 * retry, each with the start of its (first) error.
 */
function casesOf(project, results) {
  const failed = []
  const retried = []
  for (const file of results.testResults || []) {
    const rel = path.relative(ROOT, file.name)
    const at = (a, messages) => ({ project, file: rel, title: a.fullName || a.title, message: clip((messages || []).join("\n")) })
    for (const a of file.assertionResults || []) {
      if (a.status === "failed") failed.push(at(a, a.failureMessages))
      else if (a.status === "passed" && (a.invocations || 1) > 1) retried.push(at(a, a.retryReasons))
    }
    if (file.status === "failed" && !(file.assertionResults || []).some((a) => a.status === "failed")) {
      failed.push(at({ title: "(the file failed to run)" }, [file.message || ""]))
    }
  }
  return { failed, retried }
}

function clip(text) {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "")
  return plain.length > 1500 ? `${plain.slice(0, 1500)}…` : plain
}

/** The slowest spec files of a suite, so CI logs show where its time goes. */
function reportSlowest(project, results) {
  const files = (results.testResults || [])
    .map((t) => ({ file: path.relative(ROOT, t.name), s: ((t.endTime || 0) - (t.startTime || 0)) / 1000 }))
    .sort((a, b) => b.s - a.s)
  const total = files.reduce((sum, f) => sum + f.s, 0)
  log(`${project}: ${files.length} files, ${Math.round(total)} s of file time; slowest:`)
  for (const f of files.slice(0, 8)) log(`  ${f.s.toFixed(1).padStart(6)} s  ${f.file}`)
}

/** DB_* variables for @medusajs/test-utils, pointing at a server that answers. */
async function resolveTestDatabase() {
  const fromUrl = process.env.DATABASE_URL && new URL(process.env.DATABASE_URL)
  const candidate = {
    DB_HOST: process.env.DB_HOST || fromUrl?.hostname || "localhost",
    DB_PORT: process.env.DB_PORT || fromUrl?.port || "5432",
    DB_USERNAME: process.env.DB_USERNAME || decodeURIComponent(fromUrl?.username || "") || "postgres",
    DB_PASSWORD: process.env.DB_PASSWORD ?? decodeURIComponent(fromUrl?.password || ""),
  }
  // test-utils turns SSL on for any host not spelled "localhost".
  if (candidate.DB_HOST === "127.0.0.1") candidate.DB_HOST = "localhost"
  const url = `postgres://${encodeURIComponent(candidate.DB_USERNAME)}:${encodeURIComponent(
    candidate.DB_PASSWORD
  )}@${candidate.DB_HOST}:${candidate.DB_PORT}/postgres`
  if (await pg.canConnect(url)) {
    log(`PostgreSQL at ${candidate.DB_HOST}:${candidate.DB_PORT}`)
    return { env: candidate, stop: async () => {} }
  }
  const port = await pg.freePort()
  log(`No PostgreSQL at ${candidate.DB_HOST}:${candidate.DB_PORT}; starting an embedded one on ${port}`)
  const server = await pg.startEmbeddedPostgres({ dataDir: pg.tempDataDir("volmify-test-"), port })
  return {
    env: { DB_HOST: "localhost", DB_PORT: String(port), DB_USERNAME: server.user, DB_PASSWORD: server.password },
    stop: server.stop,
  }
}

/**
 * The Redis suite's Redis: REDIS_URL when set; else a redis-server of its own on a free port
 * (no persistence, stopped at the end), so that no other Medusa process on the machine's
 * Redis (a dev server, another checkout's test run) consumes the suite's event and workflow
 * queues; else, with no redis-server to start, the local default when it answers PING.
 */
async function resolveRedis() {
  const shared = async (url) => ((await b.redisAnswers(url)) ? { url, stop: async () => {} } : null)
  if (process.env.REDIS_URL) return shared(process.env.REDIS_URL)
  const bin = process.env.VOLMIFY_TEST_REDIS_SERVER || "redis-server"
  if (spawnSync(bin, ["--version"], { stdio: "ignore" }).status !== 0) return shared("redis://127.0.0.1:6379")
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-redis-"))
  const { child, url } = await b.startRedisServer({ port: await pg.freePort(), dir, bin, args: ["--save", "", "--appendonly", "no"] })
  log(`Started a redis-server of the suite's own at ${url}`)
  return {
    url,
    stop: async () => {
      await b.stopGroup(child)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

function sh(cmd, args, { env = process.env, allowFail = false } = {}) {
  const { status } = spawnSync(cmd, args, { cwd: ROOT, env, stdio: "inherit" })
  if (status !== 0 && !allowFail) {
    log(`\`${cmd} ${args.join(" ")}\` failed (${status})`)
    process.exit(status || 1)
  }
  return status ?? 1
}

main().catch((error) => {
  // A database that cannot start is explained in one line; anything else keeps its stack.
  log(error?.name === "EmbeddedPostgresError" ? error.message : error.stack || String(error))
  process.exit(1)
})
