import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { ORG_EARNINGS_ROLES, RULE_ROLES, STAFF_ROLES, attributedProductIds, requireOrgScope } from "./utils/tenancy"
import { claimOrgScopedRoutes, registerAttributedProducts } from "@volmify/orgs/tenancy"
import {
  AdminCreateAttributionRuleSchema,
  AdminRecordPayoutSchema,
  AdminUpdateAttributionRuleSchema,
  EarningsQuerySchema,
  ReconciliationQuerySchema,
} from "./validators"

// Creators edit only the products they are attributed on (role matrix of @volmify/orgs):
// the gate asks this plugin which those are.
registerAttributedProducts(attributedProductIds)

// Admin routes of this plugin: requireOrgScope (from @volmify/orgs) claims each one for
// org staff. Reads: every role (earnings narrow to the employee's own figures); rules:
// attribution.manage roles; payouts and reconciliation: owners and admins.
const staff = requireOrgScope(STAFF_ROLES)
const rules = requireOrgScope(RULE_ROLES)
const orgEarnings = requireOrgScope(ORG_EARNINGS_ROLES)

// claimOrgScopedRoutes records which matchers and methods attach requireOrgScope, for the gate.
export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    { matcher: "/admin/products/:id/attribution-rules", methods: ["GET"], middlewares: [staff] },
    { matcher: "/admin/attribution-rules/:id", methods: ["DELETE"], middlewares: [rules] },
    // A product's rules and its pool (every role of its org); add one (owner, admin, manager).
    {
      matcher: "/admin/products/:id/attribution-rules",
      methods: ["POST"],
      middlewares: [rules, validateAndTransformBody(AdminCreateAttributionRuleSchema)],
    },
    // Change a rule's share, role or period (owner, admin, manager).
    {
      matcher: "/admin/attribution-rules/:id",
      methods: ["POST"],
      middlewares: [rules, validateAndTransformBody(AdminUpdateAttributionRuleSchema)],
    },
    // Statements (JSON, CSV), per product, org summary: owners/admins the org, others their own.
    {
      matcher: "/admin/earnings/statements",
      methods: ["GET"],
      middlewares: [staff, validateAndTransformQuery(EarningsQuerySchema, {})],
    },
    {
      matcher: "/admin/earnings/statements/export",
      methods: ["GET"],
      middlewares: [staff, validateAndTransformQuery(EarningsQuerySchema, {})],
    },
    { matcher: "/admin/earnings/products", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(EarningsQuerySchema, {})] },
    { matcher: "/admin/earnings/summary", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(EarningsQuerySchema, {})] },
    // Provider vs ledger for one org and month (owner, admin; platform names the org).
    { matcher: "/admin/reconciliation", methods: ["GET"], middlewares: [orgEarnings, validateAndTransformQuery(ReconciliationQuerySchema, {})] },
    // Record a payout to an employee (owner, admin).
    { matcher: "/admin/earnings/payouts", methods: ["POST"], middlewares: [orgEarnings, validateAndTransformBody(AdminRecordPayoutSchema)] },
  ],
}))
