import type { MedusaContainer } from "@medusajs/framework/types"
import { approveDueCommissionsWorkflow } from "../workflows/approve-due-commissions"

/** Hourly: approve commissions whose hold period (the refund window) has passed. */
export default async function approveAffiliateCommissionsJob(container: MedusaContainer) {
  await approveDueCommissionsWorkflow(container).run({ input: {} })
}

export const config = { name: "approve-affiliate-commissions", schedule: "0 * * * *" }
