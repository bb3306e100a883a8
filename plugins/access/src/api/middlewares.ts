import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminGrantEntitlementSchema,
  AdminRevokeEntitlementSchema,
  AdminCancelSubscriptionSchema,
  AdminSetAccessPlanSchema,
  AdminSubscriptionListQuerySchema,
  EntitlementListQuerySchema,
  StoreGuestClaimConfirmSchema,
  StoreGuestClaimEmailSchema,
  StoreGuestClaimSchema,
  StoreSubscriptionActionSchema,
  StoreUpgradeCreditSchema,
  StoreUpgradeQuoteQuerySchema,
} from "./validators"

// These admin routes check tenancy themselves (utils/tenancy.ts); tell the org-scoped
// admin gate of @volmify/orgs to let org staff reach them.
const { allowSelfGuardedAdminRoutes } = require("@volmify/orgs/api/admin-scope/gate") as {
  allowSelfGuardedAdminRoutes(pattern: RegExp): void
}
allowSelfGuardedAdminRoutes(/^\/admin\/products\/[^/]+\/(access-plans|variants\/[^/]+\/access-plan)$/)
allowSelfGuardedAdminRoutes(/^\/admin\/customers\/[^/]+\/entitlements$/)
allowSelfGuardedAdminRoutes(/^\/admin\/entitlements\/[^/]+\/revoke$/)
allowSelfGuardedAdminRoutes(/^\/admin\/orders\/[^/]+\/entitlements$/)
allowSelfGuardedAdminRoutes(/^\/admin\/subscriptions(\/[^/]+(\/cancel)?)?$/)

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
    // Subscriptions of the org (staff with commerce roles) or all (operator); cancel now.
    {
      matcher: "/admin/subscriptions",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminSubscriptionListQuerySchema, {})],
    },
    {
      matcher: "/admin/subscriptions/:id/cancel",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminCancelSubscriptionSchema)],
    },
    // The logged-in customer's subscriptions on this storefront; cancel at period end, resume.
    {
      matcher: "/store/customers/me/subscriptions",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      matcher: "/store/customers/me/subscriptions/:id/cancel",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreSubscriptionActionSchema)],
    },
    {
      matcher: "/store/customers/me/subscriptions/:id/resume",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreSubscriptionActionSchema)],
    },
    // The logged-in customer's live entitlements on this storefront.
    {
      matcher: "/store/customers/me/entitlements",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    // Guest claims (rules/guest-claim.ts): move what this email bought as a guest in this
    // org to the logged-in account, with the guest order token of the order...
    {
      matcher: "/store/customers/me/guest-claims",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreGuestClaimSchema)],
    },
    // ...or with a one-time link emailed to the account's address (asked for here)...
    {
      matcher: "/store/customers/me/guest-claims/email",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreGuestClaimEmailSchema)],
    },
    // ...and used here, by the same account.
    {
      matcher: "/store/customers/me/guest-claims/confirm",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreGuestClaimConfirmSchema)],
    },
    // Upgrade credit (rules/upgrade-credit.ts): what the logged-in customer would pay for a
    // higher tier after what they paid for lower ones...
    {
      matcher: "/store/customers/me/upgrade-quote",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformQuery(StoreUpgradeQuoteQuerySchema, {})],
    },
    // ...and that credit put on their own cart (the cart wall of @volmify/orgs runs first).
    {
      matcher: "/store/carts/:id/upgrade-credit",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreUpgradeCreditSchema)],
    },
  ],
})
