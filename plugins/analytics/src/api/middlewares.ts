import { defineMiddlewares, type MedusaRequest, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { envLimit, rateLimitBy } from "@volmify/orgs/security"
import { claimOrgScopedRoutes, requireOrgScope, STAFF_ROLES } from "@volmify/orgs/tenancy"
import { AnalyticsCourseQuerySchema, AnalyticsOverviewQuerySchema, AnalyticsPlatformQuerySchema, StorePageViewSchema } from "./validators"

// Org analytics: claimed for every staff role (requireOrgScope); owners and admins see the
// whole org, other roles their own earnings and attributed courses (src/scope.ts).
const staff = requireOrgScope(STAFF_ROLES)

// The page-view beacon, per publishable key (one org's storefront): the storefront calls it
// from its server, so a client IP would name the storefront, and none is kept. Redis-backed
// (shared by every process) when REDIS_URL is set, else counted in each process's memory.
const pageViewLimit = rateLimitBy(
  () => ({ keyPrefix: "page-views", points: envLimit("VOLMIFY_PAGE_VIEWS_PER_MINUTE", 1200), durationSeconds: 60 }),
  (req: MedusaRequest) => String(req.headers["x-publishable-api-key"] ?? ""),
  "page views for this store"
)

// claimOrgScopedRoutes records which matchers and methods attach requireOrgScope, for the gate.
export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    // Store: one view of a course or sales page of the key's org, counted into the daily rollup.
    {
      matcher: "/store/analytics/page-views",
      methods: ["POST"],
      middlewares: [pageViewLimit, validateAndTransformBody(StorePageViewSchema)],
    },
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
