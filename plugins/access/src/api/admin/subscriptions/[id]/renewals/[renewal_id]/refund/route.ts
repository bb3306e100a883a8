import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refundSubscriptionPeriodWorkflow } from "../../../../../../../workflows/refund-subscription-period"
import { subscriptionNow } from "../../../../../../../utils/clock"
import { actorId } from "../../../../../../utils/tenancy"
import type { AdminRefundSubscriptionPeriod } from "../../../../../../validators"
import { subscriptionInScope } from "../../../../scope"

/**
 * POST /admin/subscriptions/:id/renewals/:renewal_id/refund { reason, amount? }: refunds
 * that paid period's order payment, or a part of it (commerce roles). Refunding all that is
 * left of the current period also cancels the subscription now (rules/period-refund.ts).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminRefundSubscriptionPeriod>, res: MedusaResponse) {
  const sub = await subscriptionInScope(req)
  const { result } = await refundSubscriptionPeriodWorkflow(req.scope).run({
    input: {
      subscription_id: sub.id,
      renewal_id: req.params.renewal_id,
      reason: req.validatedBody.reason,
      amount: req.validatedBody.amount ?? null,
      now: subscriptionNow(req.scope),
      created_by: actorId(req) ?? undefined,
    },
  })
  res.json({ refund: result })
}
