import { assessReferralFraud } from "./fraud"

const ordered = new Date("2026-06-30T12:00:00Z")
const base = {
  buyer: { customer_id: "cus_buyer", email: "buyer@example.com" },
  affiliate: { customer_id: "cus_aff", email: "aff@example.com" },
  touched_at: new Date(ordered.getTime() - 60_000),
  ordered_at: ordered,
  prior_orders: 0,
  prior_refunded_orders: 0,
}

describe("assessReferralFraud", () => {
  it("a clean referral has no flags", () => {
    expect(assessReferralFraud(base)).toEqual({ flags: [], blocked: false, needs_review: false })
  })
  it("self-referral by customer or by email (any case) blocks the commission", () => {
    expect(assessReferralFraud({ ...base, buyer: { customer_id: "cus_aff", email: "x@y.z" } })).toEqual({ flags: ["self_referral"], blocked: true, needs_review: false })
    expect(assessReferralFraud({ ...base, buyer: { customer_id: null, email: " AFF@example.com" } }).blocked).toBe(true)
  })
  it("under 5 seconds from click to order needs review; 5 seconds does not", () => {
    expect(assessReferralFraud({ ...base, touched_at: new Date(ordered.getTime() - 4_999) })).toMatchObject({ flags: ["fast_conversion"], needs_review: true })
    expect(assessReferralFraud({ ...base, touched_at: new Date(ordered.getTime() - 5_000) }).flags).toEqual([])
    expect(assessReferralFraud({ ...base, touched_at: null }).flags).toEqual([])
  })
  it("a refund rate of 25 % or more needs review", () => {
    expect(assessReferralFraud({ ...base, prior_orders: 4, prior_refunded_orders: 1 }).flags).toEqual(["high_refund_rate"])
    expect(assessReferralFraud({ ...base, prior_orders: 5, prior_refunded_orders: 1 }).flags).toEqual([])
  })
})

describe("assessReferralFraud: the affiliate's own mailbox under an alias", () => {
  it("blocks a guest checkout as name+x@domain on the link of name@domain, and Gmail dot variants", () => {
    const affiliate = { customer_id: "cus_aff", email: "name@domain.com" }
    expect(assessReferralFraud({ ...base, affiliate, buyer: { customer_id: null, email: "Name+x@domain.com" } })).toEqual({
      flags: ["self_referral"],
      blocked: true,
      needs_review: false,
    })
    const gmail = { customer_id: "cus_aff", email: "first.last@gmail.com" }
    expect(assessReferralFraud({ ...base, affiliate: gmail, buyer: { customer_id: null, email: "firstlast+deal@googlemail.com" } }).blocked).toBe(true)
    expect(assessReferralFraud({ ...base, affiliate, buyer: { customer_id: null, email: "name2@domain.com" } }).blocked).toBe(false)
  })
})
