import { decidePeriodRefund } from "./period-refund"

const renewal = { status: "paid", order_id: "order_1", period_start: new Date("2027-02-01T00:00:00Z"), period_end: new Date("2027-03-01T00:00:00Z") }
const paid = [{ id: "pay_1", captured: "20", refunded: "0" }]

describe("decidePeriodRefund", () => {
  it("refunds what is left of the captured amount; the current period of a live subscription cancels it", () => {
    expect(decidePeriodRefund({ subscription_status: "active", renewal, payments: paid, now: new Date("2027-02-10T00:00:00Z") })).toEqual({
      ok: true,
      payment_id: "pay_1",
      amount: "20",
      cancel: true,
    })
    expect(
      decidePeriodRefund({ subscription_status: "active", renewal, payments: [{ id: "pay_1", captured: "20", refunded: "5.5" }], now: new Date("2027-03-10T00:00:00Z") })
    ).toEqual({ ok: true, payment_id: "pay_1", amount: "14.5", cancel: false })
    expect(decidePeriodRefund({ subscription_status: "completed", renewal, payments: paid, now: new Date("2027-02-10T00:00:00Z") })).toMatchObject({ cancel: false })
  })

  it("refuses unpaid periods, uncaptured payments and periods refunded in full", () => {
    const now = new Date("2027-02-10T00:00:00Z")
    expect(decidePeriodRefund({ subscription_status: "active", renewal: { ...renewal, status: "failed" }, payments: paid, now })).toEqual({
      ok: false,
      reason: expect.stringContaining("failed, not paid"),
    })
    expect(decidePeriodRefund({ subscription_status: "active", renewal, payments: [{ id: "p", captured: "0", refunded: "0" }], now })).toEqual({
      ok: false,
      reason: expect.stringContaining("not captured"),
    })
    expect(decidePeriodRefund({ subscription_status: "active", renewal, payments: [{ id: "p", captured: "20", refunded: "20" }], now })).toEqual({
      ok: false,
      reason: "this period is already refunded",
    })
  })
})

describe("decidePeriodRefund: partial refunds", () => {
  const now = new Date("2027-02-10T00:00:00Z")
  const base = { subscription_status: "active", renewal, now }

  it("refunds the part asked, money only, even in the current period; all that is left still cancels", () => {
    expect(decidePeriodRefund({ ...base, payments: paid, amount: "7.25", currency_code: "usd" })).toEqual({ ok: true, payment_id: "pay_1", amount: "7.25", cancel: false })
    const afterPart = [{ id: "pay_1", captured: "20", refunded: "7.25" }]
    expect(decidePeriodRefund({ ...base, payments: afterPart, amount: "12.75", currency_code: "usd" })).toEqual({ ok: true, payment_id: "pay_1", amount: "12.75", cancel: true })
    expect(decidePeriodRefund({ ...base, payments: afterPart, amount: "12.750", currency_code: "usd" })).toMatchObject({ ok: true, cancel: true })
  })

  it("refuses more than is left, more decimals than the currency has, and nothing at all, naming the figures", () => {
    const afterPart = [{ id: "pay_1", captured: "20", refunded: "7.25" }]
    expect(decidePeriodRefund({ ...base, payments: afterPart, amount: "12.76", currency_code: "usd" })).toEqual({
      ok: false,
      reason: "amount 12.76 is more than the 12.75 USD left to refund of this period",
    })
    expect(decidePeriodRefund({ ...base, payments: paid, amount: "1.005", currency_code: "usd" })).toEqual({ ok: false, reason: "amount 1.005 has more decimals than USD allows (2)" })
    expect(decidePeriodRefund({ ...base, payments: paid, amount: "0", currency_code: "usd" })).toMatchObject({ ok: false, reason: expect.stringContaining("positive") })
    expect(decidePeriodRefund({ ...base, payments: paid, amount: "-1", currency_code: "usd" })).toMatchObject({ ok: false })
  })

  it("zero-decimal currency (JPY): whole yen only; the rest afterwards", () => {
    const yen = [{ id: "pay_j", captured: "1500", refunded: "0" }]
    expect(decidePeriodRefund({ ...base, payments: yen, amount: "500.5", currency_code: "jpy" })).toEqual({ ok: false, reason: "amount 500.5 has more decimals than JPY allows (0)" })
    expect(decidePeriodRefund({ ...base, payments: yen, amount: "500", currency_code: "jpy" })).toEqual({ ok: true, payment_id: "pay_j", amount: "500", cancel: false })
    expect(decidePeriodRefund({ ...base, payments: [{ id: "pay_j", captured: "1500", refunded: "500" }], amount: "1000", currency_code: "jpy" })).toMatchObject({ amount: "1000", cancel: true })
  })
})
