import { z } from "@medusajs/framework/zod"
import { text } from "@volmify/orgs/validation"

const tier = z.number().int("tier must be an integer").min(1, "tier must be at least 1")
const durationDays = z.number().int("duration_days must be an integer").min(1, "duration_days must be at least 1").nullable()

/**
 * A variant's plan. `one_time` (default): the tier for `duration_days`. `subscription`: the
 * tier while the subscription lives, billed every `interval_count` x `interval` at the
 * variant's Medusa price, after `trial_days`; `max_payments` makes an installment plan
 * (lifetime access after the last payment); `scope: "org"` is an org-wide membership.
 * A setup fee is a separate variant (its own Medusa prices) in the first cart.
 */
export const AdminSetAccessPlanSchema = z
  .object({
    tier,
    duration_days: durationDays.optional(),
    billing: z.enum(["one_time", "subscription"]).optional(),
    interval: z.enum(["week", "month", "year"], { message: "interval must be week, month or year" }).optional(),
    interval_count: z.number().int("interval_count must be an integer").min(1, "interval_count must be at least 1").max(36, "interval_count must be at most 36").optional(),
    trial_days: z.number().int("trial_days must be an integer").min(0, "trial_days must be 0 or more").max(365, "trial_days must be at most 365").optional(),
    max_payments: z.number().int("max_payments must be an integer").min(1, "max_payments must be at least 1").max(120, "max_payments must be at most 120").nullable().optional(),
    scope: z.enum(["course", "org"], { message: "scope must be course or org" }).optional(),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const recurring = ["interval", "interval_count", "trial_days", "max_payments", "scope"] as const
    if (plan.billing !== "subscription") {
      for (const field of recurring) {
        if (plan[field] !== undefined) {
          ctx.addIssue({ code: "custom", path: [field], message: `${field} applies only to billing "subscription"` })
        }
      }
      return
    }
    if (!plan.interval) {
      ctx.addIssue({ code: "custom", path: ["interval"], message: "a subscription plan needs an interval (week, month or year)" })
    }
    if (plan.duration_days !== undefined && plan.duration_days !== null) {
      ctx.addIssue({ code: "custom", path: ["duration_days"], message: "a subscription lasts while it is paid: duration_days must be empty" })
    }
  })
export type AdminSetAccessPlan = z.infer<typeof AdminSetAccessPlanSchema>

export const AdminGrantEntitlementSchema = z
  .object({
    product_id: text().min(1),
    tier,
    duration_days: durationDays.optional(),
    reason: text().trim().min(3, "reason must say why (3 characters at least)").max(500),
    source_type: z.enum(["manual", "gift"]).optional(),
  })
  .strict()
export type AdminGrantEntitlement = z.infer<typeof AdminGrantEntitlementSchema>

export const AdminRevokeEntitlementSchema = z
  .object({ reason: text().trim().min(3, "reason must say why (3 characters at least)").max(500) })
  .strict()
export type AdminRevokeEntitlement = z.infer<typeof AdminRevokeEntitlementSchema>

