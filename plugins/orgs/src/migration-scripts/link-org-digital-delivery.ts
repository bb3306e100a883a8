import type { MedusaContainer } from "@medusajs/framework/types"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import { ensureDigitalDeliveryWorkflow } from "../workflows/ensure-digital-delivery"

/**
 * Runs once on `medusa db:migrate`: orgs created before the shared "Digital delivery" option
 * existed get their sales channel linked to it (new orgs get it from createOrgWorkflow).
 * The workflow is idempotent, so running it again changes nothing.
 */
export default async function linkOrgDigitalDelivery({ container }: { container: MedusaContainer }) {
  const orgs = await container.resolve<OrgModuleService>(ORG_MODULE).listOrgs({}, { select: ["sales_channel_id"], take: null })
  const sales_channel_ids = orgs.map((o) => o.sales_channel_id).filter(Boolean)
  // No org yet: the first createOrgWorkflow makes the rows (currencies and countries are seeded by then).
  if (!sales_channel_ids.length) return
  await ensureDigitalDeliveryWorkflow(container).run({ input: { sales_channel_ids } })
}
