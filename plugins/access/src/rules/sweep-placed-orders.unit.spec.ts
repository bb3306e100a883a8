import { placedOrderNeeds, type SweepOrderFacts } from "./sweep-placed-orders"
import { unfinishedCapturePaymentIds } from "./interrupted-capture"

const base: SweepOrderFacts = {
  status: "pending",
  has_customer: true,
  is_renewal: false,
  payment_statuses: ["authorized"],
  has_uncaptured_authorized_payment: true,
  lines: [{ id: "ordli_1", variant_id: "var_course", requires_shipping: false }],
  one_time_variant_ids: ["var_course"],
  subscription_variant_ids: [],
  granted_line_ids: [],
  has_subscription: false,
}
const on = { autoCapture: true }

describe("placedOrderNeeds", () => {
  it("an all-digital order whose order.placed was lost needs its capture and its grant", () => {
    expect(placedOrderNeeds(base, on)).toEqual(["capture", "grant"])
  })

  it("granted but not captured (the capture died): the capture only; without auto capture, nothing", () => {
    const f = { ...base, granted_line_ids: ["ordli_1"] }
    expect(placedOrderNeeds(f, on)).toEqual(["capture"])
    expect(placedOrderNeeds(f, { autoCapture: false })).toEqual([])
  })

  it("granted and captured: nothing; a revoked grant counts as granted (never re-made)", () => {
    expect(placedOrderNeeds({ ...base, payment_statuses: ["completed"], has_uncaptured_authorized_payment: false, granted_line_ids: ["ordli_1"] }, on)).toEqual([])
  })

  it("canceled, draft or archived orders and unpaid ones need nothing", () => {
    for (const status of ["canceled", "draft", "archived"]) expect(placedOrderNeeds({ ...base, status }, on)).toEqual([])
    expect(placedOrderNeeds({ ...base, payment_statuses: ["awaiting"], has_uncaptured_authorized_payment: false }, on)).toEqual([])
  })

  it("a line that is not digital access keeps the order on manual capture but still grants the course", () => {
    const f = { ...base, lines: [...base.lines, { id: "ordli_2", variant_id: "var_book", requires_shipping: true }] }
    expect(placedOrderNeeds(f, on)).toEqual(["grant"])
  })

  it("a free order (no payment collection, zero total) is granted; a missing total is not zero", () => {
    const free = { ...base, payment_statuses: [], has_uncaptured_authorized_payment: false }
    expect(placedOrderNeeds({ ...free, total: 0 }, on)).toEqual(["grant"])
    expect(placedOrderNeeds({ ...free, total: "0" }, on)).toEqual(["grant"])
    expect(placedOrderNeeds({ ...free, total: undefined }, on)).toEqual([])
    expect(placedOrderNeeds({ ...free, total: 10 }, on)).toEqual([])
  })

  it("a guest order without a customer is captured but grants nothing", () => {
    expect(placedOrderNeeds({ ...base, has_customer: false }, on)).toEqual(["capture"])
  })

  it("a subscription order starts its subscription once, never for a renewal order", () => {
    const sub = { ...base, lines: [{ id: "ordli_s", variant_id: "var_monthly" }], one_time_variant_ids: [], subscription_variant_ids: ["var_monthly"] }
    expect(placedOrderNeeds(sub, on)).toEqual(["subscriptions", "capture"])
    expect(placedOrderNeeds({ ...sub, has_subscription: true }, on)).toEqual(["capture"])
    expect(placedOrderNeeds({ ...sub, is_renewal: true, has_uncaptured_authorized_payment: false }, on)).toEqual([])
    // A trial made free by a promotion: no payment to wait for.
    expect(placedOrderNeeds({ ...sub, payment_statuses: [], has_uncaptured_authorized_payment: false, total: 0 }, on)).toEqual(["subscriptions"])
  })
})

describe("a capture a dead process left after captured_at", () => {
  const captured = { id: "pay_1", captured_at: new Date(), canceled_at: null, captures: [{ id: "capt_1" }] }

  it("needs finishing, with or without auto capture and whatever the lines, once the payment is captured and a capture has no order transaction", () => {
    const f = { ...base, payment_statuses: ["authorized"], has_uncaptured_authorized_payment: false, granted_line_ids: ["ordli_1"], has_unfinished_capture: true }
    expect(placedOrderNeeds(f, on)).toEqual(["finish_capture"])
    expect(placedOrderNeeds(f, { autoCapture: false })).toEqual(["finish_capture"])
    const physical = { ...f, lines: [...f.lines, { id: "ordli_2", variant_id: "var_book", requires_shipping: true }] }
    expect(placedOrderNeeds(physical, on)).toEqual(["finish_capture"])
    expect(placedOrderNeeds({ ...f, status: "canceled" }, on)).toEqual([])
  })

  it("unfinishedCapturePaymentIds: a captured payment with an unrecorded capture, and no other", () => {
    expect(unfinishedCapturePaymentIds([captured], [])).toEqual(["pay_1"])
    expect(unfinishedCapturePaymentIds([captured], ["capt_1"])).toEqual([])
    // Two captures (a partial capture then the rest): one unrecorded is enough.
    expect(unfinishedCapturePaymentIds([{ ...captured, captures: [{ id: "capt_1" }, { id: "capt_2" }] }], ["capt_1"])).toEqual(["pay_1"])
    // Not captured yet (the first window's business, or nothing wrong), or canceled: not this.
    expect(unfinishedCapturePaymentIds([{ ...captured, captured_at: null }], [])).toEqual([])
    expect(unfinishedCapturePaymentIds([{ ...captured, canceled_at: new Date() }], [])).toEqual([])
    // Captured by the provider at authorization with no capture row: nothing to record.
    expect(unfinishedCapturePaymentIds([{ ...captured, captures: [] }], [])).toEqual([])
  })
})
