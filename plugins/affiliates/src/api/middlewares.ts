import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { claimOrgScopedRoutes } from "@volmify/orgs/tenancy"
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
import { READ_ROLES, WRITE_ROLES, requireOrgScope } from "./utils/tenancy"

// Admin routes of this plugin: requireOrgScope (from @volmify/orgs) claims each one for
// org staff: reads for affiliates.read roles, writes for affiliates.manage roles (the
// route then checks the affiliate, commission or org belongs to the staff's org).
const read = requireOrgScope(READ_ROLES)
const write = requireOrgScope(WRITE_ROLES)

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

// claimOrgScopedRoutes records which matchers and methods attach requireOrgScope, for the gate.
export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    // Store: a visit through ?ref=CODE (anyone with the org's key).
    { matcher: "/store/affiliates/clicks", methods: ["POST"], middlewares: [clickLimit, validateAndTransformBody(StoreRecordClickSchema)] },
    // Store: checkout attaches the referral cookie to the cart (the cart id is the secret).
    { matcher: "/store/carts/:id/referral", methods: ["POST"], middlewares: [referralLimit, validateAndTransformBody(StoreAttachReferralSchema)] },
    // Store: a logged-in customer applies to the org's program / reads their dashboard.
    { matcher: "/store/affiliates", methods: ["POST"], middlewares: [customer, validateAndTransformBody(StoreApplySchema)] },
    { matcher: "/store/affiliates/me", methods: ["GET"], middlewares: [customer] },
    // Admin: program settings (read: owner/admin/manager; write: owner/admin).
    { matcher: "/admin/affiliate-program", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminOrgQuerySchema, {})] },
    { matcher: "/admin/affiliate-program", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminProgramSchema)] },
    // Admin: affiliates, their status and rates, coupons, payouts.
    { matcher: "/admin/affiliates", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminListAffiliatesSchema, {})] },
    { matcher: "/admin/affiliates/:id", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminUpdateAffiliateSchema)] },
    { matcher: "/admin/affiliates/:id/product-rates", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminProductRateSchema)] },
    { matcher: "/admin/affiliates/:id/coupons", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminCouponSchema)] },
    { matcher: "/admin/affiliates/:id/payouts", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminPayoutSchema)] },
    // Admin: commissions with filters and flags; review of flagged ones.
    { matcher: "/admin/affiliate-commissions", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminListCommissionsSchema, {})] },
    { matcher: "/admin/affiliate-commissions/:id/review", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminReviewCommissionSchema)] },
    { matcher: "/admin/affiliates/:id", methods: ["GET"], middlewares: [read] },
    { matcher: "/admin/affiliates/:id/product-rates/:rate_id", methods: ["DELETE"], middlewares: [write] },
    { matcher: "/admin/affiliate-payouts", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminOrgQuerySchema, {})] },
  ],
}))
