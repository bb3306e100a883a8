import { z } from "@medusajs/framework/zod"

/** Response bodies of this plugin's store routes (OpenAPI document, typed client). */
export const StoreOrgResponseSchema = z.object({
  org: z.looseObject({
    id: z.string(),
    handle: z.string(),
    name: z.string(),
    support_email: z.string().nullable(),
    branding: z.looseObject({
      logo_url: z.string().nullable(),
      primary_color: z.string().nullable(),
      accent_color: z.string().nullable(),
      font: z.string(),
      default_locale: z.string(),
    }),
    locales: z.array(z.string()),
    default_currency_code: z.string().nullable(),
  }),
})
export const StoreResolveOrgResponseSchema = z.object({
  org: z.object({ id: z.string(), handle: z.string(), name: z.string() }),
  hostname: z.string(),
  publishable_key: z.string(),
})
export const StoreMembershipResponseSchema = z.object({
  member: z.looseObject({ id: z.string(), org_id: z.string() }),
})
export const StoreEmailPreferencesResponseSchema = z.object({
  email_preferences: z.object({ marketing: z.boolean(), suppressed_reason: z.string().nullable() }),
})
export const StoreMarketingOptInResponseSchema = z.object({ message: z.string() })
export const StoreConfirmOptInResponseSchema = z.object({ confirmed: z.literal(true), message: z.string() })
/** Medusa's error body (`{ type, message }`), plus a `code` where the route names one. */
export const ErrorSchema = z.looseObject({ type: z.string(), message: z.string(), code: z.string().optional() })
