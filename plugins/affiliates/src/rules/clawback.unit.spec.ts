import { additionalClawback, cumulativeClawback } from "./clawback"

describe("proportional clawback", () => {
  it("a partial refund takes back the same share of the commission", () => {
    // $100 order, $10 commission, $25 refunded -> $2.50 back
    expect(cumulativeClawback({ original_minor: 1000n, refunded_minor: 2500n, order_total_minor: 10000n })).toBe(250n)
  })

  it("successive refunds take only what is newly due; a full refund takes everything; never more", () => {
    const o = { original_minor: 1481n, order_total_minor: 14805n }
    const first = additionalClawback({ ...o, refunded_minor: 4805n, already_clawed_minor: 0n })
    const second = additionalClawback({ ...o, refunded_minor: 14805n, already_clawed_minor: first })
    expect(first + second).toBe(1481n)
    expect(additionalClawback({ ...o, refunded_minor: 99999n, already_clawed_minor: 1481n })).toBe(0n)
  })

  it("property: clawbacks never exceed the original and are monotone in the refund", () => {
    let seed = 7
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n)
    for (let i = 0; i < 20000; i++) {
      const total = BigInt(rnd(1_000_000) + 1)
      const original = BigInt(rnd(Number(total) + 1))
      const r1 = BigInt(rnd(Number(total) + 1))
      const r2 = r1 + BigInt(rnd(Number(total - r1) + 1))
      const c1 = cumulativeClawback({ original_minor: original, refunded_minor: r1, order_total_minor: total })
      const c2 = cumulativeClawback({ original_minor: original, refunded_minor: r2, order_total_minor: total })
      expect(c1 >= 0n && c1 <= c2 && c2 <= original).toBe(true)
    }
    expect(cumulativeClawback({ original_minor: 777n, refunded_minor: 5n, order_total_minor: 5n })).toBe(777n)
  })
})