export const EntitlementListQuerySchema = z
  .object({
    status: z.enum(["active", "revoked", "expired"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type EntitlementListQuery = z.infer<typeof EntitlementListQuerySchema>

/** POST /store/customers/me/guest-claims: the proof is the `x-order-token` header; no body fields. */
export const StoreGuestClaimSchema = z.object({}).strict()

/**
 * POST /store/customers/me/guest-claims/email: no body fields. The link opens the org's own
 * storefront (its verified primary domain, else STOREFRONT_URL), never an address a request names.
 */
export const StoreGuestClaimEmailSchema = z.object({}).strict()
export type StoreGuestClaimEmail = z.infer<typeof StoreGuestClaimEmailSchema>

/** POST /store/customers/me/guest-claims/confirm: the token of the emailed link. */
export const StoreGuestClaimConfirmSchema = z
  .object({ token: text().min(1, "token is required").max(400, "token is too long") })
  .strict()
export type StoreGuestClaimConfirm = z.infer<typeof StoreGuestClaimConfirmSchema>

const variantId = text().min(1, "variant_id is required").max(100, "variant_id is too long")

/** GET /store/customers/me/upgrade-quote: the tier's variant and the visitor's region. */
export const StoreUpgradeQuoteQuerySchema = z
  .object({ variant_id: variantId, region_id: text().min(1, "region_id is required").max(100, "region_id is too long") })
  .strict()
export type StoreUpgradeQuoteQuery = z.infer<typeof StoreUpgradeQuoteQuerySchema>

/** POST /store/carts/:id/upgrade-credit: the variant (already a line of the cart) to credit. */
export const StoreUpgradeCreditSchema = z.object({ variant_id: variantId }).strict()
export type StoreUpgradeCredit = z.infer<typeof StoreUpgradeCreditSchema>

/** POST /store/carts/:id/subscription-trial: no body (the cart's lines decide). */
export const StoreSubscriptionTrialSchema = z.object({}).strict()

/** GET /admin/subscriptions */
export const AdminSubscriptionListQuerySchema = z
  .object({
    status: z.enum(["trialing", "active", "past_due", "canceled", "completed"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminSubscriptionListQuery = z.infer<typeof AdminSubscriptionListQuerySchema>

/** POST /admin/subscriptions/:id/cancel */
export const AdminCancelSubscriptionSchema = z
  .object({ reason: text().trim().min(3, "reason must say why (3 characters at least)").max(500) })
  .strict()
export type AdminCancelSubscription = z.infer<typeof AdminCancelSubscriptionSchema>

/** POST /admin/subscriptions/:id/renewals/:renewal_id/refund */
export const AdminRefundSubscriptionPeriodSchema = z
  .object({
    reason: text().trim().min(3, "reason must say why (3 characters at least)").max(500),
    /**
     * A partial refund, in the order's currency as a decimal ("12.50"; JPY "500"); left out:
     * everything still captured and not refunded. A JSON number is taken as written.
     */
    amount: z
      .union([z.string().trim().max(32), z.number().finite().positive().max(1e12)])
      .transform((v) => (typeof v === "number" ? String(v) : v))
      .refine((v) => /^\d+(\.\d+)?$/.test(v) && /[1-9]/.test(v), "amount must be a positive decimal amount such as 12.50")
      .optional(),
  })
  .strict()
export type AdminRefundSubscriptionPeriod = z.infer<typeof AdminRefundSubscriptionPeriodSchema>

const instant = (field: string) =>
  text().refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: `${field} must be an ISO 8601 date or date-time`,
  })

/** GET /admin/subscriptions/metrics: the window [from, to) (default: the 30 days to now); operators may name an org. */
export const AdminSubscriptionMetricsQuerySchema = z
  .object({ from: instant("from").optional(), to: instant("to").optional(), org_id: text().min(1).max(100).optional() })
  .strict()
export type AdminSubscriptionMetricsQuery = z.infer<typeof AdminSubscriptionMetricsQuerySchema>

/** POST /store/customers/me/subscriptions/:id/(cancel|resume): no body fields. */
export const StoreSubscriptionActionSchema = z.object({}).strict()

/** GET (query) and POST (body) /store/customers/me/subscriptions/:id/switch */
export const StoreSubscriptionSwitchSchema = z.object({ variant_id: variantId }).strict()
export type StoreSubscriptionSwitch = z.infer<typeof StoreSubscriptionSwitchSchema>

/** POST /store/customers/me/subscriptions/:id/payment-method */
export const StoreSubscriptionPaymentMethodSchema = z
  .object({
    provider_id: text().min(1, "provider_id is required").max(100, "provider_id is too long"),
    payment_method: text().min(1).max(255, "payment_method is too long").optional(),
  })
  .strict()
export type StoreSubscriptionPaymentMethod = z.infer<typeof StoreSubscriptionPaymentMethodSchema>

/** POST /store/customers/me/payment-methods */
export const StoreSavePaymentMethodSchema = z
  .object({
    provider_id: text().min(1, "provider_id is required").max(100, "provider_id is too long"),
    payment_method: text().min(1, "payment_method is required").max(255, "payment_method is too long"),
  })
  .strict()
export type StoreSavePaymentMethod = z.infer<typeof StoreSavePaymentMethodSchema>
