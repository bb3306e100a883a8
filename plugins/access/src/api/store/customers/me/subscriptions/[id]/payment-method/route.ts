import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ACCESS_MODULE } from "../../../../../../../modules/access"
import type AccessModuleService from "../../../../../../../modules/access/service"
import { subscriptionNow } from "../../../../../../../utils/clock"
import { renewSubscriptionNow } from "../../../../../../../utils/renew-now"
import { updateSubscriptionPaymentMethodWorkflow } from "../../../../../../../workflows/update-subscription-payment-method"
import { ownSubscription } from "../../../../../../utils/own-subscription"
import { SUBSCRIPTION_FIELDS } from "../../../../../../utils/subscriptions"
import type { StoreSubscriptionPaymentMethod } from "../../../../../../validators"

/**
 * POST /store/customers/me/subscriptions/:id/payment-method { provider_id, payment_method? }:
 * the method renewals charge from now on, saved through Medusa's payment module. A
 * past-due subscription retries its failed period at once with it (`retry` says how it went).
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreSubscriptionPaymentMethod> & MedusaStoreRequest, res: MedusaResponse) {
  const id = await ownSubscription(req)
  const now = subscriptionNow(req.scope)
  const { result } = await updateSubscriptionPaymentMethodWorkflow(req.scope).run({
    input: { subscription_id: id, ...req.validatedBody, now },
  })
  const retry = result.retry ? await renewSubscriptionNow(req.scope, id, now) : null
  const [subscription] = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptions({ id }, { select: [...SUBSCRIPTION_FIELDS] })
  res.json({ subscription, retry })
}
