/**
 * The lesson gate, the one rule every course route applies. Order (first failing wins):
 * course not published -> 404; free preview -> allowed; anonymous -> 401; effective tier
 * too low -> 403 tier_required; not released by drip -> 403 drip_locked; else allowed.
 */
export type GateInput = {
  course_status: string
  is_preview: boolean
  /** null for an anonymous caller. */
  customer_id: string | null
  customer_tier: number
  /** max(module, section, placement) required tiers: see effectiveRequiredTier. */
  required_tier: number
  /** Release moment from dripAvailableAt (null: no drip). */
  available_at: Date | null
  now?: Date
}

export type GateDecision =
  | { allowed: true }
  | { allowed: false; status: 404; code: "not_found" }
  | { allowed: false; status: 401; code: "auth_required" }
  | { allowed: false; status: 403; code: "tier_required"; required_tier: number; current_tier: number }
  | { allowed: false; status: 403; code: "drip_locked"; available_at: Date }

export const LOCK_REASONS = { auth_required: "auth", tier_required: "tier", drip_locked: "drip" } as const
export type LockReason = (typeof LOCK_REASONS)[keyof typeof LOCK_REASONS] | null

/** Effective required tier of a placement: the strictest of its module, section and own tier. */
export function effectiveRequiredTier(...tiers: (number | null | undefined)[]): number {
  return tiers.reduce<number>((max, t) => (typeof t === "number" && t > max ? t : max), 1)
}

export function decideLessonAccess(input: GateInput): GateDecision {
  const now = input.now ?? new Date()
  if (input.course_status !== "published") {
    return { allowed: false, status: 404, code: "not_found" }
  }
  if (input.is_preview) {
    return { allowed: true }
  }
  if (!input.customer_id) {
    return { allowed: false, status: 401, code: "auth_required" }
  }
  if (input.customer_tier < input.required_tier) {
    return {
      allowed: false,
      status: 403,
      code: "tier_required",
      required_tier: input.required_tier,
      current_tier: input.customer_tier,
    }
  }
  if (input.available_at && input.available_at.getTime() > now.getTime()) {
    return { allowed: false, status: 403, code: "drip_locked", available_at: input.available_at }
  }
  return { allowed: true }
}

/** The outline's `lock_reason` for a decision (null when open). */
export function lockReason(decision: GateDecision): LockReason {
  if (decision.allowed || decision.code === "not_found") return null
  return LOCK_REASONS[decision.code]
}
