import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCouponSchema,
  AdminListAffiliatesSchema,
  AdminListCommissionsSchema,
  AdminOrgQuerySchema,
  AdminPayoutSchema,
  AdminProductRateSchema,
  AdminProgramSchema,
  AdminReviewCommissionSchema,
  AdminUpdateAffiliateSchema,
  StoreApplySchema,
  StoreAttachReferralSchema,
  StoreRecordClickSchema,
} from "./validators"

// These admin routes check tenancy themselves (utils/tenancy.ts); tell the org-scoped
// admin gate of @volmify/orgs to let org staff reach them.
const { allowSelfGuardedAdminRoutes } = require("@volmify/orgs/api/admin-scope/gate") as {
  allowSelfGuardedAdminRoutes(pattern: RegExp): void
}
allowSelfGuardedAdminRoutes(/^\/admin\/affiliate-program$/)
allowSelfGuardedAdminRoutes(/^\/admin\/affiliates(\/[^/]+(\/(product-rates(\/[^/]+)?|coupons|payouts))?)?$/)
allowSelfGuardedAdminRoutes(/^\/admin\/affiliate-commissions(\/[^/]+\/review)?$/)
allowSelfGuardedAdminRoutes(/^\/admin\/affiliate-payouts$/)

const customer = authenticate("customer", ["session", "bearer"])

export default defineMiddlewares({
  routes: [
    // Store: a visit through ?ref=CODE (anyone with the org's key).
    { matcher: "/store/affiliates/clicks", methods: ["POST"], middlewares: [validateAndTransformBody(StoreRecordClickSchema)] },
    // Store: checkout attaches the referral cookie to the cart (the cart id is the secret).
    { matcher: "/store/carts/:id/referral", methods: ["POST"], middlewares: [validateAndTransformBody(StoreAttachReferralSchema)] },
    // Store: a logged-in customer applies to the org's program / reads their dashboard.
    { matcher: "/store/affiliates", methods: ["POST"], middlewares: [customer, validateAndTransformBody(StoreApplySchema)] },
    { matcher: "/store/affiliates/me", methods: ["GET"], middlewares: [customer] },
    // Admin: program settings (read: owner/admin/manager; write: owner/admin).
    { matcher: "/admin/affiliate-program", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminOrgQuerySchema, {})] },
    { matcher: "/admin/affiliate-program", methods: ["POST"], middlewares: [validateAndTransformBody(AdminProgramSchema)] },
    // Admin: affiliates, their status and rates, coupons, payouts.
    { matcher: "/admin/affiliates", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListAffiliatesSchema, {})] },
    { matcher: "/admin/affiliates/:id", methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateAffiliateSchema)] },
    { matcher: "/admin/affiliates/:id/product-rates", methods: ["POST"], middlewares: [validateAndTransformBody(AdminProductRateSchema)] },
    { matcher: "/admin/affiliates/:id/coupons", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCouponSchema)] },
    { matcher: "/admin/affiliates/:id/payouts", methods: ["POST"], middlewares: [validateAndTransformBody(AdminPayoutSchema)] },
    // Admin: commissions with filters and flags; review of flagged ones.
    { matcher: "/admin/affiliate-commissions", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListCommissionsSchema, {})] },
    { matcher: "/admin/affiliate-commissions/:id/review", methods: ["POST"], middlewares: [validateAndTransformBody(AdminReviewCommissionSchema)] },
    { matcher: "/admin/affiliate-payouts", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminOrgQuerySchema, {})] },
  ],
})
