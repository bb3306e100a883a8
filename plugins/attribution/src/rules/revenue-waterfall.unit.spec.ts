import {
  allocateLargestRemainder,
  computeRevenueWaterfall,
  DEFAULT_FEES,
  planRefundReversal,
  ShareClaim,
  WaterfallLine,
} from "./revenue-waterfall"

/** A small seeded PRNG (mulberry32): every CI run checks the same cases, a failure names its seed. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const big = (max: bigint) => (BigInt(int(0, 2 ** 26)) * BigInt(int(0, 2 ** 26)) + BigInt(int(0, 2 ** 26))) % (max + 1n)
  const pick = <T,>(xs: readonly T[]) => xs[int(0, xs.length - 1)]
  return { next, int, big, pick }
}

const CURRENCIES = [
  { code: "usd", digits: 2 },
  { code: "jpy", digits: 0 },
  { code: "kwd", digits: 3 },
] as const

const sum = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n)
const abs = (x: bigint) => (x < 0n ? -x : x)

describe("revenue waterfall", () => {
  it("golden: $100 paid incl. $8 tax, 5 % platform + 3 % processing on gross -> net $84.00; 70 % -> $58.80, org $25.20", () => {
    const result = computeRevenueWaterfall({
      currency_code: "usd",
      fees: DEFAULT_FEES,
      lines: [{ id: "li_1", quantity: 1, gross: 10000n, tax: 800n, shares: [{ key: "creator", percent_bps: 7000, fixed_per_unit: 0n }] }],
    })
    expect(result.lines[0]).toMatchObject({
      gross: 10000n,
      tax: 800n,
      platform_fee: 500n,
      processing_fee: 300n,
      net: 8400n,
      shares: [{ key: "creator", amount: 5880n }],
      org: 2520n,
      flags: [],
    })
    expect(result.flags).toEqual([])
  })

  it("golden in JPY (0 decimals): ¥14,800 with no tax, 70 % -> ¥9,531, the org ¥4,085", () => {
    const { lines } = computeRevenueWaterfall({
      currency_code: "jpy",
      fees: DEFAULT_FEES,
      lines: [{ id: "li", quantity: 1, gross: 14800n, tax: 0n, shares: [{ key: "c", percent_bps: 7000, fixed_per_unit: 0n }] }],
    })
    // net 14800 - 740 - 444 = 13616; 70 % = 9531.2 -> 9531, org 4084.8 -> 4085 (largest remainder)
    expect([lines[0].net, lines[0].shares[0].amount, lines[0].org]).toEqual([13616n, 9531n, 4085n])
  })

  it("fees on the net of tax, fixed parts per order spread over lines, the actual provider fee when known", () => {
    const fees = { ...DEFAULT_FEES, fee_base: "net_of_tax" as const, processing_fee_fixed: 30n, fixed_fee_currency_code: "usd" }
    const lines: WaterfallLine[] = [
      { id: "a", quantity: 1, gross: 10800n, tax: 800n, shares: [] },
      { id: "b", quantity: 1, gross: 5400n, tax: 400n, shares: [] },
    ]
    const r = computeRevenueWaterfall({ currency_code: "usd", fees, lines })
    // base 15000: platform 750 -> 500/250; processing 450 + 30 = 480 -> 320/160
    expect(r.lines.map((l) => [l.platform_fee, l.processing_fee, l.net])).toEqual([
      [500n, 320n, 9180n],
      [250n, 160n, 4590n],
    ])
    const eur = computeRevenueWaterfall({ currency_code: "eur", fees, lines })
    expect(eur.flags).toEqual(["fixed_fee_currency_mismatch"])
    expect(sum(eur.lines.map((l) => l.processing_fee))).toBe(450n)
    const actual = computeRevenueWaterfall({ currency_code: "usd", fees, lines, actual_processing_fee: 77n })
    expect(sum(actual.lines.map((l) => l.processing_fee))).toBe(77n)
  })

  it("caps fixed shares at what the net leaves after percent shares, and flags it", () => {
    const shares: ShareClaim[] = [
      { key: "creator", percent_bps: 5000, fixed_per_unit: 0n },
      { key: "reviewer", percent_bps: 0, fixed_per_unit: 3000n },
      { key: "manager", percent_bps: 1000, fixed_per_unit: 1000n },
    ]
    const { lines, flags } = computeRevenueWaterfall({
      currency_code: "usd",
      fees: { ...DEFAULT_FEES, platform_fee_bps: 0, processing_fee_bps: 0 },
      lines: [{ id: "l", quantity: 2, gross: 10000n, tax: 0n, shares }],
    })
    // net 10000: percent 5000 + 1000; fixed claims 6000 + 2000 capped to the 4000 left (3000 : 1000)
    expect(lines[0].shares.map((s) => s.amount)).toEqual([5000n, 3000n, 2000n])
    expect(lines[0].org).toBe(0n)
    expect(flags).toEqual(["fixed_share_capped"])
  })

  it("refuses impossible input", () => {
    const line = (over: Partial<WaterfallLine>): WaterfallLine => ({ id: "l", quantity: 1, gross: 100n, tax: 0n, shares: [], ...over })
    const run = (l: WaterfallLine) => () => computeRevenueWaterfall({ currency_code: "usd", fees: DEFAULT_FEES, lines: [l] })
    expect(run(line({ tax: 101n }))).toThrow(/tax/)
    expect(run(line({ quantity: 0 }))).toThrow(/quantity/)
    expect(run(line({ shares: [{ key: "a", percent_bps: 6000, fixed_per_unit: 0n }, { key: "b", percent_bps: 4001, fixed_per_unit: 0n }] }))).toThrow(/100 %/)
    expect(() => computeRevenueWaterfall({ currency_code: "usd", fees: { ...DEFAULT_FEES, platform_fee_bps: 1.5 }, lines: [] })).toThrow(/platform_fee_bps/)
  })

  it("allocates by largest remainder with deterministic ties", () => {
    expect(allocateLargestRemainder(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n])
    expect(allocateLargestRemainder(100n, [0n, 1n, 2n])).toEqual([0n, 33n, 67n])
    expect(allocateLargestRemainder(0n, [0n, 0n])).toEqual([0n, 0n])
    expect(() => allocateLargestRemainder(1n, [0n])).toThrow(/sum to zero/)
  })

  it("property: allocations sum exactly, never go negative, stay within one unit of the quota (100,000 cases)", () => {
    const r = rng(20261122)
    for (let n = 0; n < 100_000; n++) {
      const total = r.big(BigInt(10 ** r.int(0, 12)))
      const weights = Array.from({ length: r.int(1, 8) }, () => (r.next() < 0.15 ? 0n : r.big(BigInt(10 ** r.int(0, 9)))))
      if (sum(weights) === 0n) weights[0] = 1n
      const parts = allocateLargestRemainder(total, weights)
      const W = sum(weights)
      const bad =
        sum(parts) !== total ||
        parts.some((p, i) => p < 0n || abs(p * W - total * weights[i]) >= W || (weights[i] === 0n && p !== 0n))
      if (bad) throw new Error(`case ${n}: allocate(${total}, [${weights}]) = [${parts}]`)
    }
  })

  it("property: the waterfall conserves money in USD, JPY and KWD (100,000 orders)", () => {
    const r = rng(84_00)
    let capped = 0
    for (let n = 0; n < 100_000; n++) {
      const currency = CURRENCIES[n % 3]
      const unit = 10n ** BigInt(currency.digits)
      const fees = {
        platform_fee_bps: r.int(0, 2000),
        processing_fee_bps: r.int(0, 1000),
        platform_fee_fixed: r.next() < 0.3 ? r.big(100n * unit) : 0n,
        processing_fee_fixed: r.next() < 0.3 ? r.big(unit) : 0n,
        fixed_fee_currency_code: r.pick(["usd", "jpy", "kwd", null]),
        fee_base: r.pick(["gross", "net_of_tax"] as const),
      }
      const lines: WaterfallLine[] = Array.from({ length: r.int(1, 4) }, (_, i) => {
        const gross = r.big(5000n * unit)
        const tax = r.next() < 0.5 ? 0n : r.big(gross / 4n)
        let budget = 10_000
        const shares = Array.from({ length: r.int(0, 4) }, (_, j) => {
          const percent = r.next() < 0.2 ? 0 : r.int(0, budget)
          budget -= percent
          return { key: `e${j}`, percent_bps: percent, fixed_per_unit: r.next() < 0.3 ? r.big(50n * unit) : 0n }
        })
        return { id: `l${i}`, quantity: r.int(1, 3), gross, tax, shares }
      })
      const result = computeRevenueWaterfall({ currency_code: currency.code, fees, lines })
      result.lines.forEach((l, i) => {
        const input = lines[i]
        const fail = (why: string) => {
          throw new Error(`case ${n} (${currency.code}) line ${i}: ${why}: ${JSON.stringify(l, (_, v) => (typeof v === "bigint" ? String(v) : v))}`)
        }
        if (l.net !== l.gross - l.tax - l.platform_fee - l.processing_fee) fail("net != gross - tax - fees")
        if ([l.net, l.platform_fee, l.processing_fee, l.org, ...l.shares.map((s) => s.amount)].some((v) => v < 0n)) fail("negative part")
        if (sum(l.shares.map((s) => s.amount)) + l.org !== l.net) fail("shares + org != net")
        if (!l.flags.includes("fixed_share_capped")) {
          input.shares.forEach((s, j) => {
            const exact = l.net * BigInt(s.percent_bps) + s.fixed_per_unit * BigInt(input.quantity) * 10_000n
            if (abs(l.shares[j].amount * 10_000n - exact) >= 10_000n) fail(`share ${j} not within one unit of its quota`)
          })
        } else {
          capped++
          if (l.org > 1n) fail("capped fixed shares leave the org more than a rounding unit")
        }
      })
    }
    expect(capped).toBeGreaterThan(100)
  })

  it("property: refunds reverse proportionally, never more than posted, everything on a full refund (20,000 sequences)", () => {
    const r = rng(7)
    for (let n = 0; n < 20_000; n++) {
      const posted = Array.from({ length: r.int(1, 3) }, (_, i) => ({
        id: `l${i}`,
        remaining: Array.from({ length: r.int(1, 6) }, (_, j) => ({ key: `k${j}`, amount: r.big(10n ** BigInt(r.int(0, 7))) })),
      }))
      const total = sum(posted.flatMap((l) => l.remaining.map((p) => p.amount)))
      let left = posted.map((l) => ({ ...l, remaining: l.remaining.map((p) => ({ ...p })) }))
      let refunded = 0n
      for (let k = 0; k < r.int(1, 4); k++) {
        const refund = k === 3 ? total : r.big(total)
        const plan = planRefundReversal(refund, left)
        if (plan.amount !== (refund > total - refunded ? total - refunded : refund)) throw new Error(`case ${n}: wrong amount`)
        if (sum(plan.lines.map((l) => l.amount)) !== plan.amount) throw new Error(`case ${n}: lines do not sum`)
        plan.lines.forEach((pl, i) => {
          if (sum(pl.parts.map((p) => p.amount)) !== pl.amount) throw new Error(`case ${n}: parts do not sum`)
          pl.parts.forEach((p, j) => {
            left[i].remaining[j].amount -= p.amount
            if (left[i].remaining[j].amount < 0n || p.amount < 0n) throw new Error(`case ${n}: reversed more than posted`)
          })
        })
        refunded += plan.amount
      }
      const rest = sum(left.flatMap((l) => l.remaining.map((p) => p.amount)))
      if (rest !== total - refunded) throw new Error(`case ${n}: books do not add up`)
      const final = planRefundReversal(total, left)
      if (sum(final.lines.flatMap((l) => l.parts.map((p) => p.amount))) !== rest || (final.capped && rest === total)) {
        throw new Error(`case ${n}: full refund leaves something`)
      }
    }
  })
})
