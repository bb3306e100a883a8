import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelSubscriptionWorkflow } from "../../../../../workflows/cancel-subscription"
import { subscriptionNow } from "../../../../../utils/clock"
import type { AdminCancelSubscription } from "../../../../validators"
import { subscriptionInScope } from "../../scope"

/** POST /admin/subscriptions/:id/cancel { reason }: cancel now, access revoked (commerce roles). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCancelSubscription>, res: MedusaResponse) {
  const sub = await subscriptionInScope(req)
  const { result } = await cancelSubscriptionWorkflow(req.scope).run({
    input: { subscription_id: sub.id, reason: req.validatedBody.reason, now: subscriptionNow(req.scope) },
  })
  res.json({ subscription: result })
}
