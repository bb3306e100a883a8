import { spawnSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { ADMIN_RESPONSES } from "./admin-responses"
import { openApiDocument, responseOf } from "./document"
import { OPERATIONS } from "./operations"

/**
 * The OpenAPI documents against the code: every route file's handlers are documented (and
 * nothing else), each with the validator its middlewares.ts gives it, and both documents
 * validate as OpenAPI 3.1 (@seriousme/openapi-schema-validator).
 */
const ROOT = path.resolve(__dirname, "../..")
const PLUGINS = ["orgs", "access", "courses", "attribution", "affiliates", "analytics", "pages"]

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, found)
    else if (entry.name === "route.ts") found.push(full)
  }
  return found
}

/** "METHOD /path/{param}" of every exported handler in plugins/<p>/src/api/**\/route.ts. */
function routesInCode(): Map<string, string> {
  const out = new Map<string, string>()
  for (const plugin of PLUGINS) {
    const base = path.join(ROOT, "plugins", plugin, "src", "api")
    for (const file of walk(base)) {
      const route = path.dirname(file).slice(base.length).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}")
      const source = fs.readFileSync(file, "utf8")
      for (const m of source.matchAll(/export (?:async function|const|function) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) {
        out.set(`${m[1]} ${route}`, plugin)
      }
    }
  }
  return out
}

/** The validators middlewares.ts puts on each "METHOD /path", by exported name. */
function validatorsInMiddlewares(): Map<string, { plugin: string; body?: string; query?: string }> {
  const out = new Map<string, { plugin: string; body?: string; query?: string }>()
  for (const plugin of PLUGINS) {
    const source = fs.readFileSync(path.join(ROOT, "plugins", plugin, "src", "api", "middlewares.ts"), "utf8")
    const constants = Object.fromEntries([...source.matchAll(/const (\w+) = "([^"]+)"/g)].map((m) => [m[1], m[2]]))
    for (const chunk of source.split(/matcher:\s*/).slice(1)) {
      const m = chunk.match(/^(?:"([^"]+)"|`([^`]+)`|(\w+))/)!
      const matcher = (m[1] ?? m[2]?.replace(/\$\{(\w+)\}/g, (_, c) => constants[c]) ?? constants[m[3]]) as string
      const entry = chunk.split(/\n\s*\}|\}\s*,\s*\n/)[0]
      const methods = [...(entry.match(/methods:\s*\[([^\]]*)\]/)?.[1] ?? "").matchAll(/"(\w+)"/g)].map((x) => x[1])
      const body = entry.match(/validateAndTransformBody\((\w+)/)?.[1]
      const query = entry.match(/validateAndTransformQuery\((\w+)/)?.[1]
      if (!body && !query) continue
      for (const method of methods) {
        const key = `${method} ${matcher.replace(/:(\w+)/g, "{$1}")}`
        out.set(key, { plugin, ...out.get(key), ...(body ? { body } : {}), ...(query ? { query } : {}) })
      }
    }
  }
  return out
}

const documented = new Map(OPERATIONS.map((op) => [`${op.method} ${op.path}`, op]))

