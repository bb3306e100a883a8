import type { MedusaContainer } from "@medusajs/framework/types"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import { createDigitalDeliveryWorkflow, hasDigitalDelivery } from "../workflows/digital-delivery"

/**
 * Runs once on `medusa db:migrate`: orgs created before digital delivery existed get their
 * option (new orgs get it from createOrgWorkflow). Skips an org whose channel has one.
 */
export default async function backfillOrgDigitalDelivery({ container }: { container: MedusaContainer }) {
  const orgs = await container.resolve<OrgModuleService>(ORG_MODULE).listOrgs({}, { select: ["id", "handle", "name", "sales_channel_id"] })
  for (const org of orgs) {
    if (await hasDigitalDelivery(container, org.sales_channel_id)) continue
    await createDigitalDeliveryWorkflow(container).run({
      input: { org_id: org.id, handle: org.handle, name: org.name, sales_channel_id: org.sales_channel_id },
    })
  }
}
