import { amountsProblem, bpsToPercent, describeRate, percentToBps } from "./rates"

describe("admin rate inputs", () => {
  it("reads percents as whole basis points and writes them back", () => {
    expect(["10", "12.5", "12,25", "0", "100", "0.01"].map(percentToBps)).toEqual([1000, 1250, 1225, 0, 10000, 1])
    expect(["", "abc", "100.01", "1.234", "-1", "101"].map(percentToBps)).toEqual([null, null, null, null, null, null])
    expect([1000, 1250, 1225, 0, 1, 10000].map(bpsToPercent)).toEqual(["10", "12.5", "12.25", "0", "0.01", "100"])
    for (let bps = 0; bps <= 10000; bps += 7) expect(percentToBps(bpsToPercent(bps))).toBe(bps)
  })

  it("names the first bad amount row", () => {
    expect(amountsProblem([{ currency_code: "usd", amount: "5" }, { currency_code: "JPY", amount: "500" }])).toBeNull()
    expect(amountsProblem([{ currency_code: "us", amount: "5" }])).toMatch(/3-letter/)
    expect(amountsProblem([{ currency_code: "usd", amount: "5,00" }])).toMatch(/not an amount/)
    expect(amountsProblem([{ currency_code: "usd", amount: "5" }, { currency_code: "USD", amount: "6" }])).toMatch(/USD is listed twice/)
  })

  it("describes a rate", () => {
    expect(describeRate({ commission_type: null, commission_bps: null })).toBe("program default")
    expect(describeRate({ commission_type: "percent", commission_bps: 1250 })).toBe("12.5 %")
    expect(describeRate({ commission_type: "fixed", commission_bps: null, fixed_amounts: [{ currency_code: "usd", amount: "5.00" }] })).toBe("5.00 USD")
  })
})
