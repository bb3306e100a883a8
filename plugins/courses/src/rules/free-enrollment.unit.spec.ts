import { BigNumber } from "@medusajs/framework/utils"
import { decideFreeEnrollment, FreeEnrollmentInput, isExactlyZero, pickFreeVariant } from "./free-enrollment"

const input = (over: Partial<FreeEnrollmentInput> = {}): FreeEnrollmentInput => ({
  has_free_variant: true,
  customer_id: null,
  lead_magnet: true,
  email: "lead@example.com",
  email_has_account: false,
  ...over,
})

describe("decideFreeEnrollment", () => {
  it("enrolls a logged-in customer in any free course, and a new or guest email in a lead magnet", () => {
    expect(decideFreeEnrollment(input({ customer_id: "cus_1", lead_magnet: false, email: null }))).toEqual({ allowed: true, as: "customer" })
    expect(decideFreeEnrollment(input())).toEqual({ allowed: true, as: "guest" })
  })

  it("refuses in gate order: not free, anonymous on a plain free course, no email, an account's email", () => {
    expect(decideFreeEnrollment(input({ has_free_variant: false, customer_id: "cus_1" }))).toMatchObject({ status: 400, code: "not_free" })
    expect(decideFreeEnrollment(input({ lead_magnet: false }))).toMatchObject({ status: 401, code: "auth_required" })
    expect(decideFreeEnrollment(input({ email: null }))).toMatchObject({ status: 400, code: "email_required" })
    expect(decideFreeEnrollment(input({ email_has_account: true }))).toMatchObject({
      status: 409,
      code: "log_in",
      message: "An account exists for this email: log in to enroll",
    })
  })
})

describe("pickFreeVariant", () => {
  const variants = [
    { id: "v_premium", tier: 2, prices: [{ amount: 0, currency_code: "usd" }] },
    { id: "v_basic", tier: 1, prices: [{ amount: 0, currency_code: "usd" }, { amount: 1500, currency_code: "jpy" }] },
    { id: "v_jpy", tier: 3, prices: [{ amount: new BigNumber(0), currency_code: "jpy" }] },
    { id: "v_sale", tier: 1, prices: [{ amount: 0, currency_code: "eur", price_list_id: "plist_1" }, { amount: 0, currency_code: "gbp", rules_count: 1 }] },
  ]
  it("takes the lowest free tier in the currency, base prices only", () => {
    expect(pickFreeVariant(variants, "USD")).toEqual({ id: "v_basic", tier: 1 })
    expect(pickFreeVariant(variants, "jpy")).toEqual({ id: "v_jpy", tier: 3 })
    expect(pickFreeVariant(variants, "eur")).toBeNull()
    expect(pickFreeVariant(variants, "gbp")).toBeNull()
    expect(pickFreeVariant(variants, "chf")).toBeNull()
  })

  it("compares amounts exactly", () => {
    expect(isExactlyZero(0)).toBe(true)
    expect(isExactlyZero("0.00")).toBe(true)
    expect(isExactlyZero(0.001)).toBe(false)
    expect(isExactlyZero(1)).toBe(false)
    expect(isExactlyZero(null)).toBe(false)
    expect(isExactlyZero("")).toBe(false)
  })
})
