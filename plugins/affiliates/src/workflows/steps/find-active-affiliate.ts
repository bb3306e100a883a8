import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../modules/affiliates"

export const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

/** The approved affiliate with `code` in an org whose program is enabled, or 404. */
export async function findActiveAffiliateByCode(container: MedusaContainer, orgId: string, code: string) {
  const service = svc(container)
  const [program] = await service.listAffiliatePrograms({ org_id: orgId })
  const [affiliate] = program?.enabled ? await service.listAffiliates({ org_id: orgId, code: code.trim().toUpperCase() }) : []
  if (!affiliate || affiliate.status !== "approved") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Referral code "${code}" was not found`)
  }
  return { affiliate, program }
}
