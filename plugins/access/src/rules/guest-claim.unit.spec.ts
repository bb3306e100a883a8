import {
  checkGuestClaimLink,
  decideOrderClaim,
  deriveGuestClaimLinkKey,
  signGuestClaimLink,
  usedClaimLinkIssuedAt,
  withClaimLinkUsed,
} from "./guest-claim"

const key = deriveGuestClaimLinkKey("a-test-secret-of-some-length")
const now = new Date("2026-12-02T12:00:00Z")
const caller = { customer_id: "cus_A", email: "Buyer@Example.com", org_id: "org_1", used_issued_at: null }

describe("guest claim links", () => {
  const { token, link } = signGuestClaimLink(key, { customer_id: "cus_A", org_id: "org_1", email: "buyer@example.com" }, now)

  it("accepts the link for its account, email (any case) and org", () => {
    expect(checkGuestClaimLink(key, token, caller, now)).toEqual({ ok: true, link })
  })

  it("refuses another account, another email, another org, another key, a malformed token", () => {
    expect(checkGuestClaimLink(key, token, { ...caller, customer_id: "cus_B" }, now)).toMatchObject({ ok: false, status: 403 })
    expect(checkGuestClaimLink(key, token, { ...caller, email: "other@example.com" }, now)).toMatchObject({
      ok: false,
      status: 403,
      message: "The claim link is not valid for this account's email",
    })
    expect(checkGuestClaimLink(key, token, { ...caller, org_id: "org_2" }, now)).toMatchObject({ ok: false, status: 403, message: "This claim link is for another store" })
    expect(checkGuestClaimLink(deriveGuestClaimLinkKey("another-secret"), token, caller, now)).toMatchObject({ ok: false, status: 403 })
    expect(checkGuestClaimLink(key, token.replace("gc1.", "gc2."), caller, now)).toMatchObject({ ok: false, status: 400 })
    const forged = token.replace(`.${link.expires_at}.`, `.${link.expires_at + 999999}.`)
    expect(checkGuestClaimLink(key, forged, caller, now)).toMatchObject({ ok: false, status: 403 })
  })

  it("expires after a day", () => {
    const later = new Date(now.getTime() + 24 * 3600 * 1000 + 1000)
    expect(checkGuestClaimLink(key, token, caller, later)).toMatchObject({ ok: false, status: 403, message: expect.stringMatching(/expired/) })
  })

  it("works once: a link issued at or before the last one used is refused (409)", () => {
    const metadata = withClaimLinkUsed({ other: 1 }, "org_1", link.issued_at)
    expect(metadata.other).toBe(1)
    expect(usedClaimLinkIssuedAt(metadata, "org_1")).toBe(link.issued_at)
    expect(usedClaimLinkIssuedAt(metadata, "org_2")).toBeNull()
    expect(checkGuestClaimLink(key, token, { ...caller, used_issued_at: link.issued_at }, now)).toMatchObject({ ok: false, status: 409 })
    const newer = signGuestClaimLink(key, { customer_id: "cus_A", org_id: "org_1", email: "buyer@example.com" }, new Date(now.getTime() + 5000))
    expect(checkGuestClaimLink(key, newer.token, { ...caller, used_issued_at: link.issued_at }, now)).toMatchObject({ ok: true })
  })
})

describe("order-token claims", () => {
  const account = { id: "cus_A", email: "buyer@example.com" }
  const org = { sales_channel_id: "sc_1" }
  const order = { id: "order_1", email: "BUYER@example.com", sales_channel_id: "sc_1", customer_id: "cus_guest" }
  const guests = new Set(["cus_guest"])

  it("allows a guest order of this org placed with the account's email", () => {
    expect(decideOrderClaim(order, account, org, guests)).toEqual({ allowed: true })
    expect(decideOrderClaim({ ...order, customer_id: "cus_A" }, account, org, guests)).toEqual({ allowed: true })
  })

  it("hides another org's order (404) and refuses another email (403)", () => {
    expect(decideOrderClaim({ ...order, sales_channel_id: "sc_2" }, account, org, guests)).toMatchObject({ allowed: false, status: 404 })
    expect(decideOrderClaim(null, account, org, guests)).toMatchObject({ allowed: false, status: 404 })
    expect(decideOrderClaim({ ...order, email: "someone@example.com" }, account, org, guests)).toMatchObject({ allowed: false, status: 403 })
    expect(decideOrderClaim({ ...order, customer_id: "cus_other_account" }, account, org, guests)).toMatchObject({ allowed: false, status: 404 })
  })
})
