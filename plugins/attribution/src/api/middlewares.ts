import { defineMiddlewares, MedusaRequest, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { attributedProductIds } from "./utils/tenancy"
import {
  AdminCreateAttributionRuleSchema,
  AdminRecordPayoutSchema,
  AdminUpdateAttributionRuleSchema,
  EarningsQuerySchema,
  ReconciliationQuerySchema,
} from "./validators"

// These admin routes check tenancy themselves (utils/tenancy.ts); tell the org-scoped
// admin gate of @volmify/orgs to let org staff reach them.
const { allowSelfGuardedAdminRoutes } = require("@volmify/orgs/api/admin-scope/gate") as {
  allowSelfGuardedAdminRoutes(pattern: RegExp): void
}
// Creators edit only the products they are attributed on (role matrix of @volmify/orgs):
// the gate asks this plugin which those are.
const { registerAttributedProducts } = require("@volmify/orgs/api/admin-scope/catalog-grants") as {
  registerAttributedProducts(fn: (req: MedusaRequest, employeeId: string, productIds: string[]) => Promise<string[]>): void
}
registerAttributedProducts(attributedProductIds)

allowSelfGuardedAdminRoutes(/^\/admin\/products\/[^/]+\/attribution-rules$/)
allowSelfGuardedAdminRoutes(/^\/admin\/attribution-rules\/[^/]+$/)
allowSelfGuardedAdminRoutes(/^\/admin\/earnings\/(statements|statements\/export|products|summary|payouts)$/)
allowSelfGuardedAdminRoutes(/^\/admin\/reconciliation$/)

export default defineMiddlewares({
  routes: [
    // A product's rules and its pool (every role of its org); add one (owner, admin, manager).
    {
      matcher: "/admin/products/:id/attribution-rules",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminCreateAttributionRuleSchema)],
    },
    // Change a rule's share, role or period (owner, admin, manager).
    {
      matcher: "/admin/attribution-rules/:id",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminUpdateAttributionRuleSchema)],
    },
    // Statements (JSON, CSV), per product, org summary: owners/admins the org, others their own.
    {
      matcher: "/admin/earnings/statements",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(EarningsQuerySchema, {})],
    },
    {
      matcher: "/admin/earnings/statements/export",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(EarningsQuerySchema, {})],
    },
    { matcher: "/admin/earnings/products", methods: ["GET"], middlewares: [validateAndTransformQuery(EarningsQuerySchema, {})] },
    { matcher: "/admin/earnings/summary", methods: ["GET"], middlewares: [validateAndTransformQuery(EarningsQuerySchema, {})] },
    // Provider vs ledger for one org and month (owner, admin; platform names the org).
    { matcher: "/admin/reconciliation", methods: ["GET"], middlewares: [validateAndTransformQuery(ReconciliationQuerySchema, {})] },
    // Record a payout to an employee (owner, admin).
    { matcher: "/admin/earnings/payouts", methods: ["POST"], middlewares: [validateAndTransformBody(AdminRecordPayoutSchema)] },
  ],
})
