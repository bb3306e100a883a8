#!/usr/bin/env node
// `npm run bench [-- --scale tiny|full] [--duration 20] [--connections 10] [--skip-build] [--out file]`
//
// Builds the app (`medusa build`), makes a fresh database with the demo seed plus the
// benchmark data (bench/generate.ts), starts the production build in Redis mode, and
// measures each Volmify route against a Medusa route as baseline, in the same run on the
// same data. Writes the figures as JSON (bench/results/<date>-<scale>.json by default).
// `npm run bench:seed` only makes the database. These are benchmarks, never assertions.
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { execSync } = require("node:child_process")
const b = require("../src/scripts/lib/bootstrap")
const pg = require("../src/scripts/lib/postgres")
const { measureP5, requireChromium } = require("./p5-lighthouse")

const ROOT = path.resolve(__dirname, "..")

function parseArgs(argv) {
  const out = { scale: "tiny", duration: 20, connections: 10, skipBuild: false, seedOnly: false, reuseDb: false, only: null, out: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => argv[++i]
    if (a === "--scale") out.scale = value()
    else if (a === "--duration") out.duration = Number(value())
    else if (a === "--connections") out.connections = Number(value())
    else if (a === "--skip-build") out.skipBuild = true
    else if (a === "--seed-only") out.seedOnly = true
    else if (a === "--reuse-db") out.reuseDb = true
    else if (a === "--only") out.only = value().split(",").map((x) => x.trim().toLowerCase())
    else if (a === "--out") out.out = value()
    else throw usage(`Unknown argument ${a}`)
  }
  if (!["tiny", "full"].includes(out.scale)) throw usage("--scale must be tiny or full")
  return out
}

/** An error whose message is the whole story (bad arguments, a missing browser, figures that failed): printed without a stack. */
const usage = (message) => Object.assign(new Error(message), { usage: true })

const log = (msg) => process.stdout.write(`[bench] ${msg}\n`)

/** --only p1,p2 measures a subset (while profiling); the JSON then marks the rest skipped. */
const wants = (args, id) => !args.only || args.only.includes(id)

function serverUrl() {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL
  return `postgres://${encodeURIComponent(process.env.DB_USERNAME || "postgres")}:${encodeURIComponent(process.env.DB_PASSWORD || "")}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/postgres`
}

const withoutRedis = (env) => {
  const { REDIS_URL: _redis, ...rest } = env
  return rest
}

const dbName = (scale) => process.env.BENCH_DB_NAME || `volmify_bench_${scale}`

/** The database a previous run seeded (--reuse-db), with the summaries it left in the temp folder. */
function reuseDatabase(scale) {
  const name = dbName(scale)
  const read = (suffix) => {
    const file = path.join(os.tmpdir(), `${name}-${suffix}.json`)
    if (!fs.existsSync(file)) throw new Error(`--reuse-db: ${file} is missing; run without --reuse-db (or npm run bench:seed) first`)
    return JSON.parse(fs.readFileSync(file, "utf8"))
  }
  return { dbUrl: pg.withDatabase(serverUrl(), name), demo: read("demo"), data: read("bench"), summaryFile: path.join(os.tmpdir(), `${name}-bench.json`), seconds: 0, reused: true }
}

/** A fresh database: migrations, the demo seed, then the benchmark data at `scale`. */
async function seedDatabase(scale) {
  const server = serverUrl()
  const name = dbName(scale)
  const { Client } = require("pg")
  const client = new Client({ connectionString: server })
  await client.connect()
  await client.query(`drop database if exists "${name}" with (force)`)
  await client.end()
  const dbUrl = pg.withDatabase(server, name)
  log(`database ${name}: migrating and seeding the demo data`)
  const demo = await b.seededDatabase(server, name, { env: withoutRedis(process.env), summaryFile: path.join(os.tmpdir(), `${name}-demo.json`) })
  const summaryFile = path.join(os.tmpdir(), `${name}-bench.json`)
  log(`generating the ${scale} data set`)
  const started = Date.now()
  await b.run(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./bench/generate.ts"], {
    // Without REDIS_URL: the generator's bulk writes emit tens of thousands of events, which in
    // Redis mode would wait in the queue and be worked off by the server while it is measured.
    env: { ...withoutRedis(process.env), DATABASE_URL: dbUrl, BENCH_SCALE: scale, BENCH_SUMMARY: summaryFile, MEDUSA_DISABLE_TELEMETRY: "true" },
  })
  const data = JSON.parse(fs.readFileSync(summaryFile, "utf8"))
  return { dbUrl, demo, data, summaryFile, seconds: (Date.now() - started) / 1000 }
}

