import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewaresConfig } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { EMPLOYEE_ROLES, type EmployeeRole } from "../../rules/roles"
import { type OrgScope, resolveAdminActor } from "../utils/admin-actor"

/**
 * The name the claim middleware carries (for stack traces and logs). The gate does not
 * rely on it: wrappers such as Medusa's tracing (OpenTelemetry) replace the function.
 */
export const ORG_SCOPE_CLAIM = "volmifyRequireOrgScope"

/** Marks a middleware made by `requireOrgScope` (shared across copies of this package). */
const CLAIM_MARK = Symbol.for("volmify.orgs.requireOrgScope")
/** The claimed (matcher, methods) pairs of every plugin, filled by `claimOrgScopedRoutes`. */
const REGISTRY_KEY = Symbol.for("volmify.orgs.claimedRoutes")

type ClaimedMatcher = { matcher: string | RegExp; methods: ReadonlySet<string> }
type WithRegistry = typeof globalThis & { [REGISTRY_KEY]?: ClaimedMatcher[] }

/** One list per process, even if two copies of this module are loaded. */
function registry(): ClaimedMatcher[] {
  const g = globalThis as WithRegistry
  return (g[REGISTRY_KEY] ??= [])
}

const isClaimMiddleware = (fn: unknown): boolean =>
  typeof fn === "function" && (fn as unknown as Record<symbol, unknown>)[CLAIM_MARK] === true

/**
 * Claims, for org staff, every route of a plugin's middlewares config that attaches
 * `requireOrgScope(...)`: wrap the plugin's `defineMiddlewares(...)` with it in
 * `api/middlewares.ts`. The gate reads the claims by matcher and method from this list,
 * so whatever wraps the middleware functions later (tracing, RBAC) does not matter.
 * A claimed route must name its `methods` (a method-less entry is a prefix middleware).
 */
export function claimOrgScopedRoutes<T extends MiddlewaresConfig>(config: T): T {
  const list = registry()
  for (const route of config.routes ?? []) {
    if (!(route.middlewares ?? []).some(isClaimMiddleware)) continue
    const methods = route.methods ?? []
    if (!methods.length || methods.some((m) => m === "USE" || m === "ALL")) {
      throw new Error(
        `requireOrgScope on "${String(route.matcher)}" needs the route's methods (GET, POST, ...): a claim is per method`
      )
    }
    const claim = { matcher: route.matcher, methods: new Set<string>(methods) }
    const known = list.some(
      (c) => String(c.matcher) === String(claim.matcher) && [...claim.methods].every((m) => c.methods.has(m))
    )
    if (!known) list.push(claim)
  }
  return config
}

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
  Object.defineProperty(middleware, CLAIM_MARK, { value: true })
  return middleware as OrgScopeMiddleware
}

/** The route table entries of Express 4 that we read (`app._router.stack`). */
type RouteLayer = {
  regexp?: RegExp
  route?: { path?: unknown; methods: Record<string, boolean> }
}
type Claim = { regexp: RegExp; methods: Set<string> }
type AppWithRouter = { _router?: { stack?: RouteLayer[] } }

let cached: { size: number; claimed: number; claims: Claim[] } | undefined

const sameMatcher = (a: unknown, b: string | RegExp) =>
  a instanceof RegExp || b instanceof RegExp ? String(a) === String(b) : a === b

/**
 * The routes claimed with `claimOrgScopedRoutes`, as the app's route table compiled them
 * (Express's own regexp for each registered matcher and method; cached until the table
 * or the claims change).
 */
export function claimedAdminRoutes(app: unknown): Claim[] {
  const stack = (app as AppWithRouter | undefined)?._router?.stack ?? []
  const list = registry()
  if (cached && cached.size === stack.length && cached.claimed === list.length) {
    return cached.claims
  }
  const claims: Claim[] = []
  for (const layer of stack) {
    const route = layer.route
    if (!route || !layer.regexp) continue
    const layerMethods = Object.keys(route.methods).map((m) => m.toUpperCase())
    const methods = new Set<string>()
    for (const c of list) {
      if (!sameMatcher(route.path, c.matcher)) continue
      for (const m of layerMethods) if (c.methods.has(m)) methods.add(m)
    }
    if (methods.size) claims.push({ regexp: layer.regexp, methods })
  }
  cached = { size: stack.length, claimed: list.length, claims }
  return claims
}

/**
 * Whether `method path` reaches a route claimed with `claimOrgScopedRoutes`. Fails closed:
 * a route table it cannot read, or a route whose config was not claimed, claims nothing,
 * so staff stay denied.
 */
export function isClaimedAdminRoute(app: unknown, method: string, path: string): boolean {
  const m = method === "HEAD" ? "GET" : method
  return claimedAdminRoutes(app).some((c) => c.methods.has(m) && c.regexp.test(path))
}
