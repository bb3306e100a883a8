import { differencesOf, totalsOf } from "./reconciliation"

const order = (over: Partial<Parameters<typeof differencesOf>[0]> = {}) => ({
  order_id: "order_1",
  currency_code: "usd",
  providers: ["pp_stripe_stripe"],
  provider: { captured: 10000n, refunded: 0n, fee: 320n },
  ledger: { captured: 10000n, refunded: 0n, fee: 320n },
  ...over,
})

describe("differencesOf", () => {
  it("a clean order has none", () => {
    expect(differencesOf(order())).toEqual([])
  })

  it("names each field that disagrees, provider minus ledger", () => {
    expect(differencesOf(order({ ledger: { captured: 10000n, refunded: 2500n, fee: 300n } }))).toEqual([
      { field: "refunded", provider: 0n, ledger: 2500n, difference: -2500n },
      { field: "fee", provider: 320n, ledger: 300n, difference: 20n },
    ])
  })

  it("does not compare an estimated fee (the provider reported none)", () => {
    expect(differencesOf(order({ provider: { captured: 10000n, refunded: 0n, fee: null }, ledger: { captured: 10000n, refunded: 0n, fee: 300n } }))).toEqual([])
  })
})

describe("totalsOf", () => {
  it("sums per currency and provider, counting estimated fees apart (JPY in whole yen)", () => {
    const totals = totalsOf([
      order(),
      order({ order_id: "order_2", providers: ["pp_system_default"], provider: { captured: 4900n, refunded: 4900n, fee: null }, ledger: { captured: 4900n, refunded: 4900n, fee: 147n } }),
      order({ order_id: "order_3", currency_code: "jpy", provider: { captured: 14800n, refunded: 0n, fee: 474n }, ledger: { captured: 14800n, refunded: 0n, fee: 474n } }),
    ])
    expect(totals.get("usd")!.provider).toEqual({ captured: 14900n, refunded: 4900n, fees: 320n, estimated_fee_orders: 1 })
    expect(totals.get("usd")!.ledger).toEqual({ captured: 14900n, refunded: 4900n, fees: 467n, estimated_fee_orders: 0 })
    expect([...totals.get("usd")!.by_provider.keys()]).toEqual(["pp_stripe_stripe", "pp_system_default"])
    expect(totals.get("jpy")!.provider).toEqual({ captured: 14800n, refunded: 0n, fees: 474n, estimated_fee_orders: 0 })
  })
})
