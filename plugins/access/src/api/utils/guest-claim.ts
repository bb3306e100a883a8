import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { deriveGuestClaimLinkKey } from "../../rules/guest-claim"

// The key's org, as @volmify/orgs decides it (404 without org, 403 suspended), and its
// guest order token (issued when a guest's cart completes).
export { resolveStoreOrg, verifyGuestOrderToken, GUEST_ORDER_TOKEN_HEADER, guestOrderTokenKey } from "@volmify/orgs/tenancy"

let cached: { secret: string; key: Buffer } | null = null

/** The claim-link key, derived from the app's JWT secret with its own label. */
export function guestClaimLinkKey(req: MedusaStoreRequest): Buffer {
  const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { projectConfig?: { http?: { jwtSecret?: string } } }
  const secret = String(config.projectConfig?.http?.jwtSecret ?? "")
  if (!secret) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "projectConfig.http.jwtSecret is not set")
  if (cached?.secret !== secret) cached = { secret, key: deriveGuestClaimLinkKey(secret) }
  return cached.key
}
