import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

type LinkDefinition = Record<string, Record<string, string>>

/**
 * Shared body of the "created" hooks: when `additional_data.org_id` is set (forced by the
 * org-scoped admin for staff, optional for platform operators), links each created record
 * to that org. The compensation dismisses the links if a later step fails.
 */
export async function linkCreatedToOrg(
  container: MedusaContainer,
  additionalData: Record<string, unknown> | undefined,
  module: string,
  key: string,
  recordIds: string[]
): Promise<StepResponse<LinkDefinition[], LinkDefinition[]>> {
  const orgId = additionalData?.org_id
  if (orgId === undefined || orgId === null || !recordIds.length) {
    return new StepResponse([], [])
  }
  if (typeof orgId !== "string") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "additional_data.org_id must be a string")
  }
  // Throws NOT_FOUND for an unknown org.
  await container.resolve<OrgModuleService>(ORG_MODULE).retrieveOrg(orgId, { select: ["id"] })
  const links = recordIds.map((id) => ({ [ORG_MODULE]: { org_id: orgId }, [module]: { [key]: id } }))
  await container.resolve(ContainerRegistrationKeys.LINK).create(links)
  return new StepResponse(links, links)
}

export async function dismissOrgLinks(links: LinkDefinition[] | undefined, container: MedusaContainer) {
  if (links?.length) {
    await container.resolve(ContainerRegistrationKeys.LINK).dismiss(links)
  }
}
