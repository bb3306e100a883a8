/**
 * Whether a promotion code may be applied to a cart of an org's storefront. Medusa checks
 * only that a code exists; a code it cannot apply (another org's, a draft, an ended
 * campaign, used up) is silently dropped, and a code with no rules would apply to any
 * org's cart. An org's promotions are linked to it (and carry its sales channel rule);
 * a code reaches a cart only when its promotion is the cart org's.
 *
 * Another org's code answers exactly like a code that does not exist: a storefront does
 * not learn which codes other schools have.
 */
export type PromoCodeFacts = {
  code: string
  /** The promotion with this code, or null when none exists. */
  promotion: null | {
    status: string | null
    limit: number | null
    used: number | null
    campaign_starts_at: Date | string | null
    campaign_ends_at: Date | string | null
  }
  /** The org the promotion is linked to (null: a platform promotion, linked to no org). */
  owner_org_id: string | null
  /** The org of the cart (of the publishable key). */
  cart_org_id: string | null
}

export type PromoCodeDecision = { ok: true } | { ok: false; reason: "unknown" | "not_active" | "expired" | "not_started" | "used_up"; message: string }

const time = (d: Date | string | null) => (d == null ? null : new Date(d).getTime())

export function decidePromoCode(facts: PromoCodeFacts, now: Date = new Date()): PromoCodeDecision {
  const { code, promotion } = facts
  if (!promotion || !facts.cart_org_id || facts.owner_org_id !== facts.cart_org_id) {
    return { ok: false, reason: "unknown", message: `The promotion code "${code}" is not valid in this store` }
  }
  const ends = time(promotion.campaign_ends_at)
  if (ends !== null && ends <= now.getTime()) {
    return { ok: false, reason: "expired", message: `The promotion code "${code}" has expired` }
  }
  const starts = time(promotion.campaign_starts_at)
  if (starts !== null && starts > now.getTime()) {
    return { ok: false, reason: "not_started", message: `The promotion code "${code}" is not valid yet` }
  }
  if (promotion.status !== "active") {
    return { ok: false, reason: "not_active", message: `The promotion code "${code}" is no longer active` }
  }
  if (typeof promotion.limit === "number" && (promotion.used ?? 0) >= promotion.limit) {
    return { ok: false, reason: "used_up", message: `The promotion code "${code}" has been used up` }
  }
  return { ok: true }
}