function percentile(sorted, p) {
  if (!sorted.length) return null
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

/** autocannon against one URL; latencies from every response (autocannon's own table has no p95). */
async function load(url, headers, { duration, connections }) {
  const autocannon = require("autocannon")
  const times = []
  const statuses = {}
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon({ url, headers, duration, connections }, (err, res) => (err ? reject(err) : resolve(res)))
    instance.on("response", (_client, status, _bytes, ms) => {
      times.push(ms)
      statuses[status] = (statuses[status] || 0) + 1
    })
  })
  times.sort((x, y) => x - y)
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100)
  return {
    url: url.replace(/^https?:\/\/[^/]+/, ""),
    requests: times.length,
    rps: round(result.requests.average),
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(percentile(times, 95)),
    p99_ms: round(percentile(times, 99)),
    statuses,
    errors: result.errors + result.timeouts,
  }
}

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null)

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const startedAt = new Date()
  // Other work on the machine changes every figure: the load average before and after is kept with them.
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100)
  if (args.only?.includes("faults")) {
    if (args.only.length > 1) throw usage("--only faults runs on its own cluster: run it without other figures")
    return runFaults(args, startedAt)
  }
  // What a figure needs from the machine is checked before the long part of the run.
  if (!args.seedOnly && wants(args, "p5")) requireChromium()
  if (!args.skipBuild) {
    log("building plugins and the app (medusa build)")
    await b.buildPlugins({ quiet: true })
    await b.buildApp({ quiet: true })
  }
  const seeded = args.reuseDb ? reuseDatabase(args.scale) : await seedDatabase(args.scale)
  log(`data set ready in ${seeded.seconds.toFixed(1)} s: ${JSON.stringify({ ...seeded.data, big_course: undefined, course: undefined, variant_ids: undefined })}`)
  if (args.seedOnly) return

  const port = await pg.freePort()
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"
  const secret = () => crypto.randomBytes(24).toString("hex")
  // Figures measured inside the app (`medusa exec`) need no server: --only p4,p8,p10 starts none.
  const needsServer = !args.only || args.only.some((id) => !IN_APP_FIGURES.includes(id))
  const base = needsServer ? `http://localhost:${port}` : null
  const medusa = needsServer
    ? b.startBuiltMedusa(seeded.dbUrl, {
        port,
        stdio: "pipe",
        env: { ...process.env, REDIS_URL: redisUrl, MEDUSA_DISABLE_TELEMETRY: "true", JWT_SECRET: secret(), COOKIE_SECRET: secret(), LOG_LEVEL: "error" },
      })
    : { child: null, stop: async () => {} }
  let tail = ""
  medusa.child?.stdout.on("data", (d) => (tail = (tail + d).slice(-4000)))
  medusa.child?.stderr.on("data", (d) => (tail = (tail + d).slice(-4000)))
  try {
    if (base) await b.waitForHealth(base, { child: medusa.child, timeoutMs: 120_000 })
    const results = base
      ? await measure(base, seeded, args)
      : await measureEach({ p4: () => measureP4(seeded, args), p8: () => measureP8(seeded, args), p10: () => measureP10(seeded, args) }, args)
    const out = {
      date: startedAt.toISOString(),
      scale: args.scale,
      load: { duration_s: args.duration, connections: args.connections },
      machine: {
        cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`,
        load_average_1_5_15: { start: loadAtStart, end: os.loadavg().map((x) => Math.round(x * 100) / 100) },
      },
      versions: {
        medusa: require("@medusajs/medusa/package.json").version,
        postgres: await pgVersion(seeded.dbUrl),
        redis_url: redisUrl.replace(/\/\/[^@]*@/, "//***@"),
        commit: gitCommit(),
      },
      data: { ...seeded.data, generate_seconds: seeded.seconds },
      ...results,
    }
    const file = args.out || path.join(ROOT, "bench", "results", `${startedAt.toISOString().slice(0, 10)}-${args.scale}.json`)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n")
    log(`results: ${path.relative(ROOT, file)}`)
    printTable(out)
    const failed = FIGURES.filter((id) => out[id]?.status === "failed")
    if (failed.length) {
      // Each failure's stack was logged where it happened; this only names them.
      throw usage(`${failed.join(", ").toUpperCase()} failed (every figure is in ${path.relative(ROOT, file)}): ${failed.map((id) => out[id].error).join("; ")}`)
    }
  } catch (error) {
    process.stderr.write(`--- medusa log tail ---\n${tail}\n`)
    throw error
  } finally {
    await medusa.stop()
  }
}

async function pgVersion(url) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query("show server_version")).rows[0].server_version
  } finally {
    await client.end()
  }
}

function gitCommit() {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: ROOT }).toString().trim()
  } catch {
    return null
  }
}

async function measure(base, seeded, args) {
  const call = async (method, url, { token, key, body } = {}) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { "x-publishable-api-key": key } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const data = await res.json().catch(() => ({}))
    if (res.status >= 400) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(data).slice(0, 300)}`)
    return data
  }
  const big = seeded.data.big_course
  const key = big.publishable_key
  const admin = (await call("POST", "/auth/user/emailpass", { body: seeded.demo.admin })).token
  const customer = async (label, orgKey) => {
    const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@bench.volmify.local`
    const password = "bench-password-1"
    const reg = (await call("POST", "/auth/customer/emailpass/register", { body: { email, password } })).token
    const { customer } = await call("POST", "/store/customers", { token: reg, key: orgKey, body: { email, first_name: "Bench", last_name: "Buyer" } })
    const token = (await call("POST", "/auth/customer/emailpass", { body: { email, password } })).token
    return { id: customer.id, email, token }
  }

  // The reader: a logged-in customer with VIP on the big course (every lesson opens).
  const reader = await customer("reader", key)
  await call("POST", `/admin/customers/${reader.id}/entitlements`, { token: admin, body: { product_id: big.product_id, tier: 3, reason: "benchmark", source_type: "manual" } })
  const { course } = await call("GET", `/store/courses/${big.handle}`, { token: reader.token, key })
  const lessons = course.modules.flatMap((m) => m.sections.flatMap((s) => s.lessons))
  const lesson = lessons.find((l) => !l.locked && l.required_tier === 2) || lessons.find((l) => !l.locked)
  // What a browser or Node's fetch sends; the same headers on both sides of every figure.
  const auth = { authorization: `Bearer ${reader.token}`, "x-publishable-api-key": key, "accept-encoding": "gzip, deflate" }
  const opts = { duration: args.duration, connections: args.connections }

  const p1 = async () => {
    log("P1: gated outline vs GET /store/products?limit=12")
    const p1Ours = await load(`${base}/store/courses/${big.handle}`, auth, opts)
    const p1Base = await load(`${base}/store/products?limit=12`, auth, opts)
    return { target: "p95 ours / baseline <= 0.8", ours: p1Ours, baseline: p1Base, p95_ratio: ratio(p1Ours.p95_ms, p1Base.p95_ms) }
  }
  const p2 = async () => {
    log("P2: lesson gate vs GET /store/regions/:id")
    const p2Ours = await load(`${base}/store/courses/${big.handle}/lessons/${lesson.id}`, auth, opts)
    const p2Base = await load(`${base}/store/regions/${seeded.data.region_id}`, auth, opts)
    return { target: "p50 ours / baseline <= 1.5", ours: p2Ours, baseline: p2Base, p50_ratio: ratio(p2Ours.p50_ms, p2Base.p50_ms) }
  }

  // The big course org's home page for P5: a published sales page of six block types, made once
  // through the admin pages API as the org's owner (a --reuse-db run finds it and leaves it).
  const ensureBenchHomePage = async () => {
    const staff = (await call("POST", "/auth/user/emailpass", { body: big.staff })).token
    const { pages } = await call("GET", "/admin/pages?limit=100", { token: staff })
    let page = pages.find((p) => p.slug === "bench-home")
    if (!page) {
      const blocks = [
        { type: "hero", heading: "Learn the whole craft, one lesson at a time", text: "A complete course with 500 lessons, quizzes and a certificate.", cta: { label: "See the course", href: `/courses/${big.handle}` } },
        { type: "course_grid", heading: "Courses", courses: "all" },
        { type: "pricing_table", heading: "Choose your access", course_id: big.id },
        { type: "rich_text", content: [{ type: "heading", level: 2, children: [{ type: "text", text: "What you will learn" }] }, { type: "paragraph", children: [{ type: "text", text: "Every module builds on the last, with exercises you can finish in an evening." }] }] },
        { type: "testimonials", heading: "Students say", items: [{ quote: "Clear, practical and worth every lesson.", name: "Ada", role: "Student" }, { quote: "I finished it in a month.", name: "Grace" }] },
        { type: "faq", heading: "Questions", items: [{ question: "How long do I keep access?", answer: "For life, on the tier you buy." }, { question: "Is there a certificate?", answer: "Yes, when you complete the course." }] },
      ]
      const seo = { title: "Bench Academy: courses that finish", description: "Courses with quizzes and certificates, from the Bench Academy: learn at your pace, on any device." }
      page = (await call("POST", "/admin/pages", { token: staff, body: { title: "Home", slug: "bench-home", is_home: true, blocks, seo } })).page
    }
    if (page.status !== "published") await call("POST", `/admin/pages/${page.id}/publish`, { token: staff, body: {} })
    return "/"
  }

  // P6: the org-scoped admin gate's cost. The same route on the same data, as the big course
  // org's owner (the gate: actor, allowlist row, `fields` relations, the org's ids as a list
  // filter) and as a platform operator (no gate work). Each side answers its own 20 rows.
  const p6 = async () => {
    log("P6: GET /admin/products and /admin/orders?limit=20 as org staff vs platform operator")
    const staff = (await call("POST", "/auth/user/emailpass", { body: big.staff })).token
    const headers = (token) => ({ authorization: `Bearer ${token}`, "accept-encoding": "gzip, deflate" })
    const route = async (url, key) => {
      const rows = { staff: (await call("GET", url, { token: staff }))[key].length, operator: (await call("GET", url, { token: admin }))[key].length }
      const ours = await load(`${base}${url}`, headers(staff), opts)
      const baseline = await load(`${base}${url}`, headers(admin), opts)
      return { ours, baseline, rows, p95_ratio: ratio(ours.p95_ms, baseline.p95_ms) }
    }
    const products = await route("/admin/products?limit=20", "products")
    const orders = await route("/admin/orders?limit=20", "orders")
    return { target: "p95 org staff / platform operator <= 1.15 on each route", products, orders, p95_ratio: Math.max(products.p95_ratio, orders.p95_ratio) }
  }

  // P9: the analytics dashboard's API (issue 27) as the big course org's owner: the org
  // overview for the last 30 days by day (revenue from the ledger, sales, learning, with the
  // previous period), against Medusa's own GET /admin/orders?limit=20 as the same owner, same data.
  const p9 = async () => {
    log("P9: GET /admin/analytics/overview (the last 30 whole days, by day) vs GET /admin/orders?limit=20, as the org's owner")
    const staff = (await call("POST", "/auth/user/emailpass", { body: big.staff })).token
    const headers = { authorization: `Bearer ${staff}`, "accept-encoding": "gzip, deflate" }
    // What the dashboard sends by default: the last 30 days as whole UTC days, by day.
    const day = (ms) => new Date(ms).toISOString().slice(0, 10)
    // The generator's orders are bulk-made without payments, so nothing posted them: one
    // synthetic posting per USD order of the org first (committed, idempotent), so that the
    // dashboard's revenue reads real postings over HTTP too.
    const posting = await measureP9Volume(seeded, "post")
    const url = `/admin/analytics/overview?from=${day(Date.now() - 29 * 86_400_000)}&to=${day(Date.now())}&interval=day`
    const answer = await call("GET", url, { token: staff })
    const usd = answer.revenue.current.find((r) => r.currency_code === "usd")
    const figures = {
      orders: answer.sales.current.orders + answer.sales.previous.orders,
      currencies: answer.revenue.current.length,
      buckets: answer.revenue.buckets.length,
      usd_gross: usd?.gross ?? "0",
      orders_posted_for_the_run: posting.orders_posted,
    }
    const ours = await load(`${base}${url}`, headers, opts)
    const baseline = await load(`${base}/admin/orders?limit=20`, headers, opts)
    // The second half: the same figures at 10x the org's orders (in one rolled-back transaction).
    const volume = await measureP9Volume(seeded)
    return { target: "p95 dashboard / GET /admin/orders?limit=20 <= 2", ours, baseline, figures, p95_ratio: ratio(ours.p95_ms, baseline.p95_ms), volume }
  }

  // P7: checkout overhead. The storefront's checkout, request by request (cart, line,
  // payment collection, session, complete), for the small course's Premium variant (access
  // plan: order.placed grants access, captures at once, posts the split) and for a plain
  // product of the same org with no access plan, through the same key and middlewares.
  // Flows alternate (which side goes first too), so both sides run under the same load,
  // including the background work a course order leaves behind.
  const p7 = async () => {
    const small = seeded.data.course
    const plainVariant = seeded.data.plain_variant_id
    if (!plainVariant) throw usage("P7 needs the plain product of the data set: seed it again (without --reuse-db)")
    const rounds = args.scale === "tiny" ? 20 : 100
    log(`P7: ${rounds} checkout flows each, course variant vs plain product`)
    const k = small.publishable_key
    const flow = async (variantId) => {
      const email = `p7-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@bench.volmify.local`
      const started = performance.now()
      const { cart } = await call("POST", "/store/carts", { key: k, body: { region_id: seeded.data.region_id, email } })
      await call("POST", `/store/carts/${cart.id}/line-items`, { key: k, body: { variant_id: variantId, quantity: 1 } })
      const { payment_collection } = await call("POST", "/store/payment-collections", { key: k, body: { cart_id: cart.id } })
      await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { key: k, body: { provider_id: "pp_system_default" } })
      const done = await call("POST", `/store/carts/${cart.id}/complete`, { key: k })
      if (done.type !== "order") throw new Error(`checkout did not complete: ${JSON.stringify(done).slice(0, 200)}`)
      return performance.now() - started
    }
    const sides = { course: { variant: seeded.data.variant_ids.Premium, times: [] }, plain: { variant: plainVariant, times: [] } }
    // One unmeasured flow each warms both paths.
    await flow(sides.course.variant)
    await flow(sides.plain.variant)
    for (let i = 0; i < rounds; i++) {
      for (const side of i % 2 ? [sides.plain, sides.course] : [sides.course, sides.plain]) side.times.push(await flow(side.variant))
    }
    const figures = ({ times }) => {
      const sorted = [...times].sort((x, y) => x - y)
      const round = (v) => Math.round(v * 100) / 100
      return { flows: sorted.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), max_ms: round(sorted[sorted.length - 1]) }
    }
    const course = figures(sides.course)
    const plain = figures(sides.plain)
    return { target: "p95 course checkout / plain product checkout <= 1.2", flows: rounds, course, plain, p95_ratio: ratio(course.p95_ms, plain.p95_ms) }
  }

  async function measureP3() {
    log("P3: 10 concurrent checkouts to entitlement")
    const small = seeded.data.course
    const buyers = await Promise.all(Array.from({ length: 10 }, (_, i) => customer(`buyer${i}`, small.publishable_key)))
    const checkout = async (buyer) => {
      const k = small.publishable_key
      const { cart } = await call("POST", "/store/carts", { token: buyer.token, key: k, body: { region_id: seeded.data.region_id, email: buyer.email, items: [{ variant_id: seeded.data.variant_ids.Premium, quantity: 1 }] } })
      const { payment_collection } = await call("POST", "/store/payment-collections", { token: buyer.token, key: k, body: { cart_id: cart.id } })
      await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { token: buyer.token, key: k, body: { provider_id: "pp_system_default" } })
      const done = await call("POST", `/store/carts/${cart.id}/complete`, { token: buyer.token, key: k })
      const completedAt = Date.now()
      if (done.type !== "order") throw new Error(`checkout did not complete: ${JSON.stringify(done).slice(0, 200)}`)
      // How long after /complete the entitlement exists (the target is 2 s; polled up to 30 s).
      let waited = null
      for (let t = 0; t <= 30_000; t += 50) {
        const { entitlements } = await call("GET", "/store/customers/me/entitlements", { token: buyer.token, key: k })
        // A fresh buyer: any entitlement on the product comes from this order.
        if (entitlements.some((e) => e.product_id === small.product_id)) {
          waited = Date.now() - completedAt
          break
        }
        await new Promise((r) => setTimeout(r, 50))
      }
      return { order_id: done.order.id, entitlement_after_ms: waited }
    }
    const checkouts = await Promise.all(buyers.map(checkout))
    const { Client } = require("pg")
    const client = new Client({ connectionString: seeded.dbUrl })
    await client.connect()
    const orderIds = checkouts.map((c) => c.order_id)
    const dup = await client.query(
      `select count(*)::int as n from (select source_id from entitlement where order_id = any($1) and deleted_at is null group by source_id having count(*) > 1) d`,
      [orderIds]
    )
    const granted = await client.query(`select count(*)::int as n from entitlement where order_id = any($1) and deleted_at is null`, [orderIds])
    await client.end()
    const waits = checkouts.map((c) => c.entitlement_after_ms)
    return {
      target: "entitlement within 2 s of /complete; 0 duplicates under 10 concurrent checkouts",
      checkouts: checkouts.length,
      entitlements: granted.rows[0].n,
      duplicates: dup.rows[0].n,
      missing_after_30s: waits.filter((w) => w === null).length,
      later_than_2s: waits.filter((w) => w === null || w > 2000).length,
      max_wait_ms: waits.some((w) => w === null) ? null : Math.max(...waits),
      waits_ms: waits,
    }
  }

  const measures = {
    p1,
    p2,
    p3: measureP3,
    p4: () => measureP4(seeded, args),
    p8: () => measureP8(seeded, args),
    p10: () => measureP10(seeded, args),
    p6,
    p7,
    p9,
    p5: () => measureP5({ medusaUrl: base, data: seeded.data, skipBuild: args.skipBuild, log, runs: args.scale === "tiny" ? 1 : 3, ensureHomePage: ensureBenchHomePage }),
  }
  return measureEach(measures, args)
}

async function measureEach(measures, args) {
  // One figure failing (a browser crash in P5, a checkout refused in P3) is recorded in the
  // JSON as failed with its error, and the run goes on: the others are not lost with it.
  const out = {}
  for (const id of FIGURES) {
    if (!wants(args, id)) {
      out[id] = { status: "skipped", reason: "not in --only" }
      continue
    }
    try {
      out[id] = await measures[id]()
    } catch (error) {
      log(`${id.toUpperCase()} failed: ${error.usage ? error.message : error.stack || error}`)
      out[id] = { status: "failed", error: String(error.message) }
    }
  }
  return out
}

/** P4: bench/backlog.ts inside the app (`medusa exec`), N and 10N orders by scale. */
async function measureP4(seeded, args) {
  const sizes = { tiny: "10,100", full: "1000,10000" }[args.scale]
  log(`P4: attribution + commission postings for backlogs of ${sizes.replace(",", " and ")} orders`)
  const outFile = path.join(os.tmpdir(), `volmify-bench-p4-${process.pid}.json`)
  await b.run(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./bench/backlog.ts"], {
    quiet: true,
    // In-process workflow engine, locks and events (no REDIS_URL): what is timed is the
    // postings themselves, not a queue shared with the server being measured.
    env: { ...withoutRedis(process.env), DATABASE_URL: seeded.dbUrl, BENCH_SUMMARY: seeded.summaryFile, BENCH_BACKLOG_SIZES: sizes, BENCH_BACKLOG_OUT: outFile, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error" },
  })
  const result = JSON.parse(fs.readFileSync(outFile, "utf8"))
  fs.rmSync(outFile, { force: true })
  return result
}

/**
 * P9's second half: bench/analytics-volume.ts inside the app (`medusa exec`): the overview's
 * figures for the big course's org timed at 1x and at 10x its orders, in one transaction
 * that is rolled back (the data set is left as it was, so --reuse-db is safe).
 */
async function measureP9Volume(seeded, mode = "measure") {
  log(mode === "post" ? "P9: synthetic ledger postings for the org's unposted USD orders" : "P9: the overview's figures at 1x and 10x the org's orders (rolled back)")
  const outFile = path.join(os.tmpdir(), `volmify-bench-p9-${process.pid}.json`)
  try {
    await b.run(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./bench/analytics-volume.ts"], {
      quiet: true,
      env: { ...withoutRedis(process.env), DATABASE_URL: seeded.dbUrl, BENCH_SUMMARY: seeded.summaryFile, BENCH_P9_OUT: outFile, BENCH_P9_MODE: mode, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error" },
    })
    return JSON.parse(fs.readFileSync(outFile, "utf8"))
  } finally {
    fs.rmSync(outFile, { force: true })
  }
}

/**
 * P8: N automation emails due at once (tiny 1,000, full 10,000; BENCH_P8_SENDS overrides),
 * drained by two workers side by side (bench/automations.ts inside the app, `medusa exec`)
 * to an SMTP listener here (nodemailer's smtp-server), which counts what arrives per
 * recipient (envelope RCPT TO): every one once.
 */
async function measureP8(seeded, args) {
  const { SMTPServer } = require("smtp-server")
  const sends = Number(process.env.BENCH_P8_SENDS || { tiny: 1000, full: 10000 }[args.scale])
  const received = new Map()
  let messages = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    maxClients: 1000,
    onData(stream, session, callback) {
      stream.on("end", () => {
        messages++
        for (const r of session.envelope.rcptTo) received.set(r.address, (received.get(r.address) || 0) + 1)
        callback()
      })
      stream.resume()
    },
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = server.server.address().port
  log(`P8: ${sends} automation emails due at once, 2 workers, SMTP listener on ${port}`)
  const outFile = path.join(os.tmpdir(), `volmify-bench-p8-${process.pid}.json`)
  try {
    await b.run(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./bench/automations.ts"], {
      quiet: true,
      // In-process workflow engine (no REDIS_URL), like P4: the drain is timed, not a queue shared with the server.
      env: {
        ...withoutRedis(process.env), DATABASE_URL: seeded.dbUrl, SMTP_URL: `smtp://127.0.0.1:${port}/?pool=true&maxConnections=8`, BENCH_P8_SENDS: String(sends),
        BENCH_P8_OUT: outFile, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error",
      },
    })
    const result = JSON.parse(fs.readFileSync(outFile, "utf8"))
    const recipients = result.recipients
    delete result.recipients
    const counts = recipients.map((r) => received.get(r) || 0)
    return {
      status: "measured",
      ...result,
      smtp: {
        messages,
        recipients_received: counts.filter((c) => c > 0).length,
        missing: counts.filter((c) => c === 0).length,
        duplicates: counts.reduce((s, c) => s + Math.max(0, c - 1), 0),
      },
    }
  } finally {
    fs.rmSync(outFile, { force: true })
    await new Promise((resolve) => server.close(resolve))
  }
}

