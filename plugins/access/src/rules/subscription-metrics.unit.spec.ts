import { currencyDigits, monthlyFactor, monthlyRecurringRevenue, ratio } from "./subscription-metrics"

describe("monthlyRecurringRevenue", () => {
  const g = (currency_code: string, interval: any, interval_count: number, count: number, minor: number) => ({
    currency_code,
    interval,
    interval_count,
    count,
    period_amount_minor: BigInt(minor),
  })

  it("normalises weeks (x 52/12), years (/12) and every N intervals (/N) to a month", () => {
    expect(monthlyFactor("week", 1)).toEqual({ num: 52n, den: 12n })
    expect(monthlyFactor("month", 3)).toEqual({ num: 1n, den: 3n })
    expect(monthlyFactor("year", 2)).toEqual({ num: 1n, den: 24n })
    expect(monthlyRecurringRevenue([g("usd", "month", 1, 2, 2000)])).toEqual({ usd: 4000n })
    expect(monthlyRecurringRevenue([g("usd", "year", 1, 1, 12000)])).toEqual({ usd: 1000n })
    expect(monthlyRecurringRevenue([g("usd", "month", 3, 1, 3000)])).toEqual({ usd: 1000n })
  })

  it("sums exactly per currency and rounds once, half up", () => {
    // 3 weekly $10: 3 x 1000 x 52 / 12 = 13000 exactly (per row 4333.33 would give 12999).
    expect(monthlyRecurringRevenue([g("usd", "week", 1, 1, 1000), g("usd", "week", 1, 2, 1000)])).toEqual({ usd: 13000n })
    // 1 weekly $10 = 4333.33 -> 4333; 1 quarterly $0.05 = 1.666 -> with it 4335.
    expect(monthlyRecurringRevenue([g("usd", "week", 1, 1, 1000)])).toEqual({ usd: 4333n })
    expect(monthlyRecurringRevenue([g("usd", "week", 1, 1, 1000), g("usd", "month", 3, 1, 5)])).toEqual({ usd: 4335n })
    // Half up: ¥1,500 a year = 125; ¥1,506 a year = 125.5 -> 126.
    expect(monthlyRecurringRevenue([g("jpy", "year", 1, 1, 1506), g("usd", "month", 1, 1, 100)])).toEqual({ jpy: 126n, usd: 100n })
  })

  it("is empty with no paying subscriptions", () => {
    expect(monthlyRecurringRevenue([])).toEqual({})
  })
})

describe("ratio and currency digits", () => {
  it("gives 4 decimal places half up, null without a denominator", () => {
    expect(ratio(1, 3)).toBe("0.3333")
    expect(ratio(2, 3)).toBe("0.6667")
    expect(ratio(3, 3)).toBe("1.0000")
    expect(ratio(0, 5)).toBe("0.0000")
    expect(ratio(1, 0)).toBeNull()
  })
  it("knows minor units", () => {
    expect([currencyDigits("usd"), currencyDigits("JPY"), currencyDigits("bhd")]).toEqual([2, 0, 3])
  })
})
