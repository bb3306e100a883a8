import type { MiddlewareRoute } from "@medusajs/framework/http"
import { ALLOWLIST } from "./allowlist"
import { guardBody } from "./body-guards"
import { guardBodyIds } from "./body-ids"
import { adminScopeGate } from "./gate"
import { narrowList } from "./list-filters"

/**
 * Org-scoped admin: what a Medusa admin user who is staff of an org (and not a platform
 * operator) may do on core /admin routes. See the plugin README, "Org-scoped admin".
 *
 * 1. `adminScopeGate` has no method, so Medusa registers it with the global middlewares,
 *    before every route-specific one and after authentication: allowlist, roles,
 *    suspended orgs, `?fields=` relations, ownership of path ids (404).
 * 2. For list rows and every write row, middlewares with the row's exact matcher and
 *    method: Medusa registers core middlewares before plugin ones for the same matcher,
 *    so these run after core's validateAndTransformQuery/Body and can narrow
 *    `req.filterableFields`, refuse foreign ids in the body (body-ids.ts, every write)
 *    and check/rewrite `req.validatedBody` (body-guards.ts).
 */
export const adminScopeMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin*", middlewares: [adminScopeGate] },
  ...ALLOWLIST.filter((rule) => rule.list || rule.method !== "GET").map((rule) => ({
    matcher: rule.path,
    methods: [rule.method],
    middlewares: rule.list
      ? [narrowList(rule.list)]
      : [guardBodyIds(rule), ...(rule.body ? [guardBody(rule.body)] : [])],
  })),
]

export { ALLOWLIST }