/**
 * P10: N subscriptions due at once (tiny 1,000, full 10,000; BENCH_P10_SUBS overrides),
 * renewed by two workers side by side (bench/renewals.ts inside the app, `medusa exec`),
 * each renewal a real Medusa order through the system payment provider; double charges
 * counted in SQL, and a phase-by-phase profile of single renewals.
 */
async function measureP10(seeded, args) {
  const subs = Number(process.env.BENCH_P10_SUBS || { tiny: 1000, full: 10000 }[args.scale])
  const processes = process.env.BENCH_P10_PROCESSES || "2"
  log(`P10: ${subs} subscriptions due at once, ${processes} drain process(es) of 2 workers`)
  // The drain processes' Redis (locks, workflow engine, event bus): database 13 of the machine's
  // Redis (REDIS_URL's host, else 127.0.0.1:6379), flushed before and after the run.
  const redisUrl = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379")
  redisUrl.pathname = "/13"
  const outFile = path.join(os.tmpdir(), `volmify-bench-p10-${process.pid}.json`)
  try {
    await b.run(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./bench/renewals.ts"], {
      quiet: true,
      // Set-up and checks in-process (no REDIS_URL), like P4 and P8; the drain processes it
      // starts use the Redis database above (bench/renewals-drain.ts).
      env: { ...withoutRedis(process.env), DATABASE_URL: seeded.dbUrl, BENCH_P10_SUBS: String(subs), BENCH_P10_PROCESSES: processes, BENCH_P10_REDIS_URL: process.env.BENCH_P10_REDIS_URL || redisUrl.toString(), BENCH_P10_OUT: outFile, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error" },
    })
    return { status: "measured", ...JSON.parse(fs.readFileSync(outFile, "utf8")) }
  } finally {
    fs.rmSync(outFile, { force: true })
  }
}

