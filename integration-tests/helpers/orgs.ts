import type { MedusaContainer } from "@medusajs/framework/types"
import { createPublishableKey, StoreKey } from "./actors"

export type TestOrg = { org: { id: string; handle: string; name: string; status: string }; key: StoreKey }

type OrgService = {
  createOrgs(data: { handle: string; name: string; sales_channel_id: string; status?: string }): Promise<TestOrg["org"]>
}

/** An org with its own sales channel and publishable key. */
export async function createTestOrg(
  container: MedusaContainer,
  { handle, name = handle, status = "active" }: { handle: string; name?: string; status?: "active" | "suspended" }
): Promise<TestOrg> {
  const key = await createPublishableKey(container, { title: `${handle} key` })
  const org = await container
    .resolve<OrgService>("org")
    .createOrgs({ handle, name, sales_channel_id: key.salesChannelId, status })
  return { org, key }
}
