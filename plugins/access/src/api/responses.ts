import { z } from "@medusajs/framework/zod"

/** Response bodies of this plugin's store routes (OpenAPI document, typed client). */
const decimal = z.string().describe("an exact decimal in the currency's major unit, e.g. \"12.50\" (never a float)")

export const StoreEntitlementListResponseSchema = z.object({
  entitlements: z.array(
    z.looseObject({
      id: z.string(),
      product_id: z.string(),
      tier: z.number().int(),
      source_type: z.string(),
      starts_at: z.string(),
      expires_at: z.string().nullable(),
      status: z.string(),
    })
  ),
})

const money = {
  currency_code: z.string(),
  credit: decimal,
  amount_due: decimal,
}
export const StoreUpgradeQuoteResponseSchema = z.object({
  upgrade_quote: z.looseObject({
    variant_id: z.string(),
    tier: z.number().int(),
    from_tier: z.number().int().nullable(),
    price: decimal,
    ...money,
    price_minor: z.number().int(),
    credit_minor: z.number().int(),
    amount_due_minor: z.number().int(),
  }),
})
export const StoreUpgradeCreditResponseSchema = z.object({
  upgrade_credit: z.looseObject({ code: z.string(), from_tier: z.number().int().nullable(), to_tier: z.number().int(), ...money }),
  cart: z.looseObject({ id: z.string() }),
})
export const StoreGuestClaimResponseSchema = z.looseObject({})
export const StoreGuestClaimEmailResponseSchema = z.object({ message: z.string() })
