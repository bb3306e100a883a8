import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { resolveStoreOrg } from "../../../../utils/subscriptions"
import type { StoreSavePaymentMethod } from "../../../../validators"
import { saveCustomerPaymentMethodWorkflow } from "../../../../../workflows/save-customer-payment-method"

/**
 * POST /store/customers/me/payment-methods { provider_id, payment_method }: save a method
 * for later off-session charges through Medusa's payment module (the logged-in customer's
 * account holder; Stripe: a confirmed setup intent). A free-trial checkout calls it before
 * completing: the subscription the order starts charges this method at the trial's end.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreSavePaymentMethod> & MedusaStoreRequest, res: MedusaResponse) {
  await resolveStoreOrg(req)
  const { result } = await saveCustomerPaymentMethodWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, ...req.validatedBody },
  })
  res.json({ payment_method: result })
}
