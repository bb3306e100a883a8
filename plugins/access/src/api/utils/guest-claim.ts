import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { deriveGuestClaimLinkKey } from "../../rules/guest-claim"

// The key's org, as @volmify/orgs decides it (404 without org, 403 suspended).
export const { resolveStoreOrg } = require("@volmify/orgs/api/utils/store-org") as {
  resolveStoreOrg(req: MedusaStoreRequest): Promise<{ id: string; handle: string }>
}

// The guest order token of @volmify/orgs (issued when a guest's cart completes).
export const { verifyGuestOrderToken, GUEST_ORDER_TOKEN_HEADER } = require("@volmify/orgs/rules/guest-order-token") as {
  verifyGuestOrderToken(key: Buffer, token: unknown, now?: Date): string | null
  GUEST_ORDER_TOKEN_HEADER: string
}
export const { guestOrderTokenKey } = require("@volmify/orgs/api/store-scope/guard") as {
  guestOrderTokenKey(scope: MedusaStoreRequest["scope"]): Buffer
}

let cached: { secret: string; key: Buffer } | null = null

/** The claim-link key, derived from the app's JWT secret with its own label. */
export function guestClaimLinkKey(req: MedusaStoreRequest): Buffer {
  const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { projectConfig?: { http?: { jwtSecret?: string } } }
  const secret = String(config.projectConfig?.http?.jwtSecret ?? "")
  if (!secret) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "projectConfig.http.jwtSecret is not set")
  if (cached?.secret !== secret) cached = { secret, key: deriveGuestClaimLinkKey(secret) }
  return cached.key
}
