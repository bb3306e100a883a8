import { z } from "@medusajs/framework/zod"

/** Response bodies of this plugin's store routes (OpenAPI document, typed client). */
const affiliate = z.looseObject({
  id: z.string(),
  org_id: z.string(),
  email: z.string().nullable(),
  code: z.string(),
  status: z.string(),
  created_at: z.string(),
})
export const StoreApplyAffiliateResponseSchema = z.object({ affiliate })
export const StoreMyAffiliateResponseSchema = z.object({
  program: z.looseObject({ enabled: z.boolean() }),
  affiliate: affiliate.omit({ org_id: true }).extend({ org_id: z.string().optional() }).nullable(),
  clicks: z.number().int(),
  orders: z.number().int(),
  earnings: z.array(z.looseObject({})),
  commissions: z.array(z.looseObject({ id: z.string(), currency_code: z.string(), status: z.string() })),
})
export const StoreRecordClickResponseSchema = z.looseObject({ click: z.looseObject({ id: z.string(), code: z.string() }) })
export const StoreAttachReferralResponseSchema = z.object({ referral: z.looseObject({}) })
