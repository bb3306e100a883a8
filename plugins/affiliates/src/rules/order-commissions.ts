import { computeLineCommission } from "./commission-amount"
import { resolveCommissionRate, type FixedAmount, type RateRule } from "./commission-rate"
import { assessReferralFraud } from "./fraud"
import { sameMailbox } from "./mailbox"
import { recurringCommissionRefusal, type RecurringSetting, type RenewedSubscription } from "./recurring-commission"
import { chooseReferral, type AttributionModel, type ChosenReferral } from "./referral-window"

/*
 * Which commissions orders earn: the decisions of the order.placed path and of a backlog,
 * on facts read beforehand (workflows/steps/plan-order-commissions.ts reads them in a fixed
 * number of queries). Pure: no reads, no clock, money in integer minor units.
 */

type Rated = { commission_type?: RateRule["type"] | null; commission_bps?: number | null; fixed_amounts?: FixedAmount[] | null }
type Amount = string | number | { toString(): string }

export type CommissionFacts = {
  orders: {
    id: string
    created_at: Date | string
    currency_code: string
    email?: string | null
    customer_id?: string | null
    sales_channel_id?: string | null
    cart_id?: string | null
    /** Promotions adjusting any of the order's lines. */
    promotion_ids: string[]
    items: { id: string; product_id?: string | null; quantity?: number | string | null; total?: Amount | null; tax_total?: Amount | null }[]
    /** A subscription renewal (order metadata `subscription_id`, `subscription_period`). */
    subscription?: { id: string; period: number } | null
  }[]
  orgs: { id: string; sales_channel_id: string }[]
  programs: (Rated & RecurringSetting & { org_id: string; enabled: boolean; attribution_model: AttributionModel; cookie_window_days: number; hold_days: number })[]
  /** The renewed subscriptions (read through Query when @volmify/access is installed). */
  subscriptions?: (RenewedSubscription & { id: string; origin_order_id: string })[]
  /** The referral each subscription's first order was credited to (from its commissions). */
  origin_referrals?: { order_id: string; affiliate_id: string; source: "click" | "coupon"; click_id: string | null; promotion_id: string | null }[]
  /** Commissions already made for these orders. */
  credited: { order_id: string; line_item_id: string; affiliate_id: string; clawed_back_amount?: Amount | null }[]
  /** Referral touches of the orders' carts. */
  touches: { id: string; cart_id: string; org_id: string; affiliate_id: string; touched_at: Date | string; click_id?: string | null }[]
  /** Affiliate coupons among the orders' promotions. */
  coupons: { org_id: string; promotion_id: string; affiliate_id: string }[]
  affiliates: (Rated & { id: string; org_id: string; status: string; customer_id: string; email?: string | null })[]
  /** Each affiliate's orders counted so far, and how many of them were refunded. */
  prior_by_affiliate: Record<string, { orders: number; refunded_orders: number }>
  buyers: { id: string; email?: string | null }[]
  product_rates: (Rated & { affiliate_id: string; product_id: string })[]
}

export type Money = {
  toMinor(amount: unknown, currency: string): bigint
  fromMinor(minor: bigint, currency: string): string
}

export type CommissionRow = {
  org_id: string
  affiliate_id: string
  order_id: string
  line_item_id: string
  product_id: string | null
  currency_code: string
  source: "click" | "coupon"
  click_id: string | null
  promotion_id: string | null
  base_amount: string
  rate_source: string | null
  rate_type: string
  rate_bps: number | null
  original_amount: string
  amount: string
  clawed_back_amount: string
  status: "pending" | "voided"
  flags: string[]
  needs_review: boolean
  ordered_at: Date
  hold_until: Date
}

export type OrderCommissionPlan = { order_id: string; skipped: string | null; rows: CommissionRow[] }

const DAY_MS = 86_400_000
const rateOf = (r: Rated | undefined | null): RateRule | null =>
  r?.commission_type ? ({ type: r.commission_type, percent_bps: r.commission_bps, fixed_amounts: r.fixed_amounts } as RateRule) : null
