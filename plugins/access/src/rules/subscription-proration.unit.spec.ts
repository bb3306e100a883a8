import { addIntervals } from "./subscription-schedule"
import { currencyDecimals, fromMinorUnits, prorateUpgrade, switchKind, toMinorUnits } from "./subscription-proration"

const d = (s: string) => new Date(s)

/** mulberry32: a small seeded generator, so a failing case is reproducible from its seed. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe("prorateUpgrade", () => {
  const start = d("2027-01-31T10:00:00Z")
  const end = d("2027-02-28T10:00:00Z") // 28 days

  it("charges the whole difference at the period's start, nothing at its end or after", () => {
    const base = { old_amount: 2000, new_amount: 5000, period_start: start, period_end: end }
    expect(prorateUpgrade({ ...base, now: start }).amount).toBe(3000)
    expect(prorateUpgrade({ ...base, now: d("2027-01-01T00:00:00Z") }).amount).toBe(3000)
    expect(prorateUpgrade({ ...base, now: end }).amount).toBe(0)
    expect(prorateUpgrade({ ...base, now: d("2027-03-05T00:00:00Z") }).amount).toBe(0)
  })

  it("charges the remaining share by whole seconds, rounded down", () => {
    // Half of a 28-day period left: half of $30.00.
    expect(prorateUpgrade({ old_amount: 2000, new_amount: 5000, period_start: start, period_end: end, now: d("2027-02-14T10:00:00Z") })).toEqual({
      amount: 1500,
      remaining_seconds: 14 * 86400,
      period_seconds: 28 * 86400,
    })
    // JPY (no minor unit): ¥1,500 -> ¥4,000 with 10 of 31 days left = 2500 * 10 / 31 = 806.45 -> ¥806.
    const p = { old_amount: 1500, new_amount: 4000, period_start: d("2027-03-01T09:00:00Z"), period_end: d("2027-04-01T09:00:00Z") }
    expect(prorateUpgrade({ ...p, now: d("2027-03-22T09:00:00Z") }).amount).toBe(806)
    // One second short of the end still rounds down to 0 for a small difference.
    expect(prorateUpgrade({ ...p, now: d("2027-04-01T08:59:59Z") }).amount).toBe(0)
  })

  it("charges nothing for an equal or cheaper plan", () => {
    expect(prorateUpgrade({ old_amount: 5000, new_amount: 5000, period_start: start, period_end: end, now: start }).amount).toBe(0)
    expect(prorateUpgrade({ old_amount: 5000, new_amount: 100, period_start: start, period_end: end, now: start }).amount).toBe(0)
  })

  it("refuses amounts that are not integer minor units and empty periods", () => {
    const ok = { old_amount: 1, new_amount: 2, period_start: start, period_end: end, now: start }
    expect(() => prorateUpgrade({ ...ok, new_amount: 19.99 })).toThrow("new_amount")
    expect(() => prorateUpgrade({ ...ok, old_amount: -1 })).toThrow("old_amount")
    expect(() => prorateUpgrade({ ...ok, period_end: start })).toThrow("period_end")
  })

  it("property: 5,000 random periods, prices and moments (seeded)", () => {
    const seed = 20261203
    const next = rng(seed)
    const int = (max: number) => Math.floor(next() * (max + 1))
    const intervals = ["week", "month", "year"] as const
    let charged = 0
    for (let i = 0; i < 5000; i++) {
      const anchor = new Date(Date.UTC(2024 + int(6), int(11), 1 + int(30), int(23), int(59), int(59), int(999)))
      const interval = intervals[int(2)]
      const periodStart = addIntervals(anchor, interval, 0)
      const periodEnd = addIntervals(anchor, interval, 1 + int(2))
      const span = periodEnd.getTime() - periodStart.getTime()
      // Mostly inside the period, sometimes before or after it, sometimes exactly on an edge.
      const pick = int(9)
      const now =
        pick === 0 ? periodStart : pick === 1 ? periodEnd : new Date(periodStart.getTime() + Math.floor((next() * 1.2 - 0.1) * span))
      const old_amount = int(1) ? int(10_000_000) : int(500)
      const new_amount = int(1) ? int(10_000_000) : int(500)
      const ctx = `seed ${seed} case ${i}: ${old_amount} -> ${new_amount} ${periodStart.toISOString()}..${periodEnd.toISOString()} at ${now.toISOString()}`
      const { amount, remaining_seconds, period_seconds } = prorateUpgrade({ old_amount, new_amount, period_start: periodStart, period_end: periodEnd, now })
      const diff = Math.max(0, new_amount - old_amount)
      // Plain checks (not expect) so 5,000 cases stay fast; a failure names its seed and case.
      const d = BigInt(diff) * BigInt(remaining_seconds)
      const later = prorateUpgrade({ old_amount, new_amount, period_start: periodStart, period_end: periodEnd, now: new Date(now.getTime() + 3_600_000) })
      const checks: [string, boolean][] = [
        ["integer", Number.isSafeInteger(amount)],
        ["never negative", amount >= 0],
        ["never more than the new price", amount <= new_amount],
        ["never more than the difference", amount <= diff],
        ["whole difference at or before the start", now > periodStart || amount === diff],
        ["nothing at or after the end", now < periodEnd || amount === 0],
        // Exact: the largest integer not above diff * remaining / period.
        ["exact floor (lower)", BigInt(amount) * BigInt(period_seconds) <= d],
        ["exact floor (upper)", BigInt(amount + 1) * BigInt(period_seconds) > d],
        ["later never costs more", later.amount <= amount],
      ]
      const failed = checks.filter(([, ok]) => !ok).map(([name]) => name)
      if (failed.length) throw new Error(`${ctx}: ${failed.join(", ")} (got ${amount})`)
      if (amount > 0 && amount < diff) charged++
    }
    // The generator reaches the interesting cases: a real share of the difference, often.
    expect(charged).toBeGreaterThan(1000)
  })
})

describe("switchKind", () => {
  it("is an upgrade when the period costs more, or the same with a higher tier", () => {
    expect(switchKind(2000, 5000, 1, 1)).toBe("upgrade")
    expect(switchKind(2000, 2000, 1, 2)).toBe("upgrade")
    expect(switchKind(2000, 2000, 2, 1)).toBe("downgrade")
    expect(switchKind(2000, 2000, 1, 1)).toBe("downgrade")
    expect(switchKind(5000, 2000, 1, 3)).toBe("downgrade")
  })
})

describe("minor units", () => {
  it("knows the currency's decimals", () => {
    expect([currencyDecimals("usd"), currencyDecimals("jpy"), currencyDecimals("KWD")]).toEqual([2, 0, 3])
  })
  it("converts major to minor units and back exactly", () => {
    expect(toMinorUnits(19.99, 2)).toBe(1999)
    expect(toMinorUnits("0.29", 2)).toBe(29)
    expect(toMinorUnits(1500, 0)).toBe(1500)
    expect(toMinorUnits("12.345", 2)).toBe(1235)
    expect(fromMinorUnits(1999, 2)).toBe("19.99")
    expect(fromMinorUnits(5, 2)).toBe("0.05")
    expect(fromMinorUnits(806, 0)).toBe("806")
    const next = rng(7)
    for (let i = 0; i < 1000; i++) {
      const minor = Math.floor(next() * 1e9)
      for (const dec of [0, 2, 3]) expect(toMinorUnits(fromMinorUnits(minor, dec), dec)).toBe(minor)
    }
    expect(() => toMinorUnits("abc", 2)).toThrow("not a decimal amount")
  })
})
