import { spawnSync } from "node:child_process"
import path from "node:path"

// The real `medusa start` refuses to boot in production without proper secrets and names
// the variable; it loads medusa-config.ts first, so no build or database is needed.
jest.setTimeout(120_000)

const ROOT = path.resolve(__dirname, "../..")

function medusaStart(extra: NodeJS.ProcessEnv) {
  const env: NodeJS.ProcessEnv = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", ...extra }
  for (const k of ["JWT_SECRET", "COOKIE_SECRET"]) if (!(k in extra)) delete env[k]
  const res = spawnSync(path.join(ROOT, "node_modules/.bin/medusa"), ["start"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 90_000,
  })
  return { status: res.status, output: `${res.stdout}${res.stderr}` }
}

describe("production guard on `medusa start`", () => {
  it("refuses to start without JWT_SECRET and COOKIE_SECRET", () => {
    const res = medusaStart({ NODE_ENV: "production" })
    expect(res.status).not.toBe(0)
    expect(res.output).toMatch(/JWT_SECRET is not set/)
    expect(res.output).toMatch(/COOKIE_SECRET is not set/)
  })

  it("refuses the well-known default supersecret", () => {
    const res = medusaStart({
      NODE_ENV: "production",
      JWT_SECRET: "supersecret",
      COOKIE_SECRET: "0f9e8d7c6b5a49382716a5b4c3d2e1f0",
    })
    expect(res.status).not.toBe(0)
    expect(res.output).toMatch(/JWT_SECRET is a well-known default/)
    expect(res.output).not.toMatch(/COOKIE_SECRET is/)
  })

  it("refuses the default secret outside production too when it listens beyond loopback", () => {
    const res = medusaStart({
      NODE_ENV: "development",
      HOST: "0.0.0.0",
      JWT_SECRET: "supersecret",
      COOKIE_SECRET: "0f9e8d7c6b5a49382716a5b4c3d2e1f0",
    })
    expect(res.status).not.toBe(0)
    expect(res.output).toMatch(/Refusing to listen on "0\.0\.0\.0" with unsafe secrets: JWT_SECRET is a well-known default/)
    // HOST unset is every interface: refused as well, naming both missing secrets.
    const open = medusaStart({ NODE_ENV: "development", HOST: "" })
    expect(open.status).not.toBe(0)
    expect(open.output).toMatch(/every interface \(HOST is unset\).*JWT_SECRET is not set; COOKIE_SECRET is not set/)
  })

  it("refuses a malformed VOLMIFY_TRUSTED_PROXIES at start, naming the entry", () => {
    const res = medusaStart({
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      VOLMIFY_TRUSTED_PROXIES: "10.0.0.0/8,proxy.internal",
    })
    expect(res.status).not.toBe(0)
    expect(res.output).toMatch(/VOLMIFY_TRUSTED_PROXIES: "proxy\.internal" is not an IP address or CIDR range/)
  })
})
