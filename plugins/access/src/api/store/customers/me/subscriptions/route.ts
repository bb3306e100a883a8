import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ACCESS_MODULE } from "../../../../../modules/access"
import type AccessModuleService from "../../../../../modules/access/service"
import { resolveStoreOrg, SUBSCRIPTION_FIELDS, withNextCharge } from "../../../../utils/subscriptions"
import { withSwitchOptions } from "../../../../../utils/subscription-switch"

/**
 * GET /store/customers/me/subscriptions: the logged-in customer's subscriptions in the key's
 * org (with the plans each can switch to, and `payment_method_saved`: whether renewals have a
 * saved method to charge; the provider's reference itself stays on the server).
 */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const { id: orgId } = await resolveStoreOrg(req)
  const subs = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptions(
      { customer_id: req.auth_context.actor_id, org_id: orgId },
      { select: [...SUBSCRIPTION_FIELDS, "payment_method_ref"], order: { created_at: "DESC" }, take: 100 }
    )
  const shown = subs.map(({ payment_method_ref, ...sub }) => ({ ...sub, payment_method_saved: !!payment_method_ref }))
  res.json({ subscriptions: await withSwitchOptions(req.scope, await withNextCharge(req, shown)) })
}
