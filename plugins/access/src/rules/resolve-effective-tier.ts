/**
 * A customer's tier for a product: the highest tier among entitlements that are active,
 * have started and have not expired at `now`; 0 when none. Pure; the single definition
 * every gate relies on (the service's SQL query applies the same conditions).
 */
export type TierGrant = {
  tier: number
  status: string
  starts_at: Date | string
  expires_at: Date | string | null
}

export function isGrantLive(grant: TierGrant, now: Date): boolean {
  if (grant.status !== "active") return false
  if (new Date(grant.starts_at) > now) return false
  return grant.expires_at === null || new Date(grant.expires_at) > now
}

export function resolveEffectiveTier(grants: TierGrant[], now: Date = new Date()): number {
  return grants.reduce((max, g) => (isGrantLive(g, now) && g.tier > max ? g.tier : max), 0)
}
