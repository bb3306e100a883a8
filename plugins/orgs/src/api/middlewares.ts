import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { adminScopeMiddlewares } from "./admin-scope"
import { checkUploadTypes, serveUploads } from "./uploads/upload-guards"
import { checkPaymentAmount } from "./utils/payment-amounts"
import {
  loadOrgAccess,
  requireOrgRole,
  requirePlatformOperator,
  requireStaffOrPlatform,
} from "./utils/org-access"
import { clientIp, envLimit, rateLimitBy, throttleEmailpass } from "../security"
import { rejectUnsafeInput, volmifyErrorHandler } from "./utils/reject-unsafe-input"
import { dependencyGate } from "./utils/dependencies"
import { storeScopeGuard, storeScopeMiddlewares } from "./store-scope"
import { blockSuspendedOrgKeys, joinOrgOnRegistration } from "./utils/store-gates"
import { stampResetPasswordOrg } from "./utils/reset-password-org"
import { installLocaleGuard } from "./utils/locale-guard"
import {
  AcceptInvitationSchema,
  AdminAddDomainSchema,
  AdminCreateOrgSchema,
  AdminInviteSchema,
  AdminListInvitationsQuerySchema,
  AdminListMembersQuerySchema,
  AdminListOrgsQuerySchema,
  AdminResendInvitationSchema,
  AdminUpdateDomainSchema,
  AdminUpdateEmployeeSchema,
  AdminUpdateOrgSchema,
  InvitationTokenSchema,
  StoreJoinOrgSchema,
  StoreResolveOrgQuerySchema,
} from "./validators"
import {
  AdminAddSuppressionSchema,
  AdminCreateAutomationSchema,
  AdminListSuppressionsQuerySchema,
  AdminPreviewAutomationEmailSchema,
  AdminUpdateAutomationSchema,
  StoreConfirmOptInSchema,
  StoreEmailPreferencesSchema,
  StoreMarketingOptInSchema,
} from "./automation-validators"
import {
  AdminCreateWebhookSchema,
  AdminListWebhookDeliveriesQuerySchema,
  AdminListWebhooksQuerySchema,
  AdminUpdateWebhookSchema,
} from "./webhook-validators"

const ORG = "/admin/orgs/:id"

// Double opt-in requests (each sends an email) and confirmations per client IP
// (X-Forwarded-For only from VOLMIFY_TRUSTED_PROXIES).
const optInLimit = rateLimitBy(
  () => ({ keyPrefix: "opt-in", points: envLimit("VOLMIFY_OPT_INS_PER_MINUTE", 10), durationSeconds: 60, blockSeconds: 60 }),
  (req) => clientIp(req),
  "sign-ups from this address"
)
const optInConfirmLimit = rateLimitBy(
  () => ({ keyPrefix: "opt-in-confirm", points: envLimit("VOLMIFY_OPT_INS_PER_MINUTE", 10) * 3, durationSeconds: 60, blockSeconds: 60 }),
  (req) => clientIp(req),
  "confirmations from this address"
)


// Medusa's `?locale=` reader hangs a request on a repeated or nested value (utils/locale-guard.ts).
installLocaleGuard()

