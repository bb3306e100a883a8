import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { checkGuestClaimLink, usedClaimLinkIssuedAt } from "../../../../../../rules/guest-claim"
import { claimGuestEntitlementsWorkflow } from "../../../../../../workflows/claim-guest-entitlements"
import type { StoreGuestClaimConfirm } from "../../../../../validators"
import { guestClaimLinkKey, resolveStoreOrg } from "../../../../../utils/guest-claim"

/**
 * POST /store/customers/me/guest-claims/confirm `{ token }`: the account the emailed link
 * was sent to claims every guest purchase of its email in this org. A link works once.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreGuestClaimConfirm> & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const customerId = req.auth_context.actor_id
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [customer],
  } = await query.graph({ entity: "customer", fields: ["id", "email", "metadata"], filters: { id: customerId } })
  const check = checkGuestClaimLink(guestClaimLinkKey(req), req.validatedBody.token, {
    customer_id: customerId,
    email: customer?.email ?? "",
    org_id: org.id,
    used_issued_at: usedClaimLinkIssuedAt(customer?.metadata, org.id),
  })
  if (!check.ok) {
    if (check.status === 409) {
      // Medusa's CONFLICT type would replace the message with a generic one.
      res.status(409).json({ type: "conflict", message: check.message })
      return
    }
    throw new MedusaError(check.status === 400 ? MedusaError.Types.INVALID_DATA : MedusaError.Types.FORBIDDEN, check.message)
  }
  const { result } = await claimGuestEntitlementsWorkflow(req.scope).run({
    input: { customer_id: customerId, org_id: org.id, link_issued_at: check.link.issued_at },
  })
  res.json(result)
}
