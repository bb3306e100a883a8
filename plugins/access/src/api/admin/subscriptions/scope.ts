import { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../../../modules/access"
import type AccessModuleService from "../../../modules/access/service"
import type { SubscriptionRecord } from "../../../types/records"
import { adminOrgScope, COMMERCE_ROLES } from "../../utils/tenancy"
import { SUBSCRIPTION_FIELDS } from "../../utils/subscriptions"

/** Subscription `:id` when the admin may see it (an operator sees every org's, staff their own org's); 404 otherwise. */
export async function subscriptionInScope(req: AuthenticatedMedusaRequest): Promise<SubscriptionRecord> {
  const orgId = await adminOrgScope(req, COMMERCE_ROLES)
  const [sub] = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptions({ id: req.params.id, ...(orgId ? { org_id: orgId } : {}) }, { select: [...SUBSCRIPTION_FIELDS, "email"] })
  if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Subscription "${req.params.id}" was not found`)
  return sub
}
