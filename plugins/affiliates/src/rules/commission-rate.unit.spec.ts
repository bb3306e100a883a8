import { resolveCommissionRate } from "./commission-rate"

describe("resolveCommissionRate: the most specific rule wins", () => {
  const program = { type: "percent" as const, percent_bps: 1000 }
  const affiliate = { type: "percent" as const, percent_bps: 1500 }
  const product = { type: "fixed" as const, fixed_amounts: [{ currency_code: "usd", amount: "5" }] }

  it("affiliate x product beats affiliate beats program", () => {
    expect(resolveCommissionRate({ program, affiliate, affiliate_product: product }, "usd")).toEqual({ source: "affiliate_product", type: "fixed", amount: "5" })
    expect(resolveCommissionRate({ program, affiliate }, "usd")).toEqual({ source: "affiliate", type: "percent", percent_bps: 1500 })
    expect(resolveCommissionRate({ program }, "usd")).toEqual({ source: "program", type: "percent", percent_bps: 1000 })
  })

  it("a fixed rule without the order's currency falls through to the next level", () => {
    expect(resolveCommissionRate({ program, affiliate, affiliate_product: product }, "JPY")).toEqual({ source: "affiliate", type: "percent", percent_bps: 1500 })
    expect(resolveCommissionRate({ program: { type: "fixed", fixed_amounts: [{ currency_code: "USD", amount: 2 }] } }, "usd")).toEqual({ source: "program", type: "fixed", amount: "2" })
  })

  it("no usable rule anywhere is 'none'; a 0 % override is a real rule", () => {
    expect(resolveCommissionRate({ program: { type: "fixed", fixed_amounts: [] } }, "usd")).toEqual({ source: null, type: "none" })
    expect(resolveCommissionRate({ program, affiliate: { type: "percent", percent_bps: 0 } }, "usd")).toEqual({ source: "affiliate", type: "percent", percent_bps: 0 })
  })
})
