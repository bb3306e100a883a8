import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * Double opt-in confirmation links: `v1.<org_id>.<opt_in_id>.<HMAC>`. The signature proves
 * the link came from us (a guessed or altered id is refused before any lookup); expiry and
 * single use are the opt-in row's (`expires_at`, `confirmed_at`), checked atomically when
 * confirming. The key is derived from the app's JWT secret with its own label.
 */
export const OPT_IN_TTL_HOURS = 48

export function deriveOptInKey(jwtSecret: string): Buffer {
  return createHmac("sha256", jwtSecret).update("volmify:marketing-opt-in:v1").digest()
}

const mac = (key: Buffer, orgId: string, optInId: string) =>
  createHmac("sha256", key).update(`${orgId}\n${optInId}`).digest("base64url")

export function signOptInToken(key: Buffer, orgId: string, optInId: string): string {
  return `v1.${orgId}.${optInId}.${mac(key, orgId, optInId)}`
}

/** The org and opt-in a token stands for, or null (malformed or altered). */
export function verifyOptInToken(key: Buffer, token: unknown): { org_id: string; opt_in_id: string } | null {
  if (typeof token !== "string" || token.length > 400) return null
  const m = /^v1\.([A-Za-z0-9_]{1,100})\.([A-Za-z0-9_]{1,100})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!m) return null
  const [, orgId, optInId, signature] = m
  const expected = Buffer.from(mac(key, orgId, optInId))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return { org_id: orgId, opt_in_id: optInId }
}

/**
 * Inactivity episodes ("no lesson opened for N days"). A student is inactive at `now` when
 * their last activity is older than `days`; the episode is named by that last activity, so
 * the same quiet spell enrolls them once and a lesson opened afterwards starts a new one.
 */
export function inactivityCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 3600_000)
}

export function inactivityEpisode(lastActivity: Date): string {
  return `inactive-since:${lastActivity.toISOString()}`
}