/**
 * `--only faults`: the faults suite (integration-tests/faults, issue 25) at the full scale
 * (200 orders per burst, a 10-minute soak; --scale tiny keeps CI's 40 orders and 30 s) on its
 * own PostgreSQL and Redis; its figures go to bench/results/<date>-faults-<scale>.json.
 */
async function runFaults(args, startedAt) {
  const scale = process.argv.includes("--scale") ? args.scale : "full"
  if (!args.skipBuild) {
    log("building plugins and the app (medusa build)")
    await b.buildPlugins({ quiet: true })
    await b.buildApp({ quiet: true })
  }
  const file = args.out || path.join(ROOT, "bench", "results", `${startedAt.toISOString().slice(0, 10)}-faults-${scale}.json`)
  log(`faults suite at scale ${scale}: figures to ${path.relative(ROOT, file)}`)
  const { spawnSync } = require("node:child_process")
  const { status } = spawnSync(path.join(ROOT, "node_modules", ".bin", "jest"), ["--selectProjects", "faults", "--runInBand", "--forceExit"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, FAULTS_SCALE: scale === "full" ? "full" : "ci", FAULTS_RESULTS_OUT: file, NODE_OPTIONS: "--experimental-vm-modules" },
  })
  if (status !== 0) throw usage(`the faults suite failed (exit ${status}); figures so far in ${file}`)
}

