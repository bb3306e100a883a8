import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { applySubscriptionTrialWorkflow } from "../../../../../workflows/apply-subscription-trial"
import { resolveStoreOrg } from "../../../../utils/guest-claim"

/**
 * POST /store/carts/:id/subscription-trial {}: makes the lines of the logged-in customer's
 * cart that start a subscription with a trial free (applySubscriptionTrialWorkflow); lines
 * the customer already had a subscription for keep their price, with the reason. The
 * storefront calls it before the payment session. The cart wall of @volmify/orgs runs first
 * (the key's channel, the cart's customer). Idempotent.
 */
export async function POST(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { result } = await applySubscriptionTrialWorkflow(req.scope).run({
    input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id, org_id: org.id },
  })
  const {
    data: [cart],
  } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "cart",
    fields: ["id", "currency_code", "subtotal", "discount_total", "total", "promotions.code", "items.id", "items.variant_id", "items.total"],
    filters: { id: req.params.id },
  })
  res.json({ subscription_trial: result, cart })
}
