import { defineMiddlewares, validateAndTransformQuery } from "@medusajs/framework/http"
import { claimOrgScopedRoutes, requireOrgScope, STAFF_ROLES } from "@volmify/orgs/tenancy"
import { AnalyticsCourseQuerySchema, AnalyticsOverviewQuerySchema, AnalyticsPlatformQuerySchema } from "./validators"

// Org analytics: claimed for every staff role (requireOrgScope); owners and admins see the
// whole org, other roles their own earnings and attributed courses (src/scope.ts).
const staff = requireOrgScope(STAFF_ROLES)

// claimOrgScopedRoutes records which matchers and methods attach requireOrgScope, for the gate.
export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    {
      matcher: "/admin/analytics/overview",
      methods: ["GET"],
      middlewares: [staff, validateAndTransformQuery(AnalyticsOverviewQuerySchema, {})],
    },
    {
      matcher: "/admin/analytics/courses/:id",
      methods: ["GET"],
      middlewares: [staff, validateAndTransformQuery(AnalyticsCourseQuerySchema, {})],
    },
    // Not claimed: the org-scope gate keeps it for platform operators (staff 403); the route checks again.
    {
      matcher: "/admin/analytics/platform",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AnalyticsPlatformQuerySchema, {})],
    },
  ],
}))
