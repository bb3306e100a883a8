import { fromMinor, toMinor } from "../../../ledger/src/utils/money"
import { type CommissionFacts, planOrderCommissions } from "./order-commissions"

const money = { toMinor: (a: unknown, c: string) => toMinor(a as any, c), fromMinor }
const ordered = new Date("2026-06-30T12:00:00Z")
const daysBefore = (d: number) => new Date(ordered.getTime() - d * 86_400_000)

/** Org A sells in sc_a with a 10 % program (30-day window, last click, 14-day hold); ana is its approved affiliate. */
function facts(over: Partial<CommissionFacts> = {}): CommissionFacts {
  return {
    orders: [
      {
        id: "order_1",
        created_at: ordered.toISOString(),
        currency_code: "USD",
        email: "buyer@example.com",
        customer_id: "cus_buyer",
        sales_channel_id: "sc_a",
        cart_id: "cart_1",
        promotion_ids: [],
        items: [
          { id: "li_1", product_id: "prod_1", quantity: 1, total: "108.00", tax_total: "8.00" },
          { id: "li_2", product_id: "prod_2", quantity: 2, total: "30.00", tax_total: "0" },
        ],
      },
    ],
    orgs: [
      { id: "org_a", sales_channel_id: "sc_a" },
      { id: "org_b", sales_channel_id: "sc_b" },
    ],
    programs: [
      { org_id: "org_a", enabled: true, attribution_model: "last_click", cookie_window_days: 30, hold_days: 14, commission_type: "percent", commission_bps: 1000 },
      { org_id: "org_b", enabled: false, attribution_model: "last_click", cookie_window_days: 30, hold_days: 14, commission_type: "percent", commission_bps: 1000 },
    ],
    credited: [],
    touches: [{ id: "ref_1", cart_id: "cart_1", org_id: "org_a", affiliate_id: "aff_ana", touched_at: daysBefore(2).toISOString(), click_id: "click_1" }],
    coupons: [],
    affiliates: [
      { id: "aff_ana", org_id: "org_a", status: "approved", customer_id: "cus_ana", email: "ana@example.com" },
      { id: "aff_bo", org_id: "org_a", status: "approved", customer_id: "cus_bo", email: "bo@example.com" },
      { id: "aff_other", org_id: "org_b", status: "approved", customer_id: "cus_o", email: "o@example.com" },
    ],
    prior_by_affiliate: {},
    buyers: [{ id: "cus_buyer", email: "buyer@example.com" }],
    product_rates: [],
    ...over,
  }
}
const withOrder = (over: Partial<CommissionFacts["orders"][number]>, rest: Partial<CommissionFacts> = {}) => {
  const f = facts(rest)
  return { ...f, orders: [{ ...f.orders[0], ...over }] }
}
const plan = (f: CommissionFacts, ids = ["order_1"]) => planOrderCommissions(f, ids, money)
const one = (f: CommissionFacts) => plan(f)[0]
const amounts = (f: CommissionFacts) => one(f).rows.map((r) => [r.line_item_id, r.amount, r.status])

