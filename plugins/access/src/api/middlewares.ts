import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { claimOrgScopedRoutes } from "@volmify/orgs/tenancy"
import {
  AdminGrantEntitlementSchema,
  AdminRevokeEntitlementSchema,
  AdminCancelSubscriptionSchema,
  AdminSetAccessPlanSchema,
  AdminSubscriptionListQuerySchema,
  AdminSubscriptionMetricsQuerySchema,
  AdminRefundSubscriptionPeriodSchema,
  EntitlementListQuerySchema,
  StoreGuestClaimConfirmSchema,
  StoreGuestClaimEmailSchema,
  StoreGuestClaimSchema,
  StoreSavePaymentMethodSchema,
  StoreSubscriptionActionSchema,
  StoreSubscriptionPaymentMethodSchema,
  StoreSubscriptionSwitchSchema,
  StoreUpgradeCreditSchema,
  StoreSubscriptionTrialSchema,
  StoreUpgradeQuoteQuerySchema,
} from "./validators"
import { CATALOG_ROLES, COMMERCE_ROLES, STAFF_ROLES, requireOrgScope } from "./utils/tenancy"

// Admin routes of this plugin: requireOrgScope (from @volmify/orgs) claims each one for
// org staff with the roles it needs; the route then checks the ids it is given belong to
// the staff's org. An admin route without it stays platform-operator only.
const staff = requireOrgScope(STAFF_ROLES)
const catalog = requireOrgScope(CATALOG_ROLES)
const commerce = requireOrgScope(COMMERCE_ROLES)

// claimOrgScopedRoutes records which matchers and methods attach requireOrgScope, for the gate.
export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    { matcher: "/admin/products/:id/access-plans", methods: ["GET"], middlewares: [staff] },
    { matcher: "/admin/products/:id/variants/:variant_id/access-plan", methods: ["DELETE"], middlewares: [catalog] },
    { matcher: "/admin/orders/:id/entitlements", methods: ["GET"], middlewares: [staff] },
    // Set a variant's access plan (catalog roles of the product's org).
    {
      matcher: "/admin/products/:id/variants/:variant_id/access-plan",
      methods: ["POST"],
      middlewares: [catalog, validateAndTransformBody(AdminSetAccessPlanSchema)],
    },
    // A customer's entitlements; grant by hand (commerce roles).
    {
      matcher: "/admin/customers/:id/entitlements",
      methods: ["GET"],
      middlewares: [staff, validateAndTransformQuery(EntitlementListQuerySchema, {})],
    },
    {
      matcher: "/admin/customers/:id/entitlements",
      methods: ["POST"],
      middlewares: [commerce, validateAndTransformBody(AdminGrantEntitlementSchema)],
    },
    // Revoke by hand, with a reason.
    {
      matcher: "/admin/entitlements/:id/revoke",
      methods: ["POST"],
      middlewares: [commerce, validateAndTransformBody(AdminRevokeEntitlementSchema)],
    },
    // Subscriptions of the org (staff with commerce roles) or all (operator); cancel now.
    {
      matcher: "/admin/subscriptions",
      methods: ["GET"],
      middlewares: [commerce, validateAndTransformQuery(AdminSubscriptionListQuerySchema, {})],
    },
    // MRR, subscribers, churn and trial conversion of a period (SQL aggregates).
    {
      matcher: "/admin/subscriptions/metrics",
      methods: ["GET"],
      middlewares: [commerce, validateAndTransformQuery(AdminSubscriptionMetricsQuerySchema, {})],
    },
    { matcher: "/admin/subscriptions/:id", methods: ["GET"], middlewares: [commerce] },
    // Refund one paid period (Medusa's refund of its order's payment); the current one also cancels.
    {
      matcher: "/admin/subscriptions/:id/renewals/:renewal_id/refund",
      methods: ["POST"],
      middlewares: [commerce, validateAndTransformBody(AdminRefundSubscriptionPeriodSchema)],
    },
    {
      matcher: "/admin/subscriptions/:id/cancel",
      methods: ["POST"],
      middlewares: [commerce, validateAndTransformBody(AdminCancelSubscriptionSchema)],
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
    // Plan switch (quote with GET, confirm with POST) and the saved payment method.
    {
      matcher: "/store/customers/me/subscriptions/:id/switch",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformQuery(StoreSubscriptionSwitchSchema, {})],
    },
    {
      matcher: "/store/customers/me/subscriptions/:id/switch",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreSubscriptionSwitchSchema)],
    },
    {
      matcher: "/store/customers/me/subscriptions/:id/payment-method",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreSubscriptionPaymentMethodSchema)],
    },
    {
      matcher: "/store/customers/me/payment-methods",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreSavePaymentMethodSchema)],
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
    // A subscription trial: the cart's trial lines made free before payment (the cart wall runs first).
    {
      matcher: "/store/carts/:id/subscription-trial",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreSubscriptionTrialSchema)],
    },
  ],
}))