export default defineMiddlewares({
  // Medusa's error handler, with broken percent-escapes in paths answered 400 (the one
  // error Express raises before any middleware can look at the path).
  errorHandler: volmifyErrorHandler(),
  routes: [
    // Every API request: 503 while PostgreSQL or Redis is unreachable (utils/dependencies.ts),
    // never a hang on a pool or a 500.
    ...["/store", "/admin", "/auth", "/org-invite", "/course-media", "/email", "/hooks"].map((matcher) => ({ matcher, middlewares: [dependencyGate] })),
    // Every API request (core routes too): NUL bytes, over-long path segments or query
    // values and broken percent-escapes are a 400 before anything reads them.
    { matcher: "/store", middlewares: [rejectUnsafeInput] },
    { matcher: "/admin", middlewares: [rejectUnsafeInput] },
    { matcher: "/auth", middlewares: [rejectUnsafeInput] },
    { matcher: "/org-invite", middlewares: [rejectUnsafeInput] },
    { matcher: "/course-media", middlewares: [rejectUnsafeInput] },
    { matcher: "/email", middlewares: [rejectUnsafeInput] },
    // Medusa's email/password sign-in (and register, reset): failures are throttled per
    // account and per client IP, with a lockout that expires (security/login-throttle.ts).
    { matcher: "/auth/:actor_type/emailpass", middlewares: [throttleEmailpass] },
    // "Forgot password" from a storefront: the email is the org of the publishable key's.
    { matcher: "/auth/customer/emailpass/reset-password", methods: ["POST"], middlewares: [stampResetPasswordOrg] },
    // Core /admin routes for org staff: allowlist, org filters, ownership checks.
    ...adminScopeMiddlewares,
    // Uploads: allowed types by content (after core's multer), served with safe headers
    // from the directory medusa-config.ts gives the local file provider.
    { matcher: "/admin/uploads", methods: ["POST"], middlewares: [checkUploadTypes] },
    { matcher: "/uploads*", methods: ["GET", "HEAD"], middlewares: [serveUploads()] },
    // Capture and refund amounts must fit the payment's currency (no ¥0.5), for every caller.
    { matcher: "/admin/payments/:id/capture", methods: ["POST"], middlewares: [checkPaymentAmount("capture")] },
    { matcher: "/admin/payments/:id/refund", methods: ["POST"], middlewares: [checkPaymentAmount("refund")] },

    // ---- Store ----
    // Every store route: keys of a suspended org stop working; a cart, order or payment
    // collection id reaches Medusa only for its own org's key and its owner (store-scope).
    { matcher: "/store", middlewares: [blockSuspendedOrgKeys, storeScopeGuard] },
    ...storeScopeMiddlewares,
    // Registering on an org's storefront makes the customer a member of that org.
    { matcher: "/store/customers", methods: ["POST"], middlewares: [joinOrgOnRegistration] },
    // GET/POST /store/org/membership: logged-in customers only.
    {
      matcher: "/store/org/membership",
      methods: ["GET", "POST"],
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    { matcher: "/store/org/membership", methods: ["POST"], middlewares: [validateAndTransformBody(StoreJoinOrgSchema)] },
    // Marketing email consent of the logged-in customer, for the key's org.
    {
      matcher: "/store/email-preferences",
      methods: ["GET", "POST"],
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    { matcher: "/store/email-preferences", methods: ["POST"], middlewares: [validateAndTransformBody(StoreEmailPreferencesSchema)] },
    // Double opt-in on a lead magnet (anonymous; the key names the org): the request sends
    // a confirmation email, the confirmation starts the lead-magnet sequences.
    {
      matcher: "/store/marketing-opt-ins",
      methods: ["POST"],
      middlewares: [optInLimit, validateAndTransformBody(StoreMarketingOptInSchema)],
    },
    {
      matcher: "/store/marketing-opt-ins/confirm",
      methods: ["POST"],
      middlewares: [optInConfirmLimit, validateAndTransformBody(StoreConfirmOptInSchema)],
    },
    // GET /store/orgs/resolve?host=: hostname -> org handle + publishable key.
    {
      matcher: "/store/orgs/resolve",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(StoreResolveOrgQuerySchema, {})],
    },

    // ---- Admin: orgs ----
    // GET /admin/orgs: platform operators (all) and staff (their orgs).
    {
      matcher: "/admin/orgs",
      methods: ["GET"],
      middlewares: [requireStaffOrPlatform, validateAndTransformQuery(AdminListOrgsQuerySchema, {})],
    },
    // POST /admin/orgs: platform operators create orgs.
    {
      matcher: "/admin/orgs",
      methods: ["POST"],
      middlewares: [requirePlatformOperator, validateAndTransformBody(AdminCreateOrgSchema)],
    },
    // Everything under /admin/orgs/:id: staff of that org or platform operators, else 404.
    { matcher: ORG, middlewares: [loadOrgAccess] },
    // POST /admin/orgs/:id: settings and branding (owners/admins).
    {
      matcher: ORG,
      methods: ["POST"],
      middlewares: [requireOrgRole("admin"), validateAndTransformBody(AdminUpdateOrgSchema)],
    },
    // Suspend / reactivate: platform operators.
    { matcher: `${ORG}/suspend`, methods: ["POST"], middlewares: [requirePlatformOperator] },
    { matcher: `${ORG}/reactivate`, methods: ["POST"], middlewares: [requirePlatformOperator] },
    // Domains: everyone in the org reads; owners/admins change and verify by DNS (platform: directly).
    {
      matcher: `${ORG}/domains`,
      methods: ["POST"],
      middlewares: [requireOrgRole("admin"), validateAndTransformBody(AdminAddDomainSchema)],
    },
    {
      matcher: `${ORG}/domains/:domain_id`,
      methods: ["POST"],
      middlewares: [requireOrgRole("admin"), validateAndTransformBody(AdminUpdateDomainSchema)],
    },
    { matcher: `${ORG}/domains/:domain_id`, methods: ["DELETE"], middlewares: [requireOrgRole("admin")] },
    // Verify by DNS TXT record: owners/admins.
    { matcher: `${ORG}/domains/:domain_id/verify`, methods: ["POST"], middlewares: [requireOrgRole("admin")] },
    // Employees: everyone reads; changes are checked by the route and the staff rules.
    {
      matcher: `${ORG}/employees/:employee_id`,
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminUpdateEmployeeSchema)],
    },
    { matcher: `${ORG}/employees/:employee_id`, methods: ["DELETE"], middlewares: [requireOrgRole("admin")] },
    // Invitations: everyone reads; managers and up invite; owners/admins approve.
    {
      matcher: `${ORG}/invitations`,
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListInvitationsQuerySchema, {})],
    },
    {
      matcher: `${ORG}/invitations`,
      methods: ["POST"],
      middlewares: [requireOrgRole("manager"), validateAndTransformBody(AdminInviteSchema)],
    },
    { matcher: `${ORG}/invitations/:invitation_id/approve`, methods: ["POST"], middlewares: [requireOrgRole("admin")] },
    { matcher: `${ORG}/invitations/:invitation_id/cancel`, methods: ["POST"], middlewares: [requireOrgRole("manager")] },
    {
      matcher: `${ORG}/invitations/:invitation_id/resend`,
      methods: ["POST"],
      middlewares: [requireOrgRole("manager"), validateAndTransformBody(AdminResendInvitationSchema)],
    },
    // Members: everyone in the org reads.
    {
      matcher: `${ORG}/members`,
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListMembersQuerySchema, {})],
    },

    // Email automations and suppressions: everyone in the org reads; managers and up change them.
    {
      matcher: `${ORG}/automations`,
      methods: ["POST"],
      middlewares: [requireOrgRole("manager"), validateAndTransformBody(AdminCreateAutomationSchema)],
    },
    {
      matcher: `${ORG}/automations/:automation_id`,
      methods: ["POST"],
      middlewares: [requireOrgRole("manager"), validateAndTransformBody(AdminUpdateAutomationSchema)],
    },
    { matcher: `${ORG}/automations/:automation_id`, methods: ["DELETE"], middlewares: [requireOrgRole("manager")] },
    {
      matcher: `${ORG}/automation-preview`,
      methods: ["POST"],
      middlewares: [requireOrgRole("manager"), validateAndTransformBody(AdminPreviewAutomationEmailSchema)],
    },
    {
      matcher: `${ORG}/email-suppressions`,
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListSuppressionsQuerySchema, {})],
    },
    {
      matcher: `${ORG}/email-suppressions`,
      methods: ["POST"],
      middlewares: [requireOrgRole("manager"), validateAndTransformBody(AdminAddSuppressionSchema)],
    },

    // Outbound webhooks: owners and admins only, reads too (URLs and delivery logs are
    // integration details of the org; secrets are never shown after creation).
    { matcher: `${ORG}/webhooks*`, middlewares: [requireOrgRole("admin")] },
    { matcher: `${ORG}/webhooks`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListWebhooksQuerySchema, {})] },
    { matcher: `${ORG}/webhooks/:webhook_id`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListWebhooksQuerySchema, {})] },
    { matcher: `${ORG}/webhooks`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateWebhookSchema)] },
    { matcher: `${ORG}/webhooks/:webhook_id`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateWebhookSchema)] },
    {
      matcher: `${ORG}/webhooks/:webhook_id/deliveries`,
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListWebhookDeliveriesQuerySchema, {})],
    },

    // ---- Admin: invitation tokens (the token is the credential) ----
    // Accept: a logged-in user, or a new user with a registration token.
    {
      matcher: "/admin/org-invitations/accept",
      methods: ["POST"],
      middlewares: [
        authenticate("user", ["session", "bearer"], { allowUnregistered: true }),
        validateAndTransformBody(AcceptInvitationSchema),
      ],
    },
    {
      matcher: "/admin/org-invitations/decline",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(InvitationTokenSchema)],
    },
    {
      matcher: "/admin/org-invitations/lookup",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(InvitationTokenSchema, {})],
    },
  ],
})
