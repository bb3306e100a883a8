import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { parse } from "yaml"

// No Docker engine runs here: the compose file is checked by parsing it (with the compose
// client when one is installed; CI installs Debian's docker-compose) and by its shape.
const ROOT = path.resolve(__dirname, "../..")
const composeText = fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8")
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8")
const envSection = readme.slice(readme.indexOf("## Environment variables"))

function composeClient(): string[] | null {
  for (const cmd of [["docker", "compose"], ["docker-compose"]]) {
    const res = spawnSync(cmd[0], [...cmd.slice(1), "version"], { encoding: "utf8" })
    if (res.status === 0) return cmd
  }
  return null
}

describe("docker-compose.yml", () => {
  const compose = parse(composeText, { merge: true })

  it("parses with the compose client", () => {
    const client = composeClient()
    if (!client && !process.env.CI) {
      // Outside CI a developer may lack the client; the YAML checks below still run.
      return
    }
    expect(client).not.toBeNull()
    const res = spawnSync(client![0], [...client!.slice(1), "-f", "docker-compose.yml", "config", "-q"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, JWT_SECRET: "compose-check-jwt-secret-0001", COOKIE_SECRET: "compose-check-cookie-secret-01" },
    })
    expect(res.stderr).toBe("")
    expect(res.status).toBe(0)
  })

  it("refuses to render without the production secrets", () => {
    const client = composeClient()
    if (!client && !process.env.CI) return
    const env = { ...process.env }
    delete env.JWT_SECRET
    delete env.COOKIE_SECRET
    const res = spawnSync(client![0], [...client!.slice(1), "config", "-q"], { cwd: ROOT, encoding: "utf8", env })
    expect(res.status).not.toBe(0)
    expect(res.stderr).toMatch(/JWT_SECRET/)
  })

  it("has postgres, redis, a server, a worker and a storefront per demo org, each with a healthcheck", () => {
    const services = compose.services
    expect(Object.keys(services).sort()).toEqual(
      ["medusa-server", "medusa-worker", "postgres", "redis", "storefront-acme-academy", "storefront-yoga-with-mia"].sort()
    )
    for (const [name, service] of Object.entries<any>(services)) {
      expect([name, service.healthcheck?.test]).toEqual([name, expect.any(Array)])
    }
    expect(services["medusa-server"].environment.MEDUSA_WORKER_MODE).toBe("server")
    expect(services["medusa-worker"].environment.MEDUSA_WORKER_MODE).toBe("worker")
    expect(services["medusa-server"].environment.REDIS_URL).toBe("redis://redis:6379")
    expect(services.postgres.volumes[0]).toMatch(/^postgres-data:/)
    expect(services.redis.volumes[0]).toMatch(/^redis-data:/)
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["postgres-data", "redis-data"]))
    expect(fs.existsSync(path.join(ROOT, "Dockerfile"))).toBe(true)
    expect(fs.existsSync(path.join(ROOT, services["storefront-acme-academy"].build.dockerfile))).toBe(true)
  })

  it("documents every variable it uses in the README", () => {
    const code = composeText
      .split("\n")
      .filter((line) => !line.trimStart().startsWith("#"))
      .join("\n")
    const used = new Set([...code.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]))
    expect(used.size).toBeGreaterThan(5)
    const missing = [...used].filter((v) => !envSection.includes(`\`${v}\``))
    expect(missing).toEqual([])
  })
})

describe("README", () => {
  it("documents every environment variable the app and its scripts read", () => {
    const sources = [
      "medusa-config.ts",
      "src/config/production-guard.ts",
      "src/scripts/dev.js",
      "src/scripts/install-storefront.js",
      "src/scripts/test.js",
      "src/scripts/lib/bootstrap.js",
      "src/scripts/demo-catalog.ts",
      "src/scripts/seed.ts",
    ]
    // And every plugin's, the storefront's and the benchmark's own code (tests excluded).
    const walk = (dir: string): string[] =>
      fs.existsSync(path.join(ROOT, dir))
        ? fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
            const rel = path.join(dir, e.name)
            if (e.isDirectory()) return ["node_modules", ".medusa", ".next", "__tests__"].includes(e.name) ? [] : walk(rel)
            return /\.(ts|tsx|js|mjs)$/.test(e.name) && !/\.spec\.|\.test\./.test(e.name) ? [rel] : []
          })
        : []
    sources.push(...fs.readdirSync(path.join(ROOT, "plugins")).flatMap((p) => walk(path.join("plugins", p, "src"))), ...walk("storefront/src"), ...walk("bench"))
    const read = new Set<string>()
    for (const file of sources) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8")
      for (const m of text.matchAll(/(?:process\.)?env(?:\??\.)([A-Z][A-Z0-9_]+)/g)) read.add(m[1])
      for (const m of text.matchAll(/"(JWT_SECRET|COOKIE_SECRET)"/g)) read.add(m[1])
    }
    expect(read.has("DATABASE_URL")).toBe(true)
    const missing = [...read].filter((v) => !v.endsWith("_") && !envSection.includes(`\`${v}\``))
    expect(missing).toEqual([])
  })

  it("gives the two set-up commands", () => {
    expect(readme).toContain("npm install && npm run dev")
    expect(readme).toContain("npm install && npm test")
  })
})
