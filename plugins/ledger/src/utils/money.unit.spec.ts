import { addLedgerSum, currencyDigits, fromMinor, toMinor, zeroLedgerTotals } from "./money"

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

describe("addLedgerSum (the fold statements, summaries and analytics share)", () => {
  it("folds a JPY sale, its partial refund, an affiliate's commission and payouts to each exactly", () => {
    const rows = [
      { code: "cash", owner_type: null, kind: "posting", debits: "14800", credits: "0" },
      { code: "platform_fees", owner_type: null, kind: "posting", debits: "0", credits: "740" },
      { code: "processing_fees", owner_type: null, kind: "posting", debits: "0", credits: "444" },
      { code: "payable", owner_type: "employee", kind: "posting", debits: "0", credits: "9531" },
      { code: "revenue", owner_type: null, kind: "posting", debits: "0", credits: "4085" },
      { code: "cash", owner_type: null, kind: "reversal", debits: "0", credits: "4800" },
      { code: "platform_fees", owner_type: null, kind: "reversal", debits: "240", credits: "0" },
      { code: "processing_fee_expense", owner_type: null, kind: "reversal", debits: "144", credits: "0" },
      { code: "processing_fee_expense", owner_type: "platform", kind: "reversal", debits: "7", credits: "0" },
      { code: "payable", owner_type: "employee", kind: "reversal", debits: "3091", credits: "0" },
      { code: "revenue", owner_type: null, kind: "reversal", debits: "1325", credits: "0" },
      { code: "payable", owner_type: "affiliate", kind: "posting", debits: "0", credits: "100" },
      { code: "commission_expense", owner_type: null, kind: "posting", debits: "100", credits: "0" },
      { code: "payable", owner_type: "employee", kind: "payout", debits: "1000", credits: "0" },
      { code: "cash", owner_type: null, kind: "payout", debits: "0", credits: "1000" },
      { code: "payable", owner_type: "affiliate", kind: "payout", debits: "60", credits: "0" },
      { code: "cash", owner_type: null, kind: "payout", debits: "0", credits: "60" },
    ]
    const t = zeroLedgerTotals()
    for (const r of rows) addLedgerSum(t, r, "jpy")
    expect(t).toEqual({
      gross: 14800n,
      refunds: 4800n,
      tax: 0n,
      platform_fees: 500n,
      processing_fees: 444n,
      employee_shares: 6440n,
      other_payables: 100n,
      affiliate_commissions: 100n,
      org_revenue: 2760n,
      refund_fees_org: 144n,
      refund_fees_platform: 7n,
      paid_out: 1060n,
      paid_to_employees: 1000n,
      paid_to_others: 60n,
    })
  })

  it("sums USD cents exactly (0.1 + 0.2) and a reversal's cash debit undoes a refund", () => {
    const t = zeroLedgerTotals()
    addLedgerSum(t, { code: "cash", kind: "posting", debits: "0.1", credits: "0" }, "usd")
    addLedgerSum(t, { code: "cash", kind: "posting", debits: "0.2", credits: "0" }, "usd")
    addLedgerSum(t, { code: "cash", kind: "reversal", debits: "0.05", credits: "0.15" }, "usd")
    expect([t.gross, t.refunds]).toEqual([30n, 10n])
  })
})
