import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { setSubscriptionRenewalWorkflow } from "../../../../../../../workflows/set-subscription-renewal"
import { ownSubscription } from "../../../../../../utils/own-subscription"

/** POST /store/customers/me/subscriptions/:id/cancel: cancel at the end of the paid period (access until then, no further charge). */
export async function POST(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const id = await ownSubscription(req)
  const { result } = await setSubscriptionRenewalWorkflow(req.scope).run({
    input: { subscription_id: id, cancel_at_period_end: true },
  })
  res.json({ subscription: result })
}
