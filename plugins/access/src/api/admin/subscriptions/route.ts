import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ACCESS_MODULE } from "../../../modules/access"
import type AccessModuleService from "../../../modules/access/service"
import { adminOrgScope, COMMERCE_ROLES } from "../../utils/tenancy"
import { SUBSCRIPTION_FIELDS, withNextCharge } from "../../utils/subscriptions"
import type { AdminSubscriptionListQuery } from "../../validators"

/** GET /admin/subscriptions: the org's subscriptions (staff) or all (operator), newest first. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminSubscriptionListQuery>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, COMMERCE_ROLES)
  const { status, limit, offset } = req.validatedQuery
  const [subs, count] = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listAndCountSubscriptions(
      { ...(orgId ? { org_id: orgId } : {}), ...(status ? { status } : {}) },
      { select: [...SUBSCRIPTION_FIELDS, "email"], order: { created_at: "DESC" }, take: limit, skip: offset }
    )
  res.json({ subscriptions: await withNextCharge(req, subs), count, limit, offset })
}
