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