describe("planOrderCommissions (which commissions orders earn)", () => {
  it("credits each line 10 % of its net (after discounts, without tax), pending until the hold ends", () => {
    const [p] = plan(facts())
    expect(p.skipped).toBeNull()
    expect(p.rows.map((r) => [r.line_item_id, r.base_amount, r.amount, r.rate_source, r.rate_bps, r.status, r.source, r.click_id])).toEqual([
      ["li_1", "100.00", "10.00", "program", 1000, "pending", "click", "click_1"],
      ["li_2", "30.00", "3.00", "program", 1000, "pending", "click", "click_1"],
    ])
    expect(p.rows[0]).toMatchObject({ org_id: "org_a", affiliate_id: "aff_ana", currency_code: "usd", flags: [], needs_review: false, clawed_back_amount: "0" })
    expect(p.rows[0].hold_until.toISOString()).toBe("2026-07-14T12:00:00.000Z")
  })

  it("skips with a reason: unknown order, channel of no org, program off, no referral, already credited, no lines", () => {
    expect(plan(facts(), ["order_x"])).toEqual([{ order_id: "order_x", skipped: "order not found", rows: [] }])
    expect(one(withOrder({ sales_channel_id: "sc_z" })).skipped).toBe("the order's sales channel belongs to no org")
    expect(one(withOrder({ sales_channel_id: "sc_b" })).skipped).toBe("no enabled affiliate program")
    expect(one(withOrder({ cart_id: null })).skipped).toBe("no referral")
    expect(one(withOrder({ items: [] }, { touches: [] })).skipped).toBe("no lines")
    const credited = ["li_1", "li_2"].map((line_item_id) => ({ order_id: "order_1", line_item_id, affiliate_id: "aff_ana", clawed_back_amount: "0" }))
    expect(one(facts({ credited })).skipped).toBe("already credited")
    // One line credited before: only the other is planned.
    expect(amounts(facts({ credited: credited.slice(0, 1) }))).toEqual([["li_2", "3.00", "pending"]])
  })

  it("keeps the cookie window and the attribution model; ignores touches of other orgs and unapproved affiliates", () => {
    const touch = (id: string, affiliate_id: string, days: number, org_id = "org_a") => ({ id, cart_id: "cart_1", org_id, affiliate_id, touched_at: daysBefore(days), click_id: `click_${id}` })
    expect(one(facts({ touches: [touch("old", "aff_ana", 31)] })).skipped).toBe("no valid referral (window, status or org)")
    expect(one(facts({ touches: [touch("edge", "aff_ana", 30)] })).rows[0].affiliate_id).toBe("aff_ana")
    const both = [touch("r1", "aff_ana", 20), touch("r2", "aff_bo", 3)]
    expect(one(facts({ touches: both })).rows[0].affiliate_id).toBe("aff_bo")
    const firstClick = facts({ touches: both })
    firstClick.programs[0] = { ...firstClick.programs[0], attribution_model: "first_click" }
    expect(one(firstClick).rows[0].affiliate_id).toBe("aff_ana")
    // Bo is suspended: Ana's earlier click wins; another org's affiliate never does.
    const suspended = facts({ touches: both })
    suspended.affiliates[1] = { ...suspended.affiliates[1], status: "suspended" }
    expect(one(suspended).rows[0].affiliate_id).toBe("aff_ana")
    expect(one(facts({ touches: [touch("x", "aff_other", 1, "org_b")] })).skipped).toBe("no referral")
    expect(one(facts({ touches: [touch("x", "aff_other", 1, "org_a")] })).skipped).toBe("no valid referral (window, status or org)")
  })

  it("credits an affiliate's coupon on the order over any click", () => {
    const f = withOrder({ promotion_ids: ["promo_bo", "promo_plain"] }, { coupons: [{ org_id: "org_a", promotion_id: "promo_bo", affiliate_id: "aff_bo" }] })
    const [row] = one(f).rows
    expect([row.affiliate_id, row.source, row.promotion_id, row.click_id, row.flags]).toEqual(["aff_bo", "coupon", "promo_bo", null, []])
    // A coupon of another org's program is no referral here.
    const foreign = withOrder({ promotion_ids: ["promo_o"], cart_id: null }, { coupons: [{ org_id: "org_b", promotion_id: "promo_o", affiliate_id: "aff_other" }] })
    expect(one(foreign).skipped).toBe("no referral")
  })

  it("takes the most specific rate: the affiliate's on the product, then the affiliate's, then the program's; fixed is capped at the net", () => {
    const f = facts({ product_rates: [{ affiliate_id: "aff_ana", product_id: "prod_2", commission_type: "fixed", fixed_amounts: [{ currency_code: "usd", amount: "20" }] }] })
    f.affiliates[0] = { ...f.affiliates[0], commission_type: "percent", commission_bps: 2500 }
    expect(one(f).rows.map((r) => [r.line_item_id, r.rate_source, r.rate_type, r.amount, r.flags])).toEqual([
      ["li_1", "affiliate", "percent", "25.00", []],
      // $20 x 2 units, but the line brought in $30.
      ["li_2", "affiliate_product", "fixed", "30.00", ["fixed_capped"]],
    ])
    // No rate anywhere: voided rows of zero.
    const none = facts()
    none.programs[0] = { ...none.programs[0], commission_type: null }
    expect(amounts(none)).toEqual([
      ["li_1", "0.00", "voided"],
      ["li_2", "0.00", "voided"],
    ])
  })

  it("works in JPY minor units (no decimals), rounding half up", () => {
    const f = withOrder({ currency_code: "jpy", items: [{ id: "li_y", product_id: "prod_1", quantity: 1, total: 13615, tax_total: 0 }] })
    f.programs[0] = { ...f.programs[0], commission_bps: 1250 }
    // 13615 x 12.5 % = 1701.875 -> 1702 yen.
    expect(one(f).rows.map((r) => [r.currency_code, r.base_amount, r.amount])).toEqual([["jpy", "13615", "1702"]])
  })

  it("voids self-referral (same customer, or the affiliate's own mailbox under another account) with no amount", () => {
    const self = facts({ buyers: [{ id: "cus_ana", email: "ana@example.com" }] })
    const sameCustomer = withOrder({ customer_id: "cus_ana", email: "ana@example.com" }, self)
    expect(one(sameCustomer).rows.map((r) => [r.amount, r.status, r.flags])).toEqual([
      ["0.00", "voided", ["self_referral"]],
      ["0.00", "voided", ["self_referral"]],
    ])
    const otherAccount = withOrder({ customer_id: "cus_2", email: null }, facts({ buyers: [{ id: "cus_2", email: "Ana@Example.com" }] }))
    expect(one(otherAccount).rows[0]).toMatchObject({ amount: "0.00", status: "voided", flags: ["self_referral"] })
  })

  it("sends fast conversions and affiliates with many refunded orders to review; counts earlier orders of the same call", () => {
    const fast = facts()
    fast.touches[0] = { ...fast.touches[0], touched_at: new Date(ordered.getTime() - 1_000) }
    expect(one(fast).rows[0]).toMatchObject({ status: "pending", needs_review: true, flags: ["fast_conversion"] })

    // 1 of Ana's 4 orders refunded (25 %): review.
    const refunds = facts({ prior_by_affiliate: { aff_ana: { orders: 4, refunded_orders: 1 } } })
    expect(one(refunds).rows[0]).toMatchObject({ needs_review: true, flags: ["high_refund_rate"] })
    // The order itself had a row clawed back: it is not its own prior order (0 of 3 left).
    const own = facts({
      prior_by_affiliate: { aff_ana: { orders: 4, refunded_orders: 1 } },
      credited: [{ order_id: "order_1", line_item_id: "li_1", affiliate_id: "aff_ana", clawed_back_amount: "10.00" }],
    })
    expect(one(own).rows.map((r) => [r.line_item_id, r.needs_review])).toEqual([["li_2", false]])

    // Three orders in one call with 1 refunded of 3 before: the first is 33 % (review), the
    // next ones count it (1 of 4 = 25 %: review), then 1 of 5 = 20 %: no review.
    const batch = facts({ prior_by_affiliate: { aff_ana: { orders: 3, refunded_orders: 1 } } })
    batch.orders = ["o_a", "o_b", "o_c"].map((id) => ({ ...batch.orders[0], id, cart_id: "cart_1" }))
    expect(planOrderCommissions(batch, ["o_a", "o_b", "o_c", "o_a"], money).map((p) => [p.order_id, p.rows[0]?.needs_review])).toEqual([
      ["o_a", true],
      ["o_b", true],
      ["o_c", false],
      ["o_a", false],
    ])
  })
})

