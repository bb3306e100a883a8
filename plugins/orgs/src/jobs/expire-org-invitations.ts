import type { MedusaContainer } from "@medusajs/framework/types"
import { expireInvitationsWorkflow } from "../workflows/expire-invitations"

/** Hourly: pending invitations past their expiry become `expired`. */
export default async function expireOrgInvitationsJob(container: MedusaContainer) {
  await expireInvitationsWorkflow(container).run({ input: {} })
}

export const config = { name: "expire-org-invitations", schedule: "17 * * * *" }