const uniq = (values: (string | null | undefined)[]) => [...new Set(values.filter(Boolean))] as string[]

/**
 * The commissions each order earns, one per line not yet credited: the org's program must
 * be enabled; the referral (an affiliate's coupon on the order, else the cart's touches
 * under the program's model and window) must name an approved affiliate of the order's
 * org. The base is each line's amount after discounts, without tax. Self-referral yields
 * voided, flagged rows with no amount; fast conversions and high refund rates need review
 * (an order's prior orders include those planned before it in the same call). One answer
 * per id, in order; a skipped order says why.
 */
export function planOrderCommissions(facts: CommissionFacts, orderIds: string[], money: Money): OrderCommissionPlan[] {
  const ordersById = new Map(facts.orders.map((o) => [o.id, o]))
  const orgByChannel = new Map(facts.orgs.map((o) => [o.sales_channel_id, o]))
  const programByOrg = new Map(facts.programs.map((p) => [p.org_id, p]))
  const affiliatesAll = new Map(facts.affiliates.map((a) => [a.id, a]))
  const buyerById = new Map(facts.buyers.map((b) => [b.id, b]))
  const priorByAffiliate = new Map(Object.entries(facts.prior_by_affiliate ?? {}))

  return orderIds.map((order_id): OrderCommissionPlan => {
    const skip = (reason: string) => ({ order_id, skipped: reason, rows: [] })
    const order = ordersById.get(order_id)
    if (!order) return skip("order not found")
    const org = order.sales_channel_id ? orgByChannel.get(order.sales_channel_id) : undefined
    if (!org) return skip("the order's sales channel belongs to no org")
    const program = programByOrg.get(org.id)
    if (!program?.enabled) return skip("no enabled affiliate program")

    const items = (order.items ?? []).filter(Boolean)
    const mine = facts.credited.filter((c) => c.order_id === order.id)
    const done = new Set(mine.map((c) => c.line_item_id))
    const open = items.filter((i) => !done.has(i.id))
    if (!open.length) return skip(items.length ? "already credited" : "no lines")

    const orderedAt = new Date(order.created_at)
    // A renewal's click is the first order's: no touch time of its own (no fast-conversion check).
    let chosen: ChosenReferral | { source: "click"; affiliate_id: string; click_id: string | null; referral_id: null; touched_at: null } | null
    let affiliates: Map<string, (typeof facts.affiliates)[number]>
    if (order.subscription) {
      // A renewal: the referral of the subscription's first order, as the program says.
      const sub = (facts.subscriptions ?? []).find((s) => s.id === order.subscription!.id)
      if (!sub) return skip("renewal of an unknown subscription")
      const refusal = recurringCommissionRefusal(program, sub, order.subscription.period)
      if (refusal) return skip(refusal)
      const origin = (facts.origin_referrals ?? []).find((r) => r.order_id === sub.origin_order_id)
      if (!origin) return skip("no referral (the subscription's first order had none)")
      const first = affiliatesAll.get(origin.affiliate_id)
      if (first?.org_id !== org.id || first.status !== "approved") return skip("no valid referral (status or org)")
      affiliates = new Map([[first.id, first]])
      chosen =
        origin.source === "coupon"
          ? { source: "coupon", affiliate_id: first.id, promotion_id: origin.promotion_id ?? "", touched_at: null }
          : { source: "click", affiliate_id: first.id, click_id: origin.click_id, referral_id: null, touched_at: null }
    } else {
      const touches = order.cart_id ? facts.touches.filter((t) => t.cart_id === order.cart_id && t.org_id === org.id) : []
      const promotionIds = uniq(order.promotion_ids ?? [])
      const coupons = facts.coupons.filter((c) => c.org_id === org.id && promotionIds.includes(c.promotion_id))
      if (!touches.length && !coupons.length) return skip("no referral")
      const mapped = new Map(
        uniq([...touches.map((t) => t.affiliate_id), ...coupons.map((c) => c.affiliate_id)])
          .map((id) => affiliatesAll.get(id))
          .filter((a) => a?.org_id === org.id)
          .map((a) => [a!.id, a!])
      )
      affiliates = mapped
      chosen = chooseReferral({
        touches: touches.map((t) => ({ affiliate_id: t.affiliate_id, touched_at: new Date(t.touched_at), click_id: t.click_id, referral_id: t.id })),
        coupons: promotionIds.flatMap((pid) => coupons.filter((c) => c.promotion_id === pid).map((c) => ({ affiliate_id: c.affiliate_id, promotion_id: pid }))),
        model: program.attribution_model,
        window_days: program.cookie_window_days,
        ordered_at: orderedAt,
        eligible: (id) => mapped.get(id)?.status === "approved",
      })
    }
    if (!chosen) return skip("no valid referral (window, status or org)")
    const affiliate = affiliates.get(chosen.affiliate_id)!
    const currency = String(order.currency_code).toLowerCase()

    // The affiliate's other orders: all counted, less this one if it already has rows.
    const counted = priorByAffiliate.get(affiliate.id) ?? { orders: 0, refunded_orders: 0 }
    const own = mine.filter((c) => c.affiliate_id === affiliate.id)
    const prior = {
      orders: counted.orders - (own.length ? 1 : 0),
      refunded_orders: counted.refunded_orders - (own.some((c) => money.toMinor(c.clawed_back_amount ?? 0, currency) > 0n) ? 1 : 0),
    }
    const buyer = order.customer_id ? buyerById.get(order.customer_id) : undefined
    const verdict = assessReferralFraud({
      buyer: { customer_id: order.customer_id ?? null, email: order.email ?? buyer?.email ?? null },
      affiliate: { customer_id: affiliate.customer_id, email: affiliate.email ?? null },
      touched_at: chosen.touched_at,
      ordered_at: orderedAt,
      prior_orders: prior.orders,
      prior_refunded_orders: prior.refunded_orders,
    })
    // A customer buying with their own email under another account still counts as self.
    if (!verdict.blocked && sameMailbox(buyer?.email, affiliate.email)) {
      verdict.blocked = true
      verdict.flags = ["self_referral"]
    }

    const productRates = new Map(facts.product_rates.filter((r) => r.affiliate_id === affiliate.id).map((r) => [r.product_id, r]))
    const holdUntil = new Date(orderedAt.getTime() + program.hold_days * DAY_MS)
    const rows = open.map((item): CommissionRow => {
      const net = money.toMinor(item.total ?? 0, currency) - money.toMinor(item.tax_total ?? 0, currency)
      const rate = resolveCommissionRate(
        { affiliate_product: rateOf(item.product_id ? productRates.get(item.product_id) : undefined), affiliate: rateOf(affiliate), program: rateOf(program) },
        currency
      )
      const line = verdict.blocked
        ? { amount_minor: 0n, flags: [] as string[] }
        : computeLineCommission(rate, { net_minor: net, quantity: Number(item.quantity) || 1 }, (a) => money.toMinor(a, currency))
      const amount = money.fromMinor(line.amount_minor, currency)
      return {
        org_id: org.id,
        affiliate_id: affiliate.id,
        order_id: order.id,
        line_item_id: item.id,
        product_id: item.product_id ?? null,
        currency_code: currency,
        source: chosen.source,
        click_id: chosen.source === "click" ? chosen.click_id ?? null : null,
        promotion_id: chosen.source === "coupon" ? chosen.promotion_id : null,
        base_amount: money.fromMinor(net > 0n ? net : 0n, currency),
        rate_source: rate.source,
        rate_type: rate.type,
        rate_bps: rate.type === "percent" ? rate.percent_bps : null,
        original_amount: amount,
        amount,
        clawed_back_amount: "0",
        status: verdict.blocked || line.amount_minor === 0n ? "voided" : "pending",
        flags: [...verdict.flags, ...line.flags],
        needs_review: verdict.needs_review,
        ordered_at: orderedAt,
        hold_until: holdUntil,
      }
    })
    // Later orders of this call count this one among the affiliate's prior orders.
    if (!own.length) priorByAffiliate.set(affiliate.id, { ...counted, orders: counted.orders + 1 })
    return { order_id, skipped: null, rows }
  })
}