describe("planOrderCommissions on subscription renewals", () => {
  // order_1 renews sub_1, whose first order (order_0) was credited to ana through click_1.
  const renewal = (period: number, program: Partial<CommissionFacts["programs"][number]>, rest: Partial<CommissionFacts> = {}) => {
    const f = facts({
      touches: [],
      subscriptions: [{ id: "sub_1", origin_order_id: "order_0", interval: "month", interval_count: 1 }],
      origin_referrals: [{ order_id: "order_0", affiliate_id: "aff_ana", source: "click", click_id: "click_1", promotion_id: null }],
      ...rest,
    })
    return {
      ...f,
      programs: f.programs.map((p) => (p.org_id === "org_a" ? { ...p, ...program } : p)),
      orders: [{ ...f.orders[0], cart_id: "cart_renewal", subscription: { id: "sub_1", period } }],
    }
  }

  it("credits the first order's affiliate on renewals the program pays for, with no touch of their own", () => {
    const p = one(renewal(2, { recurring_commission: "recurring", recurring_months: 2 }))
    expect(p.skipped).toBeNull()
    expect(p.rows.map((r) => [r.affiliate_id, r.source, r.click_id, r.amount, r.flags])).toEqual([
      ["aff_ana", "click", "click_1", "10.00", []],
      ["aff_ana", "click", "click_1", "3.00", []],
    ])
    expect(one(renewal(40, { recurring_commission: "recurring", recurring_months: null })).rows).toHaveLength(2)
    // Period 1 after a free trial is the first payment.
    expect(one(renewal(1, {})).rows).toHaveLength(2)
  })

  it("skips renewals the program does not pay for, or without a first referral, with a reason", () => {
    expect(one(renewal(2, {})).skipped).toBe("subscription renewal: the program pays on the first payment only")
    expect(one(renewal(3, { recurring_commission: "recurring", recurring_months: 2 })).skipped).toContain("period 3 starts after")
    expect(one(renewal(2, { recurring_commission: "recurring" }, { origin_referrals: [] })).skipped).toBe(
      "no referral (the subscription's first order had none)"
    )
    expect(one(renewal(2, { recurring_commission: "recurring" }, { subscriptions: [] })).skipped).toBe("renewal of an unknown subscription")
    const suspended = renewal(2, { recurring_commission: "recurring" })
    suspended.affiliates = suspended.affiliates.map((a) => (a.id === "aff_ana" ? { ...a, status: "suspended" } : a))
    expect(one(suspended).skipped).toBe("no valid referral (status or org)")
  })

  it("still voids a self-referred renewal", () => {
    const f = renewal(2, { recurring_commission: "recurring" })
    f.orders[0].customer_id = "cus_ana"
    expect(one(f).rows.map((r) => [r.status, r.flags, r.amount])).toEqual([
      ["voided", ["self_referral"], "0.00"],
      ["voided", ["self_referral"], "0.00"],
    ])
  })
})
