import { decidePromoCode, PromoCodeFacts } from "./promo-code"

const NOW = new Date("2026-06-01T12:00:00Z")
const facts = (over: Partial<PromoCodeFacts> = {}, promo: Partial<NonNullable<PromoCodeFacts["promotion"]>> = {}): PromoCodeFacts => ({
  code: "SAVE10",
  promotion: { status: "active", limit: null, used: 0, campaign_starts_at: null, campaign_ends_at: null, ...promo },
  owner_org_id: "org_a",
  cart_org_id: "org_a",
  ...over,
})

describe("decidePromoCode", () => {
  it("accepts an active code of the cart's org", () => {
    expect(decidePromoCode(facts(), NOW)).toEqual({ ok: true })
  })

  it("answers another org's code, a platform code and a missing code alike", () => {
    const foreign = decidePromoCode(facts({ owner_org_id: "org_b" }), NOW)
    const platform = decidePromoCode(facts({ owner_org_id: null }), NOW)
    const missing = decidePromoCode(facts({ promotion: null, owner_org_id: null }), NOW)
    const noOrg = decidePromoCode(facts({ cart_org_id: null, owner_org_id: null }), NOW)
    for (const d of [foreign, platform, missing, noOrg]) {
      expect(d).toEqual({ ok: false, reason: "unknown", message: 'The promotion code "SAVE10" is not valid in this store' })
    }
  })

  it("refuses an ended campaign, one not started, a draft or inactive code and a used-up code", () => {
    expect(decidePromoCode(facts({}, { campaign_ends_at: "2026-06-01T11:59:59Z" }), NOW)).toMatchObject({ reason: "expired", message: 'The promotion code "SAVE10" has expired' })
    expect(decidePromoCode(facts({}, { campaign_ends_at: NOW }), NOW)).toMatchObject({ reason: "expired" })
    expect(decidePromoCode(facts({}, { campaign_ends_at: "2026-06-02T00:00:00Z" }), NOW)).toEqual({ ok: true })
    expect(decidePromoCode(facts({}, { campaign_starts_at: "2026-06-02T00:00:00Z" }), NOW)).toMatchObject({ reason: "not_started" })
    expect(decidePromoCode(facts({}, { status: "draft" }), NOW)).toMatchObject({ reason: "not_active" })
    expect(decidePromoCode(facts({}, { status: "inactive" }), NOW)).toMatchObject({ reason: "not_active" })
    expect(decidePromoCode(facts({}, { limit: 3, used: 3 }), NOW)).toMatchObject({ reason: "used_up" })
    expect(decidePromoCode(facts({}, { limit: 3, used: 2 }), NOW)).toEqual({ ok: true })
  })
})
