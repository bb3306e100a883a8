import { addLedgerSum, zeroLedgerTotals } from "@volmify/ledger/money"
import { splitDays } from "./ledger-sums"
import { assertBuckets, periods, revenueJson } from "./sql"

describe("periods", () => {
  const now = new Date("2026-12-03T10:00:00Z")

  it("defaults to the last 30 days and the 30 days before", () => {
    const { current, previous } = periods({}, now)
    expect([current.from.toISOString(), current.to.toISOString()]).toEqual(["2026-11-03T10:00:00.000Z", "2026-12-03T10:00:00.000Z"])
    expect([previous.from.toISOString(), previous.to.toISOString()]).toEqual(["2026-10-04T10:00:00.000Z", "2026-11-03T10:00:00.000Z"])
  })

  it("counts a date-only `to` as its whole day; the previous period has the same length", () => {
    const { current, previous } = periods({ from: "2026-11-01", to: "2026-11-30" }, now)
    expect([current.from.toISOString(), current.to.toISOString()]).toEqual(["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"])
    expect([previous.from.toISOString(), previous.to.toISOString()]).toEqual(["2026-10-02T00:00:00.000Z", "2026-11-01T00:00:00.000Z"])
    expect(periods({ from: "2026-11-01T12:00:00Z", to: "2026-11-01T13:00:00Z" }, now).previous.from.toISOString()).toBe("2026-11-01T11:00:00.000Z")
  })

  it("refuses from not before to, and too many buckets", () => {
    expect(() => periods({ from: "2026-11-02", to: "2026-11-01" }, now)).toThrow("from must be before to")
    const long = periods({ from: "2020-01-01", to: "2026-01-01" }, now).current
    expect(() => assertBuckets(long, "day")).toThrow(/interval=day/)
    expect(() => assertBuckets(long, "week")).not.toThrow()
  })
})

describe("revenueJson of addLedgerSum", () => {
  it("folds a JPY posting and its partial refund exactly (minor units), payouts counted nowhere", () => {
    const t = zeroLedgerTotals()
    const rows = [
      { code: "cash", owner_type: null, kind: "posting", debits: "14800", credits: "0" },
      { code: "platform_fees", owner_type: null, kind: "posting", debits: "0", credits: "740" },
      { code: "processing_fees", owner_type: null, kind: "posting", debits: "0", credits: "444" },
      { code: "payable", owner_type: "employee", kind: "posting", debits: "0", credits: "9531" },
      { code: "revenue", owner_type: null, kind: "posting", debits: "0", credits: "4085" },
      { code: "cash", owner_type: null, kind: "reversal", debits: "0", credits: "4800" },
      { code: "platform_fees", owner_type: null, kind: "reversal", debits: "240", credits: "0" },
      { code: "processing_fee_expense", owner_type: null, kind: "reversal", debits: "144", credits: "0" },
      { code: "payable", owner_type: "employee", kind: "reversal", debits: "3091", credits: "0" },
      { code: "revenue", owner_type: null, kind: "reversal", debits: "1325", credits: "0" },
      { code: "payable", owner_type: "affiliate", kind: "posting", debits: "0", credits: "100" },
      { code: "commission_expense", owner_type: null, kind: "posting", debits: "100", credits: "0" },
      { code: "payable", owner_type: "employee", kind: "payout", debits: "1000", credits: "0" },
      { code: "cash", owner_type: null, kind: "payout", debits: "0", credits: "1000" },
    ]
    for (const r of rows) addLedgerSum(t, r, "jpy")
    expect(revenueJson(t, "jpy")).toEqual({
      gross: "14800",
      refunds: "4800",
      net: "10000",
      tax: "0",
      platform_fees: "500",
      processing_fees: "444",
      staff_shares: "6440",
      affiliate_commissions: "100",
      org_revenue: "2760",
      refund_fees_org: "144",
      refund_fees_platform: "0",
      org_net: "2516",
    })
  })

  it("keeps cents exact where floats would not (0.1 + 0.2)", () => {
    const t = zeroLedgerTotals()
    addLedgerSum(t, { code: "cash", owner_type: null, kind: "posting", debits: "0.1", credits: "0" }, "usd")
    addLedgerSum(t, { code: "cash", owner_type: null, kind: "posting", debits: "0.2", credits: "0" }, "usd")
    expect(revenueJson(t, "usd").gross).toBe("0.30")
  })
})

describe("splitDays (whole days from the ledger's rollup, partial ones from the entries)", () => {
  const d = (s: string) => new Date(s)
  const iso = (r: ReturnType<typeof splitDays>) => ({
    days: r.days?.map((x) => x.toISOString()) ?? null,
    partial: r.partial.map(([a, b]) => [a.toISOString(), b.toISOString()]),
  })

  it("a period of whole days is all rollup", () => {
    expect(iso(splitDays(d("2026-11-01T00:00:00Z"), d("2026-12-01T00:00:00Z")))).toEqual({ days: ["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"], partial: [] })
  })

  it("the last 30 days from now: whole days between, the partial first and last day from the entries", () => {
    expect(iso(splitDays(d("2026-11-03T10:00:00Z"), d("2026-12-03T10:00:00Z")))).toEqual({
      days: ["2026-11-04T00:00:00.000Z", "2026-12-03T00:00:00.000Z"],
      partial: [
        ["2026-11-03T10:00:00.000Z", "2026-11-04T00:00:00.000Z"],
        ["2026-12-03T00:00:00.000Z", "2026-12-03T10:00:00.000Z"],
      ],
    })
  })

  it("less than a whole day (or across one midnight only) is all entries", () => {
    expect(iso(splitDays(d("2026-11-01T12:00:00Z"), d("2026-11-01T13:00:00Z")))).toEqual({ days: null, partial: [["2026-11-01T12:00:00.000Z", "2026-11-01T13:00:00.000Z"]] })
    expect(iso(splitDays(d("2026-11-01T12:00:00Z"), d("2026-11-02T13:00:00Z")))).toEqual({ days: null, partial: [["2026-11-01T12:00:00.000Z", "2026-11-02T13:00:00.000Z"]] })
  })
})
