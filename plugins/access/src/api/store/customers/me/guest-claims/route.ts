import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { claimGuestEntitlementsWorkflow } from "../../../../../workflows/claim-guest-entitlements"
import { GUEST_ORDER_TOKEN_HEADER, guestOrderTokenKey, resolveStoreOrg, verifyGuestOrderToken } from "../../../../utils/guest-claim"

/**
 * POST /store/customers/me/guest-claims: the logged-in account claims the access of the
 * guest order whose guest order token (`x-order-token`) this browser holds. The order must
 * be of this store's org and placed with the account's email. Idempotent.
 */
export async function POST(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const raw = req.get(GUEST_ORDER_TOKEN_HEADER)
  if (!raw) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Send the guest order token (${GUEST_ORDER_TOKEN_HEADER}) of the order to claim, or ask for a claim link by email`
    )
  }
  const orderId = verifyGuestOrderToken(guestOrderTokenKey(req.scope), raw)
  if (!orderId) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      "The guest order token is not valid or has expired: ask for a claim link by email"
    )
  }
  const { result } = await claimGuestEntitlementsWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, org_id: org.id, order_id: orderId },
  })
  res.json(result)
}
