import { z } from "@medusajs/framework/zod"
import { text } from "@volmify/orgs/validation"

const money = (field: string) =>
  z.union([z.number({ message: `${field} must be a number` }), text().regex(/^\d+(\.\d+)?$/, `${field} must be a decimal`)])
const currency = (field: string) => text().regex(/^[a-zA-Z]{3}$/, `${field} must be a 3-letter currency code`)
const amounts = (field: string) =>
  z.array(z.object({ currency_code: currency(`${field}[].currency_code`), amount: money(`${field}[].amount`) }).strict()).max(50)
const bps = z
  .number({ message: "commission_bps must be a number of basis points" })
  .int("commission_bps must be an integer (basis points: 1000 = 10 %)")
  .min(0, "commission_bps must be at least 0")
  .max(10000, "commission_bps must be at most 10000 (100 %)")
const days = (field: string, max: number) =>
  z.number({ message: `${field} must be a number of days` }).int(`${field} must be a whole number of days`).min(0, `${field} must be at least 0`).max(max, `${field} must be at most ${max}`)
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,32}$/, "code must be 3-32 letters, digits, '-' or '_'")

// Store
export const StoreRecordClickSchema = z
  .object({ code, landing_url: text().max(2048, "landing_url must be at most 2048 characters").optional().nullable() })
  .strict()
export const StoreAttachReferralSchema = z.object({ code, click_id: text().min(1).max(64).optional().nullable() }).strict()
export const StoreApplySchema = z.object({ code: code.optional().nullable() }).strict()

// Admin
export const AdminProgramSchema = z
  .object({
    org_id: text().optional(),
    enabled: z.boolean({ message: "enabled must be true or false" }).optional(),
    commission_type: z.enum(["percent", "fixed"], { message: "commission_type must be percent or fixed" }).optional(),
    commission_bps: bps.optional().nullable(),
    fixed_amounts: amounts("fixed_amounts").optional().nullable(),
    cookie_window_days: days("cookie_window_days", 365).optional(),
    attribution_model: z.enum(["first_click", "last_click"], { message: "attribution_model must be first_click or last_click" }).optional(),
    hold_days: days("hold_days", 365).optional(),
    minimum_payouts: amounts("minimum_payouts").optional().nullable(),
    approval: z.enum(["automatic", "manual"], { message: "approval must be automatic or manual" }).optional(),
    recurring_commission: z
      .enum(["first_payment", "recurring"], { message: "recurring_commission must be first_payment or recurring" })
      .optional(),
    recurring_months: z
      .number({ message: "recurring_months must be a whole number of months or null (for as long as it renews)" })
      .int("recurring_months must be a whole number of months")
      .min(1, "recurring_months must be at least 1")
      .max(120, "recurring_months must be at most 120")
      .nullable()
      .optional(),
  })
  .strict()
export const AdminOrgQuerySchema = z.object({ org_id: text().optional() })
export const AdminListAffiliatesSchema = z.object({
  org_id: text().optional(),
  status: z.enum(["pending", "approved", "rejected", "suspended"], { message: "status must be pending, approved, rejected or suspended" }).optional(),
})
export const AdminUpdateAffiliateSchema = z
  .object({
    status: z.enum(["pending", "approved", "rejected", "suspended"], { message: "status must be pending, approved, rejected or suspended" }).optional(),
    commission_type: z.enum(["percent", "fixed"], { message: "commission_type must be percent or fixed" }).nullable().optional(),
    commission_bps: bps.optional().nullable(),
    fixed_amounts: amounts("fixed_amounts").optional().nullable(),
  })
  .strict()
export const AdminProductRateSchema = z
  .object({
    product_id: text().min(1, "product_id is required"),
    commission_type: z.enum(["percent", "fixed"], { message: "commission_type must be percent or fixed" }),
    commission_bps: bps.optional().nullable(),
    fixed_amounts: amounts("fixed_amounts").optional().nullable(),
  })
  .strict()
export const AdminCouponSchema = z.object({ promotion_id: text().min(1, "promotion_id is required") }).strict()
export const AdminListCommissionsSchema = z.object({
  org_id: text().optional(),
  affiliate_id: text().optional(),
  status: z.enum(["pending", "approved", "paid", "voided"], { message: "status must be pending, approved, paid or voided" }).optional(),
  flagged: z.enum(["true", "false"], { message: "flagged must be true or false" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})
export const AdminReviewCommissionSchema = z
  .object({ decision: z.enum(["approve", "reject"], { message: "decision must be approve or reject" }) })
  .strict()
export const AdminPayoutSchema = z
  .object({
    currency_code: currency("currency_code"),
    amount: money("amount").optional().nullable(),
    reference: text().min(1).max(120).optional().nullable(),
    note: text().max(500).optional().nullable(),
  })
  .strict()

export type AdminOrgQuery = z.infer<typeof AdminOrgQuerySchema>
export type AdminListAffiliatesQuery = z.infer<typeof AdminListAffiliatesSchema>
export type AdminListCommissionsQuery = z.infer<typeof AdminListCommissionsSchema>
export type AdminProductRate = z.infer<typeof AdminProductRateSchema>
export type AdminPayout = z.infer<typeof AdminPayoutSchema>
