import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminGrantEntitlementSchema,
  AdminRevokeEntitlementSchema,
  AdminSetAccessPlanSchema,
  EntitlementListQuerySchema,
} from "./validators"

// These admin routes check tenancy themselves (utils/tenancy.ts); tell the org-scoped
// admin gate of @volmify/orgs to let org staff reach them.
const { allowSelfGuardedAdminRoutes } = require("@volmify/orgs/api/admin-scope/gate") as {
  allowSelfGuardedAdminRoutes(pattern: RegExp): void
}
allowSelfGuardedAdminRoutes(/^\/admin\/products\/[^/]+\/(access-plans|variants\/[^/]+\/access-plan)$/)
allowSelfGuardedAdminRoutes(/^\/admin\/customers\/[^/]+\/entitlements$/)
allowSelfGuardedAdminRoutes(/^\/admin\/entitlements\/[^/]+\/revoke$/)

export default defineMiddlewares({
  routes: [
    // Set a variant's access plan (catalog roles of the product's org).
    {
      matcher: "/admin/products/:id/variants/:variant_id/access-plan",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminSetAccessPlanSchema)],
    },
    // A customer's entitlements; grant by hand (commerce roles).
    {
      matcher: "/admin/customers/:id/entitlements",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(EntitlementListQuerySchema, {})],
    },
    {
      matcher: "/admin/customers/:id/entitlements",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminGrantEntitlementSchema)],
    },
    // Revoke by hand, with a reason.
    {
      matcher: "/admin/entitlements/:id/revoke",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminRevokeEntitlementSchema)],
    },
    // The logged-in customer's live entitlements on this storefront.
    {
      matcher: "/store/customers/me/entitlements",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
  ],
})
