import express from "express"
import { join } from "path"
import { defineMiddlewares, type MiddlewareFunction, type MiddlewaresConfig } from "@medusajs/framework/http"
import { claimOrgScopedRoutes, isClaimedAdminRoute, requireOrgScope } from "./require-org-scope"
import { CATALOG_ROLES, EMPLOYEE_ROLES } from "../../rules/roles"

// Medusa's own wrapHandler (not in the package's exports; loaded by file path), which the
// API loader puts around every route middleware.
const { wrapHandler } = require(join(require.resolve("@medusajs/framework/http"), "../utils/wrap-handler")) as {
  wrapHandler<T extends (...args: never[]) => unknown>(fn: T): express.RequestHandler
}

/** What a tracing wrapper (Medusa's OpenTelemetry `traceMiddleware`) does: a new function, its own name, none of the properties. */
const trace = (fn: express.RequestHandler): express.RequestHandler => {
  const traced: express.RequestHandler = (req, res, next) => fn(req, res, next)
  Object.defineProperty(traced, "name", { value: "tracedMiddleware" })
  return traced
}

/** Registers a middlewares config the way Medusa's API loader does: one route layer per middleware and method. */
function register(app: express.Express, config: MiddlewaresConfig, wrap: (fn: express.RequestHandler) => express.RequestHandler) {
  for (const route of config.routes ?? []) {
    for (const method of route.methods ?? []) {
      for (const mw of route.middlewares ?? []) {
        const verb = method.toLowerCase() as "get" | "post" | "delete"
        app[verb](route.matcher as string, wrap(wrapHandler(mw as MiddlewareFunction as express.RequestHandler)))
      }
    }
  }
}

const handler = ((_req: unknown, _res: unknown, next: () => void) => next()) as MiddlewareFunction

// The gate finds claimed routes in the app's route table by the matchers and methods the
// plugin's config claimed; anything not claimed stays denied.
describe.each([
  ["as Medusa registers them", (fn: express.RequestHandler) => fn],
  ["behind a tracing wrapper that drops names and properties", trace],
])("isClaimedAdminRoute, middlewares %s", (label, wrap) => {
  const base = label.startsWith("as") ? "/admin/plain" : "/admin/traced"
  const app = express()
  register(
    app,
    claimOrgScopedRoutes(
      defineMiddlewares({
        routes: [
          { matcher: `${base}/:id`, methods: ["POST"], middlewares: [requireOrgScope(CATALOG_ROLES), handler] },
          { matcher: `${base}/:id`, methods: ["GET"], middlewares: [requireOrgScope()] },
          { matcher: `${base}/:id`, methods: ["DELETE"], middlewares: [handler] }, // nobody claims DELETE
          { matcher: `${base}-other`, methods: ["GET"], middlewares: [function unrelated(_req, _res, next) { next() }] },
        ],
      })
    ),
    wrap
  )
  // A config with requireOrgScope that was not passed through claimOrgScopedRoutes claims nothing.
  register(
    app,
    defineMiddlewares({ routes: [{ matcher: `${base}-unclaimed`, methods: ["GET"], middlewares: [requireOrgScope()] }] }),
    wrap
  )

  it("claims exactly the method and path a plugin attached requireOrgScope to", () => {
    expect(isClaimedAdminRoute(app, "POST", `${base}/t_1`)).toBe(true)
    expect(isClaimedAdminRoute(app, "GET", `${base}/t_1`)).toBe(true)
    expect(isClaimedAdminRoute(app, "HEAD", `${base}/t_1`)).toBe(true)
    expect(isClaimedAdminRoute(app, "DELETE", `${base}/t_1`)).toBe(false)
    expect(isClaimedAdminRoute(app, "GET", `${base}/t_1/more`)).toBe(false)
    expect(isClaimedAdminRoute(app, "GET", base)).toBe(false)
    expect(isClaimedAdminRoute(app, "GET", `${base}-other`)).toBe(false)
    expect(isClaimedAdminRoute(app, "GET", `${base}-unclaimed`)).toBe(false)
  })

  it("sees routes added later (the table is re-read when it or the claims grow)", () => {
    expect(isClaimedAdminRoute(app, "GET", `${base}-late`)).toBe(false)
    register(
      app,
      claimOrgScopedRoutes(defineMiddlewares({ routes: [{ matcher: `${base}-late`, methods: ["GET"], middlewares: [requireOrgScope(["owner"])] }] })),
      wrap
    )
    expect(isClaimedAdminRoute(app, "GET", `${base}-late`)).toBe(true)
  })
})

describe("isClaimedAdminRoute without a route table", () => {
  it("fails closed", () => {
    expect(isClaimedAdminRoute(undefined, "GET", "/admin/plain/t_1")).toBe(false)
    expect(isClaimedAdminRoute({}, "GET", "/admin/plain/t_1")).toBe(false)
  })
})

describe("claimOrgScopedRoutes", () => {
  it("refuses a claim without methods (it would be a prefix middleware for every method)", () => {
    expect(() =>
      claimOrgScopedRoutes(defineMiddlewares({ routes: [{ matcher: "/admin/no-methods", middlewares: [requireOrgScope()] }] }))
    ).toThrow('requireOrgScope on "/admin/no-methods" needs the route\'s methods')
  })
})

describe("requireOrgScope", () => {
  it("carries its roles, defaults to every role and refuses an empty set", () => {
    expect(requireOrgScope(CATALOG_ROLES).roles).toEqual(CATALOG_ROLES)
    expect(requireOrgScope().roles).toEqual(EMPLOYEE_ROLES)
    expect(() => requireOrgScope([])).toThrow("at least one role")
  })
})
