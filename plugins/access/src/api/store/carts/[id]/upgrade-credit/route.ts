import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { fromMinor } from "../../../../../rules/upgrade-credit"
import { applyUpgradeCreditWorkflow } from "../../../../../workflows/apply-upgrade-credit"
import type { StoreUpgradeCredit } from "../../../../validators"
import { resolveStoreOrg } from "../../../../utils/guest-claim"

/**
 * POST /store/carts/:id/upgrade-credit { variant_id }: puts the logged-in customer's
 * upgrade credit for that tier on their cart (applyUpgradeCreditWorkflow). The cart wall of
 * @volmify/orgs runs first (the key's channel, the cart's customer). Idempotent.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreUpgradeCredit> & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { result } = await applyUpgradeCreditWorkflow(req.scope).run({
    input: { cart_id: req.params.id, variant_id: req.validatedBody.variant_id, customer_id: req.auth_context.actor_id, org_id: org.id },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [cart],
  } = await query.graph({
    entity: "cart",
    fields: ["id", "currency_code", "subtotal", "discount_total", "total", "promotions.code", "items.id", "items.variant_id", "items.total", "items.adjustments.code", "items.adjustments.amount"],
    filters: { id: req.params.id },
  })
  const currency = result.currency_code
  res.json({
    upgrade_credit: {
      code: result.code,
      currency_code: currency,
      from_tier: result.from_tier,
      to_tier: result.to_tier,
      credit: fromMinor(BigInt(result.credit_minor), currency),
      amount_due: fromMinor(BigInt(result.amount_due_minor), currency),
    },
    cart,
  })
}
