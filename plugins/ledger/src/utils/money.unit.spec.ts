import { currencyDigits, fromMinor, toMinor } from "./money"

describe("money", () => {
  it("knows the minor digits of USD, JPY and KWD", () => {
    expect([currencyDigits("usd"), currencyDigits("JPY"), currencyDigits("kwd")]).toEqual([2, 0, 3])
    expect(() => currencyDigits("dollars")).toThrow(/ISO 4217/)
  })

  it("converts major units to minor units exactly, rounding half away from zero", () => {
    expect(toMinor("58.80", "usd")).toBe(5880n)
    expect(toMinor(0.1 + 0.2, "usd")).toBe(30n)
    expect(toMinor("9531.5", "jpy")).toBe(9532n)
    expect(toMinor("-0.005", "usd")).toBe(-1n)
    expect(toMinor("1.2345", "kwd")).toBe(1235n)
    expect(toMinor("123456789012345.67", "usd")).toBe(12345678901234567n)
    expect(() => toMinor("1.5", "jpy", { exact: true, field: "fixed_amounts[0].amount" })).toThrow(/fixed_amounts\[0\].amount has more than 0/)
    expect(() => toMinor("abc", "usd")).toThrow(/amount must be a number/)
  })

  it("writes minor units back as exact decimals", () => {
    expect([fromMinor(5880n, "usd"), fromMinor(5n, "usd"), fromMinor(-5n, "kwd"), fromMinor(9531n, "jpy")]).toEqual([
      "58.80",
      "0.05",
      "-0.005",
      "9531",
    ])
  })
})
