import { actualFeeOfPayments, reportedFeeOf, splitDifference } from "./processing-fee"

// Amounts here are written with exactly two decimals: "3.20" -> 320n.
const usd = (a: string) => BigInt(a.replace(".", ""))
const jpy = (a: string) => BigInt(a)

describe("reportedFeeOf / actualFeeOfPayments", () => {
  const stripe = (amount: string, currency_code = "usd") => ({ processing_fee: { amount, currency_code, provider: "stripe", reference: `txn_${amount}` } })

  it("reads the fee a provider put on the payment's data, in the order's currency only", () => {
    expect(reportedFeeOf(stripe("3.20"), "usd", usd)).toBe(320n)
    expect(reportedFeeOf(stripe("3.20"), "eur", usd)).toBeNull()
    expect(reportedFeeOf({ processing_fee: { amount: 3.2, currency_code: "usd" } }, "usd", usd)).toBeNull()
    expect(reportedFeeOf({ processing_fee: { amount: "-1", currency_code: "usd" } }, "usd", usd)).toBeNull()
    expect(reportedFeeOf({}, "usd", usd)).toBeNull()
    expect(reportedFeeOf(null, "usd", usd)).toBeNull()
  })

  it("sums captured payments; one captured payment without a fee makes the whole order estimated", () => {
    expect(
      actualFeeOfPayments(
        [
          { provider_id: "pp_stripe_stripe", captured: true, data: stripe("3.20") },
          { provider_id: "pp_stripe_stripe", captured: true, data: stripe("1.05") },
          { provider_id: "pp_system_default", captured: false, data: {} },
        ],
        "usd",
        usd
      )
    ).toEqual({ minor: 425n, providers: ["pp_stripe_stripe"], references: ["txn_3.20", "txn_1.05"] })
    expect(actualFeeOfPayments([{ captured: true, data: stripe("3.20") }, { captured: true, data: {} }], "usd", usd)).toBeNull()
    expect(actualFeeOfPayments([{ captured: false, data: stripe("3.20") }], "usd", usd)).toBeNull()
    expect(actualFeeOfPayments([{ captured: true, data: stripe("474", "jpy") }], "jpy", jpy)).toMatchObject({ minor: 474n })
  })
})

describe("splitDifference", () => {
  const e = (account_id: string, direction: "debit" | "credit", minor: bigint, line = "l1") => ({ account_id, line_item_id: line, product_id: "p", direction, minor })

  it("moves only what changed, balanced, as credits where a credit grew and debits where it shrank", () => {
    const posted = [e("cash", "debit", 10000n), e("fees", "credit", 300n), e("creator", "credit", 5921n), e("org", "credit", 3779n)]
    const wanted = [e("cash", "debit", 10000n), e("fees", "credit", 320n), e("creator", "credit", 5907n), e("org", "credit", 3773n)]
    const diff = splitDifference(posted, wanted)
    expect(diff).toEqual([e("fees", "credit", 20n), e("creator", "debit", 14n), e("org", "debit", 6n)])
    const signed = diff.reduce((s, x) => s + (x.direction === "credit" ? x.minor : -x.minor), 0n)
    expect(signed).toBe(0n)
  })

  it("is empty for equal splits and keeps lines apart", () => {
    const split = [e("cash", "debit", 100n), e("org", "credit", 100n)]
    expect(splitDifference(split, split)).toEqual([])
    expect(splitDifference([e("org", "credit", 50n, "a"), e("org", "credit", 50n, "b")], [e("org", "credit", 60n, "a"), e("org", "credit", 40n, "b")])).toEqual([
      e("org", "credit", 10n, "a"),
      e("org", "debit", 10n, "b"),
    ])
  })
})
