import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { optInFromToken } from "../../../../automation/opt-in"
import { confirmMarketingOptInWorkflow } from "../../../../workflows/marketing-opt-in"
import { resolveStoreOrg } from "../../../utils/store-org"

/**
 * POST /store/marketing-opt-ins/confirm { token }: the link of the confirmation email
 * (the storefront's /email/confirm page posts it). Signed, for the key's org, single use,
 * unexpired: else a 400 saying which. Confirms the address for the org's marketing and
 * starts its lead-magnet sequences. Answers nothing about the customer.
 */
export async function POST(req: MedusaStoreRequest<{ token: string }>, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const optInId = optInFromToken(req.scope, req.validatedBody.token, org.id)
  await confirmMarketingOptInWorkflow(req.scope).run({ input: { opt_in_id: optInId } })
  res.json({ confirmed: true, message: `You're subscribed to ${org.name}. Your first email is on its way.` })
}
