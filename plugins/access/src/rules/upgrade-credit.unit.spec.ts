import { decideUpgradeCredit, fromMinor, toMinor } from "./upgrade-credit"

const basic = (paid_minor: bigint, currency_code = "usd", tier = 1, id = "ent_basic") => ({ entitlement_id: id, tier, currency_code, paid_minor })

describe("decideUpgradeCredit", () => {
  it("credits what the lower tier cost: $100 Premium after a $40 Basic is $60 due", () => {
    expect(decideUpgradeCredit({ target_tier: 2, current_tier: 1, price_minor: 10000n, currency_code: "usd", paid: [basic(4000n)] })).toEqual({
      ok: true,
      credit_minor: 4000n,
      amount_due_minor: 6000n,
      from_tier: 1,
      entitlement_ids: ["ent_basic"],
    })
  })

  it("adds up every lower purchase (Basic, then the Premium upgrade) towards VIP", () => {
    const d = decideUpgradeCredit({
      target_tier: 3,
      current_tier: 2,
      price_minor: 20000n,
      currency_code: "usd",
      paid: [basic(4000n), basic(6000n, "usd", 2, "ent_premium")],
    })
    expect(d).toMatchObject({ ok: true, credit_minor: 10000n, amount_due_minor: 10000n, from_tier: 2 })
  })

  it("never goes below zero: a Basic bought dearer than Premium now costs leaves nothing due", () => {
    expect(decideUpgradeCredit({ target_tier: 2, current_tier: 1, price_minor: 3000n, currency_code: "usd", paid: [basic(4000n)] })).toMatchObject({
      credit_minor: 3000n,
      amount_due_minor: 0n,
    })
  })

  it("counts only the cart's currency, lower tiers and money actually paid (free tiers credit nothing)", () => {
    const d = decideUpgradeCredit({
      target_tier: 2,
      current_tier: 1,
      price_minor: 7400n,
      currency_code: "JPY",
      paid: [basic(4000n, "usd"), basic(0n, "jpy", 1, "ent_free"), basic(9999n, "jpy", 2, "ent_same_tier")],
    })
    expect(d).toEqual({ ok: true, credit_minor: 0n, amount_due_minor: 7400n, from_tier: null, entitlement_ids: [] })
  })

  it("refuses a tier the customer already holds or exceeds", () => {
    expect(decideUpgradeCredit({ target_tier: 2, current_tier: 2, price_minor: 1n, currency_code: "usd", paid: [] })).toMatchObject({
      ok: false,
      code: "already_has_tier",
    })
  })
})

describe("minor units", () => {
  it("converts exactly both ways, JPY without decimals", () => {
    expect(toMinor("49.99", "usd")).toBe(4999n)
    expect(toMinor(0.1 + 0.2, "usd")).toBe(30n)
    expect(toMinor(7400, "jpy")).toBe(7400n)
    expect(fromMinor(4999n, "usd")).toBe("49.99")
    expect(fromMinor(5n, "usd")).toBe("0.05")
    expect(fromMinor(7400n, "jpy")).toBe("7400")
  })
})
