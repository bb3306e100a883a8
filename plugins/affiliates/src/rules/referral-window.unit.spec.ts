import { chooseReferral, isInsideWindow } from "./referral-window"

const DAY = 86_400_000
const ordered = new Date("2026-06-30T12:00:00Z")
const ago = (days: number) => new Date(ordered.getTime() - days * DAY)

describe("chooseReferral", () => {
  const touches = [
    { affiliate_id: "aff_old", touched_at: ago(40), referral_id: "r0" },
    { affiliate_id: "aff_first", touched_at: ago(20), referral_id: "r1" },
    { affiliate_id: "aff_mid", touched_at: ago(10), referral_id: "r2" },
    { affiliate_id: "aff_last", touched_at: ago(1), referral_id: "r3" },
  ]
  const base = { touches, coupons: [], window_days: 30, ordered_at: ordered, eligible: () => true }

  it("first click credits the earliest touch inside the window; last click the latest", () => {
    expect(chooseReferral({ ...base, model: "first_click" })).toMatchObject({ source: "click", affiliate_id: "aff_first" })
    expect(chooseReferral({ ...base, model: "last_click" })).toMatchObject({ source: "click", affiliate_id: "aff_last" })
  })

  it("touches outside the window never count; the boundary day counts", () => {
    expect(chooseReferral({ ...base, touches: [touches[0]], model: "last_click" })).toBeNull()
    expect(isInsideWindow(ago(30), ordered, 30)).toBe(true)
    expect(isInsideWindow(new Date(ago(30).getTime() - 1), ordered, 30)).toBe(false)
  })

  it("ineligible affiliates are dropped before choosing", () => {
    expect(chooseReferral({ ...base, model: "last_click", eligible: (id) => id !== "aff_last" })).toMatchObject({ affiliate_id: "aff_mid" })
  })

  it("an affiliate's coupon wins over clicks, even with no click", () => {
    const coupons = [{ affiliate_id: "aff_coupon", promotion_id: "promo_1" }]
    expect(chooseReferral({ ...base, coupons, model: "last_click" })).toMatchObject({ source: "coupon", affiliate_id: "aff_coupon" })
    expect(chooseReferral({ ...base, touches: [], coupons, model: "first_click" })).toMatchObject({ source: "coupon", affiliate_id: "aff_coupon" })
    expect(chooseReferral({ ...base, coupons, model: "last_click", eligible: (id) => id !== "aff_coupon" })).toMatchObject({ source: "click", affiliate_id: "aff_last" })
  })
})