describe("OpenAPI route inventory", () => {
  it("documents every handler of every plugin route file, and nothing that is not one", () => {
    const code = routesInCode()
    expect(code.size).toBeGreaterThan(100)
    expect([...code.keys()].filter((k) => !documented.has(k)).sort()).toEqual([])
    expect([...documented.keys()].filter((k) => !code.has(k)).sort()).toEqual([])
    for (const [key, plugin] of code) expect(`${key} ${documented.get(key)!.plugin}`).toBe(`${key} ${plugin}`)
    expect(documented.size).toBe(OPERATIONS.length)
  })

  it("names the same query and body validators as the routes' middlewares", () => {
    const used = validatorsInMiddlewares()
    expect(used.size).toBeGreaterThan(50)
    for (const [key, v] of used) {
      const op = documented.get(key)
      // Middlewares may match a route file's path with a wildcard; those name no validator.
      expect({ key, body: op?.body, query: op?.query }).toEqual({ key, body: v.body, query: v.query })
    }
    for (const op of OPERATIONS) {
      const key = `${op.method} ${op.path}`
      const u = used.get(key)
      if (op.body || op.query) expect({ key, body: u?.body, query: u?.query }).toEqual({ key, body: op.body, query: op.query })
    }
  })

  it("builds store and admin documents that validate as OpenAPI 3.1", async () => {
    // The validator is an ES module: it runs in its own node process (src/scripts/validate-openapi.mjs).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volmify-openapi-"))
    const files = (["store", "admin"] as const).map((audience) => {
      const file = path.join(dir, `${audience}.json`)
      fs.writeFileSync(file, JSON.stringify(openApiDocument(audience)))
      return file
    })
    const run = spawnSync(process.execPath, [path.join(ROOT, "src/scripts/validate-openapi.mjs"), ...files], { encoding: "utf8" })
    const results = run.stdout.trim().split("\n").map((line) => JSON.parse(line))
    expect(results).toEqual(files.map((file) => ({ file, valid: true, version: "3.1", errors: null })))
    expect(run.status).toBe(0)
    // And it can fail: a document with a broken reference and a bad security entry is refused.
    const broken = JSON.parse(JSON.stringify(openApiDocument("store")))
    broken.paths["/store/courses"].get.responses = { "200": { content: {} } }
    fs.writeFileSync(files[0], JSON.stringify(broken))
    const bad = spawnSync(process.execPath, [path.join(ROOT, "src/scripts/validate-openapi.mjs"), files[0]], { encoding: "utf8" })
    expect(bad.status).toBe(1)
    expect(JSON.parse(bad.stdout).valid).toBe(false)
    const store = openApiDocument("store")
    const admin = openApiDocument("admin")
    const count = (d: any) => Object.values<any>(d.paths).reduce((n, p) => n + Object.keys(p).length, 0)
    expect(count(store) + count(admin)).toBe(OPERATIONS.length)
    const ids = [store, admin].flatMap((d) => Object.values<any>(d.paths).flatMap((p) => Object.values<any>(p).map((o) => o.operationId)))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("gives every JSON answer of the admin routes a response schema", () => {
    const admin = OPERATIONS.filter((op) => op.path.startsWith("/admin/"))
    expect(admin.filter((op) => !op.produces && !responseOf(op)).map((op) => `${op.method} ${op.path}`)).toEqual([])
    // No entry for a route that does not exist (or answers a file).
    const json = new Set(admin.filter((op) => !op.produces).map((op) => `${op.method} ${op.path}`))
    expect(Object.keys(ADMIN_RESPONSES).filter((k) => !json.has(k))).toEqual([])
    const doc = openApiDocument("admin")
    expect(doc.paths["/admin/courses"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/AdminCourseListResponse" })
    expect(doc.components.schemas.AdminCourseListResponse).toMatchObject({ type: "object", required: expect.arrayContaining(["courses", "count", "limit", "offset"]) })
  })

  it("describes the lesson gate's refusals and the auth schemes", () => {
    const store = openApiDocument("store")
    const lesson = store.paths["/store/courses/{id_or_handle}/lessons/{placement_id}"].get
    expect(lesson.responses["403"].content["application/json"].schema.anyOf).toEqual(
      expect.arrayContaining([{ $ref: "#/components/schemas/TierRequiredError" }, { $ref: "#/components/schemas/DripLockedError" }])
    )
    expect(store.components.schemas.TierRequiredError.properties.code).toEqual({ type: "string", const: "tier_required" })
    expect(store.components.schemas.DripLockedError.properties.code).toEqual({ type: "string", const: "drip_locked" })
    expect(store.components.securitySchemes.publishableKey).toMatchObject({ type: "apiKey", in: "header", name: "x-publishable-api-key" })
    expect(store.components.securitySchemes.customerBearer).toMatchObject({ type: "http", scheme: "bearer" })
    // The request body is the route's own zod validator: its limits and messages' rules show.
    const progress = store.paths["/store/courses/{id_or_handle}/lessons/{placement_id}/progress"].post
    expect(progress.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      properties: { status: { enum: ["in_progress", "completed"] } },
      required: ["status"],
      additionalProperties: false,
    })
    const courses = store.paths["/store/courses"].get
    expect(courses.parameters.map((p: any) => p.name)).toEqual(["limit", "offset", "locale"])
    expect(courses.security).toEqual(expect.arrayContaining([{ publishableKey: [] }]))
    const admin = openApiDocument("admin")
    expect(admin.paths["/admin/courses"].post.security).toEqual([{ adminBearer: [] }, { adminSession: [] }])
    expect(admin.paths["/admin/org-invitations/lookup"].get.security).toEqual([])
  })
})