const FIGURES = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10"]
/** Measured inside the app with `medusa exec`: no server needed. */
const IN_APP_FIGURES = ["p4", "p8", "p10"]

function printTable(out) {
  const rows = [
    out.p1.ours && ["P1 outline p95", `${out.p1.ours.p95_ms} ms`, `${out.p1.baseline.p95_ms} ms`, out.p1.p95_ratio, "<= 0.8"],
    out.p2.ours && ["P2 lesson gate p50", `${out.p2.ours.p50_ms} ms`, `${out.p2.baseline.p50_ms} ms`, out.p2.p50_ratio, "<= 1.5"],
    out.p3.checkouts && ["P3 checkout -> entitlement", `max ${out.p3.max_wait_ms} ms`, "", `${out.p3.duplicates} dup`, "<= 2000 ms, 0 dup"],
    out.p4.runs && ["P4 backlog postings", `${out.p4.orders_per_second} orders/s`, `x${out.p4.order_ratio} orders`, `x${out.p4.time_ratio} time`, ">= 100/s, <= 11x"],
    out.p5.course_page && ["P5 Lighthouse course page", `perf ${out.p5.course_page.performance}`, `CLS ${out.p5.course_page.cls}`, "", ">= 95, CLS <= 0.05"],
    out.p5.lesson_page && ["P5 Lighthouse lesson page", `perf ${out.p5.lesson_page.performance}`, `CLS ${out.p5.lesson_page.cls}`, "", ">= 95, CLS <= 0.05"],
    out.p5.home_page && ["P5 Lighthouse home sales page", `perf ${out.p5.home_page.performance}`, `SEO ${out.p5.home_page.seo}`, `CLS ${out.p5.home_page.cls}`, ">= 95, SEO >= 95"],
    out.p5.benchmark_index && ["P5 benchmark index", `${out.p5.benchmark_index.min}-${out.p5.benchmark_index.max}`, `calibrated ${out.p5.benchmark_index.calibrated_range.join("-")}`, out.p5.benchmark_index.comparable ? "comparable" : "NOT comparable", ""],
    out.p5.verdict && ["P5 mobile targets, index <= 2400", out.p5.verdict.met ? "met" : "NOT met", `${out.p5.verdict.failing.length} missed`, `${out.p5.verdict.audits_above_ordinary_index} fast-day audits`, "every audit"],
    out.p5.course_page_js && ["P5 course page JS (gzip)", `${out.p5.course_page_js.gzip_kb} KB`, "", out.p5.course_page_js.within_budget ? "within" : "OVER", `<= ${out.p5.course_page_js.budget_kb} KB`],
    out.p6.products && ["P6 admin gate products p95", `${out.p6.products.ours.p95_ms} ms`, `${out.p6.products.baseline.p95_ms} ms`, out.p6.products.p95_ratio, "<= 1.15"],
    out.p7.course && ["P7 checkout course/plain p95", `${out.p7.course.p95_ms} ms`, `${out.p7.plain.p95_ms} ms`, out.p7.p95_ratio, "<= 1.2"],
    out.p8.emails_per_second && ["P8 automation drain", `${out.p8.emails_per_second} emails/s`, `${out.p8.sends} sends`, `${out.p8.smtp.duplicates} dup`, ">= 200/s, 0 dup"],
    out.p9?.ours && ["P9 dashboard API p95", `${out.p9.ours.p95_ms} ms`, `${out.p9.baseline.p95_ms} ms`, out.p9.p95_ratio, "<= 2"],
    out.p9?.volume && ["P9 figures at 10x orders p95", `${out.p9.volume.at_10x.p95_ms} ms`, `${out.p9.volume.at_1x.p95_ms} ms`, out.p9.volume.p95_ratio, "<= 2"],
    out.p10?.renewals_per_second !== undefined && ["P10 renewals drain", `${out.p10.renewals_per_second} renewals/s`, `${out.p10.subscriptions} subs`, `${out.p10.checks.double_charges} double`, ">= 100/s, 0 double"],
    out.p6.orders && ["P6 admin gate orders p95", `${out.p6.orders.ours.p95_ms} ms`, `${out.p6.orders.baseline.p95_ms} ms`, out.p6.orders.p95_ratio, "<= 1.15"],
  ].filter(Boolean)
  for (const r of rows) log(r.map((c) => String(c ?? "-").padEnd(26)).join(""))
}

main().catch((error) => {
  process.stderr.write(`[bench] ${error.usage ? error.message : error.stack || error}\n`)
  process.exit(1)
})
