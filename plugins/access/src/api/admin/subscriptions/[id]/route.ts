import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ACCESS_MODULE } from "../../../../modules/access"
import type AccessModuleService from "../../../../modules/access/service"
import { withNextCharge } from "../../../utils/subscriptions"
import { subscriptionInScope } from "../scope"

/** GET /admin/subscriptions/:id: one subscription with its renewal records (period, status, order). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const sub = await subscriptionInScope(req)
  const renewals = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptionRenewals(
      { subscription_id: sub.id },
      { select: ["id", "period_index", "status", "attempts", "order_id", "last_error", "period_start", "period_end"], order: { period_index: "ASC" } }
    )
  const [withCharge] = await withNextCharge(req, [sub])
  res.json({ subscription: { ...withCharge, renewals } })
}
