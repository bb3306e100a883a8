import fs from "node:fs"
import os from "node:os"
import path from "node:path"

// `npm run dev` must never sign with a well-known secret: the first run makes random ones
// in the data folder (readable by the owner only), later runs reuse them.
const { applyDevSecrets, loadOrCreateDevSecrets, SECRET_NAMES } = require("../secrets")

describe("development secrets", () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-secrets-"))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it("makes random 64-hex-character secrets on a fresh data folder, mode 0600", () => {
    const first = loadOrCreateDevSecrets(path.join(dir, ".data"))
    expect(first.created).toBe(true)
    for (const name of SECRET_NAMES) expect(first.secrets[name]).toMatch(/^[0-9a-f]{64}$/)
    expect(first.secrets.JWT_SECRET).not.toBe(first.secrets.COOKIE_SECRET)
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600)
    const other = loadOrCreateDevSecrets(path.join(dir, "another"))
    expect(other.secrets.JWT_SECRET).not.toBe(first.secrets.JWT_SECRET)
  })

  it("reuses the stored secrets on the next run and tightens a loosened file mode", () => {
    const first = loadOrCreateDevSecrets(dir)
    fs.chmodSync(first.file, 0o644)
    const second = loadOrCreateDevSecrets(dir)
    expect(second.created).toBe(false)
    expect(second.secrets).toEqual(first.secrets)
    expect(fs.statSync(second.file).mode & 0o777).toBe(0o600)
  })

  it("sets only what the shell left unset, and replaces a stored value too short to keep", () => {
    fs.writeFileSync(path.join(dir, "secrets.json"), JSON.stringify({ JWT_SECRET: "short", COOKIE_SECRET: "c".repeat(64) }))
    const env: Record<string, string | undefined> = { JWT_SECRET: "from-the-shell-0123456789abcdef" }
    const { applied, created } = applyDevSecrets(dir, env)
    expect(applied).toEqual(["COOKIE_SECRET"])
    expect(created).toBe(true)
    expect(env.JWT_SECRET).toBe("from-the-shell-0123456789abcdef")
    expect(env.COOKIE_SECRET).toBe("c".repeat(64))
    const stored = JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8"))
    expect(stored.JWT_SECRET).toMatch(/^[0-9a-f]{64}$/)
  })

  it("refuses a corrupt secrets file instead of silently making new ones", () => {
    fs.writeFileSync(path.join(dir, "secrets.json"), "{not json")
    expect(() => loadOrCreateDevSecrets(dir)).toThrow(/not valid JSON/)
  })
})
