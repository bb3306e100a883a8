import { amountLeft, paymentAmountProblem } from "./payment-amount"

const usd = (left: number | string) => ({ currency_code: "usd", left })
const jpy = (left: number | string) => ({ currency_code: "jpy", left })

describe("payment amounts (capture and refund from the admin)", () => {
  it("takes amounts with the currency's minor digits up to what is left, or none at all", () => {
    expect(paymentAmountProblem("refund", 19.99, usd(100))).toBeNull()
    expect(paymentAmountProblem("refund", 100, usd(100))).toBeNull()
    expect(paymentAmountProblem("capture", 14800, jpy(14800))).toBeNull()
    expect(paymentAmountProblem("capture", undefined, jpy(0))).toBeNull()
    expect(paymentAmountProblem("refund", 1.234, { currency_code: "kwd", left: 2 })).toBeNull() // three-decimal currency
  })

  it("refuses fractions a zero-decimal or two-decimal currency cannot carry, naming the currency", () => {
    expect(paymentAmountProblem("refund", 100.5, jpy(14800))).toBe("The refund amount 100.5 is not a valid JPY amount: JPY takes whole units")
    expect(paymentAmountProblem("capture", 1.005, usd(100))).toBe(
      "The capture amount 1.005 is not a valid USD amount: USD takes at most 2 decimal places"
    )
  })

  it("refuses zero and negative amounts", () => {
    expect(paymentAmountProblem("refund", 0, usd(100))).toBe("The refund amount must be a positive number (got 0)")
    expect(paymentAmountProblem("refund", -5, jpy(100))).toBe("The refund amount must be a positive number (got -5)")
  })

  it("refuses even one minor unit more than is left (Medusa's own check lets it through)", () => {
    expect(paymentAmountProblem("refund", 100.01, usd(100))).toBe(
      "The refund amount 100.01 USD is more than the 100 USD captured and not yet refunded on this payment"
    )
    expect(paymentAmountProblem("capture", 14801, jpy(14800))).toBe(
      "The capture amount 14801 JPY is more than the 14800 JPY authorized and not yet captured on this payment"
    )
  })

  it("computes what is left exactly (no float drift)", () => {
    const payment = { amount: 0.3, captures: [{ amount: 0.1 }, { amount: 0.2 }], refunds: [{ amount: 0.1 }] }
    expect(String(amountLeft("capture", payment))).toBe("0")
    expect(String(amountLeft("refund", payment))).toBe("0.2")
    expect(String(amountLeft("refund", { amount: 50 }))).toBe("0")
  })
})
