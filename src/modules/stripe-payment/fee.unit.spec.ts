import { stripeFeeInOrderCurrency } from "./fee"

describe("stripeFeeInOrderCurrency", () => {
  it("same currency: the fee as it is, in exact major units", () => {
    expect(stripeFeeInOrderCurrency({ id: "txn_1", fee: 320, currency: "usd", exchange_rate: null }, "usd")).toEqual({
      amount: "3.20",
      currency_code: "usd",
      provider: "stripe",
      reference: "txn_1",
      provider_fee: 320,
      provider_currency: "usd",
      exchange_rate: null,
    })
  })

  it("JPY (zero-decimal): whole yen", () => {
    expect(stripeFeeInOrderCurrency({ id: "txn_2", fee: 474, currency: "jpy", exchange_rate: null }, "JPY")).toMatchObject({ amount: "474", currency_code: "jpy" })
  })

  it("settled in another currency: fee / exchange_rate, rounded half up to the order currency", () => {
    // A $100 charge settled in EUR at 0.9: amount 90.00 EUR, fee 2.90 EUR -> 3.2222 USD -> 3.22.
    expect(stripeFeeInOrderCurrency({ id: "txn_3", fee: 290, currency: "eur", exchange_rate: 0.9 }, "usd")).toMatchObject({
      amount: "3.22",
      provider_fee: 290,
      provider_currency: "eur",
      exchange_rate: "0.9",
    })
    // A ¥14,800 charge settled in USD at 0.0067: fee 4.74 USD -> 707.46 JPY -> 707.
    expect(stripeFeeInOrderCurrency({ id: "txn_4", fee: 474, currency: "usd", exchange_rate: 0.0067 }, "jpy")).toMatchObject({ amount: "707" })
    // Half up: 1.05 EUR at 2 -> 0.525 USD -> 0.53.
    expect(stripeFeeInOrderCurrency({ id: "txn_5", fee: 105, currency: "eur", exchange_rate: 2 }, "usd")).toMatchObject({ amount: "0.53" })
  })

  it("no fee without a rate across currencies, or with a fee that is not a whole smallest unit", () => {
    expect(stripeFeeInOrderCurrency({ id: "txn_6", fee: 290, currency: "eur", exchange_rate: null }, "usd")).toBeNull()
    expect(stripeFeeInOrderCurrency({ id: "txn_7", fee: 2.5, currency: "usd", exchange_rate: null }, "usd")).toBeNull()
    expect(stripeFeeInOrderCurrency({ id: "txn_8", fee: -1, currency: "usd", exchange_rate: null }, "usd")).toBeNull()
  })
})
