import { MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

export const STORE_ORG_FIELDS = ["id", "handle", "name", "status"] as const

/**
 * The org of a store request: the org owning the publishable key's sales channel.
 * A key whose channel has no org is a 404; a suspended org is a 403.
 */
export async function resolveStoreOrg(req: MedusaStoreRequest) {
  const channelIds = req.publishable_key_context?.sales_channel_ids ?? []
  const orgs = req.scope.resolve<OrgModuleService>(ORG_MODULE)
  const [org] = channelIds.length
    ? await orgs.listOrgs(
        { sales_channel_id: channelIds },
        { take: 1, select: [...STORE_ORG_FIELDS] }
      )
    : []
  if (!org) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      "No org is attached to this publishable API key's sales channel"
    )
  }
  if (org.status !== "active") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, `The org "${org.handle}" is suspended`)
  }
  return org
}
