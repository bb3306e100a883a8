// Development secrets for `npm run dev`: random JWT_SECRET and COOKIE_SECRET made on the
// first run, kept in the data folder (file mode 0600) and reused on every later run, so a
// fresh clone never signs tokens with a well-known value and sessions survive restarts.
const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")

const SECRET_NAMES = ["JWT_SECRET", "COOKIE_SECRET"]
const SECRETS_FILE = "secrets.json"

/** 32 random bytes, hex: what `openssl rand -hex 32` gives. */
const randomSecret = () => crypto.randomBytes(32).toString("hex")

/**
 * The development secrets kept in `dir` (created with random values when absent or
 * incomplete). Returns `{ secrets, file, created }`; the file is left (or made) mode 0600.
 */
function loadOrCreateDevSecrets(dir) {
  const file = path.join(dir, SECRETS_FILE)
  let stored = {}
  if (fs.existsSync(file)) {
    try {
      stored = JSON.parse(fs.readFileSync(file, "utf8"))
    } catch (error) {
      throw new Error(`${file} is not valid JSON (${error.message}); delete it to make new secrets`)
    }
  }
  const secrets = {}
  let created = false
  for (const name of SECRET_NAMES) {
    const value = typeof stored[name] === "string" ? stored[name].trim() : ""
    if (value.length >= 32) {
      secrets[name] = value
    } else {
      secrets[name] = randomSecret()
      created = true
    }
  }
  if (created) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    // Write beside, then rename: a crash mid-write never leaves a half file to "reuse".
    const tmp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 })
    fs.renameSync(tmp, file)
  }
  // A copy restored from a backup or made by hand may be world-readable.
  fs.chmodSync(file, 0o600)
  return { secrets, file, created }
}

/**
 * Sets each secret in `env` that the shell or `.env` did not set, from `dir`. Returns the
 * names taken from the file and whether it was just created.
 */
function applyDevSecrets(dir, env = process.env) {
  const { secrets, file, created } = loadOrCreateDevSecrets(dir)
  const applied = []
  for (const name of SECRET_NAMES) {
    if (!env[name]) {
      env[name] = secrets[name]
      applied.push(name)
    }
  }
  return { applied, file, created }
}

module.exports = { SECRET_NAMES, SECRETS_FILE, applyDevSecrets, loadOrCreateDevSecrets }
