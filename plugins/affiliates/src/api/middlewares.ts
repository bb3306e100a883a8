import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { clientIp, envLimit, rateLimitBy } from "@volmify/orgs/security"
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

// Click and referral writes per client IP (X-Forwarded-For only from VOLMIFY_TRUSTED_PROXIES).
const clickLimit = rateLimitBy(
  () => ({ keyPrefix: "affiliate-click", points: envLimit("VOLMIFY_AFFILIATE_CLICKS_PER_MINUTE", 30), durationSeconds: 60, blockSeconds: 60 }),
  (req) => clientIp(req),
  "referral clicks from this address"
)
const referralLimit = rateLimitBy(
  () => ({ keyPrefix: "affiliate-referral", points: envLimit("VOLMIFY_AFFILIATE_REFERRALS_PER_MINUTE", 60), durationSeconds: 60, blockSeconds: 60 }),
  (req) => clientIp(req),
  "referral attachments from this address"
)

export default defineMiddlewares({
  routes: [
    // Store: a visit through ?ref=CODE (anyone with the org's key).
    { matcher: "/store/affiliates/clicks", methods: ["POST"], middlewares: [clickLimit, validateAndTransformBody(StoreRecordClickSchema)] },
    // Store: checkout attaches the referral cookie to the cart (the cart id is the secret).
    { matcher: "/store/carts/:id/referral", methods: ["POST"], middlewares: [referralLimit, validateAndTransformBody(StoreAttachReferralSchema)] },
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
