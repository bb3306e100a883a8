import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { setSubscriptionRenewalWorkflow } from "../../../../../../../workflows/set-subscription-renewal"
import { ownSubscription } from "../../../../../../utils/own-subscription"

/** POST /store/customers/me/subscriptions/:id/resume: undo a cancel at period end before the period ends. */
export async function POST(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const id = await ownSubscription(req)
  const { result } = await setSubscriptionRenewalWorkflow(req.scope).run({
    input: { subscription_id: id, cancel_at_period_end: false },
  })
  res.json({ subscription: result })
}
