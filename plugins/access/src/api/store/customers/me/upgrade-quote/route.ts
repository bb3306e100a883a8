import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, QueryContext } from "@medusajs/framework/utils"
import { fromMinor, toMinor } from "../../../../../rules/upgrade-credit"
import { loadUpgradeTarget, quoteUpgrade } from "../../../../../utils/upgrade-quote"
import type { StoreUpgradeQuoteQuery } from "../../../../validators"
import { resolveStoreOrg } from "../../../../utils/guest-claim"

/**
 * GET /store/customers/me/upgrade-quote?variant_id=&region_id=: what the logged-in customer
 * would pay for that tier in that region, after the credit for what they paid for lower
 * tiers of the same course (rules/upgrade-credit.ts). Amounts are exact decimal strings in
 * the region's currency, with the same in minor units. Another org's variant: 404.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreUpgradeQuoteQuery> & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { variant_id, region_id } = req.validatedQuery as StoreUpgradeQuoteQuery
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const target = await loadUpgradeTarget(req.scope, variant_id, org.id)
  const {
    data: [region],
  } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: region_id } })
  if (!region) throw new MedusaError(MedusaError.Types.INVALID_DATA, `region_id "${region_id}" is not a region of this store`)
  const {
    data: [variant],
  } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.calculated_amount", "calculated_price.currency_code"],
    filters: { id: variant_id },
    context: { calculated_price: QueryContext({ region_id: region.id, currency_code: region.currency_code }) },
  })
  const price = variant?.calculated_price?.calculated_amount
  if (price === null || price === undefined) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `This tier is not sold in ${region.currency_code.toUpperCase()}: choose another region`)
  }
  const currency = region.currency_code
  const decision = await quoteUpgrade(req.scope, { customer_id: req.auth_context.actor_id, target, price, currency_code: currency })
  // NOT_ALLOWED (400): Medusa's error handler replaces the message of a CONFLICT (409).
  if (!decision.ok) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, decision.message)
  const priceMinor = toMinor(price, currency)
  res.json({
    upgrade_quote: {
      variant_id,
      tier: target.tier,
      from_tier: decision.from_tier,
      currency_code: currency,
      price: fromMinor(priceMinor, currency),
      credit: fromMinor(decision.credit_minor, currency),
      amount_due: fromMinor(decision.amount_due_minor, currency),
      price_minor: Number(priceMinor),
      credit_minor: Number(decision.credit_minor),
      amount_due_minor: Number(decision.amount_due_minor),
    },
  })
}
