import express from "express"
import { join } from "path"
import { isClaimedAdminRoute, requireOrgScope } from "./require-org-scope"
import { CATALOG_ROLES, EMPLOYEE_ROLES } from "../../rules/roles"

// Medusa's own wrapHandler (not in the package's exports; loaded by file path), which the
// API loader puts around every route middleware.
const { wrapHandler } = require(join(require.resolve("@medusajs/framework/http"), "../utils/wrap-handler")) as {
  wrapHandler<T extends (...args: any[]) => unknown>(fn: T): express.RequestHandler
}

// The gate finds claimed routes in the app's route table, as Medusa registers them
// (app[method](matcher, wrapHandler(middleware))); anything not claimed stays denied.
describe("isClaimedAdminRoute", () => {
  const handler = (_req: unknown, res: express.Response) => void res.json({})
  const app = express()
  app.post("/admin/things/:id", wrapHandler(requireOrgScope(CATALOG_ROLES)))
  app.get("/admin/things/:id", wrapHandler(requireOrgScope()))
  app.post("/admin/things/:id", wrapHandler(handler))
  app.get("/admin/things/:id", wrapHandler(handler))
  app.delete("/admin/things/:id", wrapHandler(handler)) // a route whose DELETE nobody claims
  app.get("/admin/other", wrapHandler(function unrelated(_req, _res, next) { next() }))
  app.get("/admin/other", wrapHandler(handler))

  it("claims exactly the method and path a plugin attached requireOrgScope to", () => {
    expect(isClaimedAdminRoute(app, "POST", "/admin/things/t_1")).toBe(true)
    expect(isClaimedAdminRoute(app, "GET", "/admin/things/t_1")).toBe(true)
    expect(isClaimedAdminRoute(app, "HEAD", "/admin/things/t_1")).toBe(true)
    expect(isClaimedAdminRoute(app, "DELETE", "/admin/things/t_1")).toBe(false)
    expect(isClaimedAdminRoute(app, "GET", "/admin/things/t_1/more")).toBe(false)
    expect(isClaimedAdminRoute(app, "GET", "/admin/things")).toBe(false)
    expect(isClaimedAdminRoute(app, "GET", "/admin/other")).toBe(false)
  })

  it("fails closed when it cannot read a route table", () => {
    expect(isClaimedAdminRoute(undefined, "GET", "/admin/things/t_1")).toBe(false)
    expect(isClaimedAdminRoute({}, "GET", "/admin/things/t_1")).toBe(false)
  })

  it("sees routes added later (the table is re-read when it grows)", () => {
    expect(isClaimedAdminRoute(app, "GET", "/admin/late")).toBe(false)
    app.get("/admin/late", wrapHandler(requireOrgScope(["owner"])))
    expect(isClaimedAdminRoute(app, "GET", "/admin/late")).toBe(true)
  })
})

describe("requireOrgScope", () => {
  it("carries its roles, defaults to every role and refuses an empty set", () => {
    expect(requireOrgScope(CATALOG_ROLES).roles).toEqual(CATALOG_ROLES)
    expect(requireOrgScope().roles).toEqual(EMPLOYEE_ROLES)
    expect(() => requireOrgScope([])).toThrow("at least one role")
  })
})
