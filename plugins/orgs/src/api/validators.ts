import { z } from "@medusajs/framework/zod"
import { text } from "../validation"
import { EMPLOYEE_ROLES } from "../rules/roles"

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/
const LOCALE = /^[a-z]{2,3}(?:-[A-Z]{2})?$/

export const BrandingSchema = z
  .object({
    logo_url: text().url().max(2000).nullable().optional(),
    primary_color: text().regex(HEX_COLOR, "primary_color must be a hex colour like #1d4ed8").nullable().optional(),
    accent_color: text().regex(HEX_COLOR, "accent_color must be a hex colour like #f59e0b").nullable().optional(),
    font: z.enum(["system", "serif", "mono", "rounded"]).nullable().optional(),
    default_locale: text().regex(LOCALE, "default_locale must be a locale like en or en-US").nullable().optional(),
    locales: z.array(text().regex(LOCALE, "locales must be locales like en or en-US")).max(20).nullable().optional(),
  })
  .strict()

const bps = z.number().int().min(0).max(10000)
export const SettingsSchema = z
  .object({
    platform_fee_bps: bps.optional(),
    platform_fee_fixed: z.number().int().min(0).optional(),
    processing_fee_bps: bps.optional(),
    processing_fee_fixed: z.number().int().min(0).optional(),
    fee_base: z.enum(["gross", "net_of_tax"]).optional(),
    refund_fee_bearer: z.enum(["org", "platform"]).optional(),
    default_currency_code: text().regex(/^[a-z]{3}$/, "default_currency_code must be a lowercase ISO 4217 code").nullable().optional(),
  })
  .strict()

/** Settings only a platform operator may change: the platform's own cut. */
// Terms between the platform and an org: who pays the platform, and who bears the processing
// fee a refund does not return. An org cannot move its costs onto the platform.
export const PLATFORM_ONLY_SETTINGS = ["platform_fee_bps", "platform_fee_fixed", "refund_fee_bearer"] as const

const Role = z.enum(EMPLOYEE_ROLES)

export const AdminListOrgsQuerySchema = z
  .object({
    q: text().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListOrgsQuery = z.infer<typeof AdminListOrgsQuerySchema>

export const AdminCreateOrgSchema = z
  .object({
    handle: text().trim().min(2).max(60),
    name: text().trim().min(1).max(120),
    owner_user_id: text().min(1),
    support_email: text().email().nullable().optional(),
    branding: BrandingSchema.nullable().optional(),
    settings: SettingsSchema.nullable().optional(),
  })
  .strict()
export type AdminCreateOrg = z.infer<typeof AdminCreateOrgSchema>

export const AdminUpdateOrgSchema = z
  .object({
    name: text().trim().min(1).max(120).optional(),
    support_email: text().email().nullable().optional(),
    branding: BrandingSchema.nullable().optional(),
    settings: SettingsSchema.nullable().optional(),
  })
  .strict()
export type AdminUpdateOrg = z.infer<typeof AdminUpdateOrgSchema>

export const AdminAddDomainSchema = z
  .object({
    hostname: text().trim().min(1).max(253),
    is_primary: z.boolean().optional(),
  })
  .strict()
export type AdminAddDomain = z.infer<typeof AdminAddDomainSchema>

export const AdminUpdateDomainSchema = z
  .object({ is_primary: z.literal(true).optional(), verified: z.boolean().optional() })
  .strict()
export type AdminUpdateDomain = z.infer<typeof AdminUpdateDomainSchema>

export const AdminUpdateEmployeeSchema = z
  .object({
    role: Role.optional(),
    status: z.enum(["active", "inactive"]).optional(),
    display_name: text().trim().min(1).max(120).nullable().optional(),
    title: text().trim().max(120).nullable().optional(),
    bio: text().max(5000).nullable().optional(),
  })
  .strict()
export type AdminUpdateEmployee = z.infer<typeof AdminUpdateEmployeeSchema>

export const AdminInviteSchema = z
  .object({
    email: text().trim().email(),
    role: Role,
    expires_in_days: z.number().int().min(1).max(30).optional(),
  })
  .strict()
export type AdminInvite = z.infer<typeof AdminInviteSchema>

export const AdminResendInvitationSchema = z
  .object({ expires_in_days: z.number().int().min(1).max(30).optional() })
  .strict()

export const AdminListInvitationsQuerySchema = z
  .object({
    status: z.enum(["pending", "accepted", "declined", "expired", "cancelled"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListInvitationsQuery = z.infer<typeof AdminListInvitationsQuerySchema>

export const AdminListMembersQuerySchema = z
  .object({
    type: z.enum(["learner", "customer", "community"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListMembersQuery = z.infer<typeof AdminListMembersQuerySchema>

export const InvitationTokenSchema = z.object({ token: text().min(10).max(200) }).strict()

export const AcceptInvitationSchema = z
  .object({
    token: text().min(10).max(200),
    first_name: text().trim().max(120).optional(),
    last_name: text().trim().max(120).optional(),
  })
  .strict()
export type AcceptInvitation = z.infer<typeof AcceptInvitationSchema>

export const StoreResolveOrgQuerySchema = z
  .object({ host: text().trim().min(1).max(253) })
  .strict()

export const StoreJoinOrgSchema = z
  .object({ type: z.enum(["learner", "community"]).optional() })
  .strict()
