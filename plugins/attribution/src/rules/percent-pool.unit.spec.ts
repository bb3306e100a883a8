import { formatBps, isActiveAt, peakPercentBps } from "./percent-pool"

const d = (s: string) => new Date(`2026-${s}T00:00:00Z`)
const rule = (percent_bps: number, from: string, to: string | null = null) => ({
  percent_bps,
  effective_from: d(from),
  effective_to: to ? d(to) : null,
})

describe("percent pool", () => {
  it("finds the peak total of overlapping shares; back-to-back rules do not overlap", () => {
    const rules = [rule(5000, "01-01", "03-01"), rule(3000, "02-01"), rule(4000, "03-01", "04-01")]
    expect(peakPercentBps(rules, { from: d("01-01"), to: null })).toBe(8000)
    expect(peakPercentBps(rules, { from: d("03-01"), to: d("04-01") })).toBe(7000)
    expect(peakPercentBps(rules, { from: d("04-01"), to: null })).toBe(3000)
    expect(peakPercentBps(rules, { from: d("01-01"), to: d("02-01") })).toBe(5000)
    expect(peakPercentBps([], { from: d("01-01"), to: null })).toBe(0)
  })

  it("treats from as inclusive and to as exclusive", () => {
    expect(isActiveAt(rule(1, "01-01", "02-01"), d("01-01"))).toBe(true)
    expect(isActiveAt(rule(1, "01-01", "02-01"), d("02-01"))).toBe(false)
    expect(formatBps(7000)).toBe("70 %")
    expect(formatBps(1250)).toBe("12.5 %")
  })
})
