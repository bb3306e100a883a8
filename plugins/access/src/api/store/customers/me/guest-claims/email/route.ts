import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { signGuestClaimLink } from "../../../../../../rules/guest-claim"
import { sendGuestClaimLinkWorkflow } from "../../../../../../workflows/send-guest-claim-link"
import type { StoreGuestClaimEmail } from "../../../../../validators"
import { guestClaimLinkKey, resolveStoreOrg } from "../../../../../utils/guest-claim"

/** One claim email per account and org per this many seconds. */
const RESEND_WINDOW_SECONDS = 10 * 60

/**
 * POST /store/customers/me/guest-claims/email: emails a one-time claim link to the
 * account's own address when it bought something here as a guest. The answer is the same
 * either way (202): it does not tell an account what its email bought.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreGuestClaimEmail> & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const customerId = req.auth_context.actor_id
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [customer],
  } = await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: customerId } })
  const { token } = signGuestClaimLink(guestClaimLinkKey(req), { customer_id: customerId, org_id: org.id, email: customer?.email ?? "" })
  const window = Math.floor(Date.now() / 1000 / RESEND_WINDOW_SECONDS)
  await sendGuestClaimLinkWorkflow(req.scope).run({
    input: {
      customer_id: customerId,
      org_id: org.id,
      token,
      idempotency_key: `guest-claim-link:${customerId}:${org.id}:${window}`,
    },
  })
  res.status(202).json({
    message: `If ${customer?.email ?? "your email"} bought something here as a guest, a link to add it to this account is on its way`,
  })
}
