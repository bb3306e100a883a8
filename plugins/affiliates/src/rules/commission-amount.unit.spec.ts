import { computeLineCommission } from "./commission-amount"

const cents = (a: string) => BigInt(Math.round(Number(a) * 100)) // test-only: small exact decimals
const yen = (a: string) => BigInt(a)

describe("computeLineCommission", () => {
  it("percent of the net, rounded half up in minor units", () => {
    expect(computeLineCommission({ source: "program", type: "percent", percent_bps: 1000 }, { net_minor: 9200n, quantity: 1 }, cents)).toEqual({ amount_minor: 920n, flags: [] })
    // 12.5 % of $0.99 = 12.375 cents -> 12
    expect(computeLineCommission({ source: "program", type: "percent", percent_bps: 1250 }, { net_minor: 99n, quantity: 1 }, cents).amount_minor).toBe(12n)
    // 15 % of 1,010 cents = 151.5 -> 152
    expect(computeLineCommission({ source: "program", type: "percent", percent_bps: 1500 }, { net_minor: 1010n, quantity: 1 }, cents).amount_minor).toBe(152n)
  })

  it("JPY: 10 % of ¥14,805 = ¥1,480.5 -> ¥1,481", () => {
    expect(computeLineCommission({ source: "program", type: "percent", percent_bps: 1000 }, { net_minor: 14805n, quantity: 1 }, yen).amount_minor).toBe(1481n)
  })

  it("fixed per unit times quantity, capped at the net and flagged", () => {
    expect(computeLineCommission({ source: "affiliate", type: "fixed", amount: "5" }, { net_minor: 10000n, quantity: 3 }, cents)).toEqual({ amount_minor: 1500n, flags: [] })
    expect(computeLineCommission({ source: "affiliate", type: "fixed", amount: "5" }, { net_minor: 300n, quantity: 1 }, cents)).toEqual({ amount_minor: 300n, flags: ["fixed_capped"] })
  })

  it("nothing on a free line or without a rule", () => {
    expect(computeLineCommission({ source: "program", type: "percent", percent_bps: 1000 }, { net_minor: 0n, quantity: 1 }, cents).amount_minor).toBe(0n)
    expect(computeLineCommission({ source: null, type: "none" }, { net_minor: 1000n, quantity: 1 }, cents).amount_minor).toBe(0n)
  })

  it("property: percent commission never exceeds the net and is within half a unit of the exact value", () => {
    let seed = 42
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n)
    for (let i = 0; i < 20000; i++) {
      const net = BigInt(rnd(10_000_000))
      const bps = rnd(10001)
      const { amount_minor } = computeLineCommission({ source: "program", type: "percent", percent_bps: bps }, { net_minor: net, quantity: 1 }, cents)
      expect(amount_minor <= net).toBe(true)
      const diff = amount_minor * 10000n - net * BigInt(bps)
      expect(diff <= 5000n && diff >= -5000n).toBe(true)
    }
  })
})
