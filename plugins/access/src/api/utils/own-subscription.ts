import { AuthenticatedMedusaRequest, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { resolveStoreOrg } from "./subscriptions"

/** The subscription `:id` when it is the logged-in customer's, in the key's org; 404 otherwise. */
export async function ownSubscription(req: AuthenticatedMedusaRequest & MedusaStoreRequest): Promise<string> {
  const { id: orgId } = await resolveStoreOrg(req)
  const [sub] = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptions({ id: req.params.id, customer_id: req.auth_context.actor_id, org_id: orgId }, { select: ["id"] })
  if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Subscription "${req.params.id}" was not found`)
  return sub.id
}
