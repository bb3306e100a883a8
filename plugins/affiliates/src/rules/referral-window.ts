/**
 * Which referral an order is credited to. Coupons are explicit: an order that used a
 * promotion code linked to an affiliate is credited to that affiliate whatever the clicks
 * (the first such coupon, in the order given). Otherwise the cart's touches (clicks the
 * storefront attached) inside the cookie window, measured from the click to the order,
 * decide: `first_click` credits the earliest, `last_click` the latest. A touch whose
 * affiliate is not eligible (not approved, other org) is dropped before choosing.
 */
export type Touch = { affiliate_id: string; touched_at: Date; click_id?: string | null; referral_id?: string | null }
export type CouponTouch = { affiliate_id: string; promotion_id: string; code?: string | null }
export type AttributionModel = "first_click" | "last_click"

export type ChosenReferral =
  | { source: "coupon"; affiliate_id: string; promotion_id: string; touched_at: null }
  | { source: "click"; affiliate_id: string; touched_at: Date; click_id: string | null; referral_id: string | null }

const DAY_MS = 86_400_000

export function isInsideWindow(touchedAt: Date, orderedAt: Date, windowDays: number): boolean {
  const age = orderedAt.getTime() - touchedAt.getTime()
  return age <= windowDays * DAY_MS
}

export function chooseReferral(input: {
  touches: Touch[]
  coupons: CouponTouch[]
  model: AttributionModel
  window_days: number
  ordered_at: Date
  eligible: (affiliateId: string) => boolean
}): ChosenReferral | null {
  const coupon = input.coupons.find((c) => input.eligible(c.affiliate_id))
  if (coupon) return { source: "coupon", affiliate_id: coupon.affiliate_id, promotion_id: coupon.promotion_id, touched_at: null }
  const valid = input.touches
    .filter((t) => input.eligible(t.affiliate_id) && isInsideWindow(t.touched_at, input.ordered_at, input.window_days))
    .sort((x, y) => x.touched_at.getTime() - y.touched_at.getTime() || String(x.referral_id).localeCompare(String(y.referral_id)))
  if (!valid.length) return null
  const pick = input.model === "first_click" ? valid[0] : valid[valid.length - 1]
  return {
    source: "click",
    affiliate_id: pick.affiliate_id,
    touched_at: pick.touched_at,
    click_id: pick.click_id ?? null,
    referral_id: pick.referral_id ?? null,
  }
}
