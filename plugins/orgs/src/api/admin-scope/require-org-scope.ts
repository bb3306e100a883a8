import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { EMPLOYEE_ROLES, type EmployeeRole } from "../../rules/roles"
import { type OrgScope, resolveAdminActor } from "../utils/admin-actor"

/**
 * The name the claim middleware carries. Medusa's `wrapHandler` keeps a middleware's
 * function name, so the gate finds the routes that attach `requireOrgScope` by it in the
 * app's route table (see `isClaimedAdminRoute`).
 */
export const ORG_SCOPE_CLAIM = "volmifyRequireOrgScope"

/** A request that passed `requireOrgScope`: null for platform operators, the staff's org scope otherwise. */
export type OrgScopedRequest = MedusaRequest & { orgScope?: OrgScope | null }

export type OrgScopeMiddleware = ((req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => Promise<void>) & {
  readonly roles: readonly EmployeeRole[]
}

/**
 * The admin gate for a plugin's own admin routes: attach it first in the route's
 * `middlewares` (in the plugin's `api/middlewares.ts`). Attaching it is what claims the
 * route: the global org-scope gate lets org staff through to a route only when the
 * route carries this middleware (or is a core route of its allowlist); every other
 * admin route stays platform-operator only.
 *
 * - platform operators pass (`req.orgScope = null`);
 * - admin users of no org: 403;
 * - staff without one of `roles`: 403 naming the roles;
 * - staff of a suspended org: GET only;
 * - otherwise `req.orgScope` is the staff's org scope. The route still checks that the
 *   ids it is given belong to that org (`assertProductInScope`, ...).
 */
export function requireOrgScope(roles: readonly EmployeeRole[] = EMPLOYEE_ROLES): OrgScopeMiddleware {
  if (!roles.length) {
    throw new Error("requireOrgScope needs at least one role")
  }
  const middleware = async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      const actor = await resolveAdminActor(req)
      if (actor.kind === "platform") {
        ;(req as OrgScopedRequest).orgScope = null
        return next()
      }
      if (actor.kind === "none") {
        throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only platform operators and org staff can use this route")
      }
      const { scope } = actor
      if (!roles.includes(scope.role)) {
        throw new MedusaError(
          MedusaError.Types.FORBIDDEN,
          `This needs one of the roles ${roles.join(", ")} in ${scope.handle}; you are ${scope.role}`
        )
      }
      if (scope.status !== "active" && req.method !== "GET" && req.method !== "HEAD") {
        throw new MedusaError(MedusaError.Types.FORBIDDEN, `The org "${scope.handle}" is suspended: read-only`)
      }
      ;(req as OrgScopedRequest).orgScope = scope
      next()
    } catch (e) {
      next(e)
    }
  }
  Object.defineProperty(middleware, "name", { value: ORG_SCOPE_CLAIM })
  Object.defineProperty(middleware, "roles", { value: [...roles], enumerable: true })
  return middleware as OrgScopeMiddleware
}

/** The route table entries of Express 4 that we read (`app._router.stack`). */
type RouteLayer = {
  regexp?: RegExp
  route?: { methods: Record<string, boolean>; stack: { name?: string; handle?: { name?: string } }[] }
}
type Claim = { regexp: RegExp; methods: Set<string> | "all" }
type AppWithRouter = { _router?: { stack?: RouteLayer[] } }

let cached: { size: number; claims: Claim[] } | undefined

/** The routes that attach `requireOrgScope`, read from the app's route table (cached until it changes). */
export function claimedAdminRoutes(app: unknown): Claim[] {
  const stack = (app as AppWithRouter | undefined)?._router?.stack ?? []
  if (cached && cached.size === stack.length) {
    return cached.claims
  }
  const claims: Claim[] = []
  for (const layer of stack) {
    const route = layer.route
    if (!route || !layer.regexp) continue
    const claimed = route.stack.some((l) => (l.name ?? l.handle?.name) === ORG_SCOPE_CLAIM)
    if (!claimed) continue
    claims.push({
      regexp: layer.regexp,
      methods: route.methods._all ? "all" : new Set(Object.keys(route.methods).map((m) => m.toUpperCase())),
    })
  }
  cached = { size: stack.length, claims }
  return claims
}

/**
 * Whether `method path` reaches a route that attaches `requireOrgScope`. Fails closed:
 * a route table it cannot read claims nothing, so staff stay denied.
 */
export function isClaimedAdminRoute(app: unknown, method: string, path: string): boolean {
  const m = method === "HEAD" ? "GET" : method
  return claimedAdminRoutes(app).some(
    (c) => (c.methods === "all" || c.methods.has(m)) && c.regexp.test(path)
  )
}
