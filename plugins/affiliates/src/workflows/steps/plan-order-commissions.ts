import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE } from "../../modules/affiliates"
import { computeLineCommission } from "../../rules/commission-amount"
import { resolveCommissionRate, RateRule } from "../../rules/commission-rate"
import { assessReferralFraud } from "../../rules/fraud"
import { sameMailbox } from "../../rules/mailbox"
import { chooseReferral } from "../../rules/referral-window"
import { fromMinor, toMinor } from "../../utils/ledger"

export type PlannedCommissions = { skipped: string | null; rows: Record<string, unknown>[] }

const rateOf = (r: any): RateRule | null =>
  r?.commission_type ? { type: r.commission_type, percent_bps: r.commission_bps, fixed_amounts: r.fixed_amounts } : null

/**
 * The commissions each order earns, one per line not yet credited: the org's program must
 * be enabled; the referral (an affiliate's coupon on the order, else the cart's touches
 * under the program's model and window) must name an approved affiliate of the order's
 * org. The base is each line's amount after discounts, without tax. Self-referral yields
 * voided, flagged rows with no amount; fast conversions and high refund rates need review
 * (an order's prior orders include those planned before it in the same call). Reads only,
 * in a fixed number of queries however many orders. One answer per id, in order.
 */
export async function planOrderCommissions(container: any, orderIds: string[]): Promise<(PlannedCommissions & { order_id: string })[]> {
  const ids = [...new Set(orderIds)]
  if (!ids.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const service = container.resolve(AFFILIATES_MODULE) as any
  const uniq = (values: unknown[]) => [...new Set(values.filter(Boolean))] as string[]
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "created_at",
      "currency_code",
      "email",
      "customer_id",
      "sales_channel_id",
      // A top-level total makes the order module compute totals (lines included).
      "total",
      "items.id",
      "items.product_id",
      "items.quantity",
      "items.total",
      "items.tax_total",
    ],
    filters: { id: ids },
  })
  // The cart link and adjustments, asked apart from the totals.
  const { data: links } = await query.graph({ entity: "order", fields: ["id", "cart.id", "items.id", "items.adjustments.promotion_id"], filters: { id: ids } })
  const channels = uniq(orders.map((o: any) => o.sales_channel_id))
  const { data: orgs } = channels.length
    ? await query.graph({ entity: "org", fields: ["id", "sales_channel_id"], filters: { sales_channel_id: channels } })
    : { data: [] as any[] }
  const orgByChannel = new Map<string, any>(orgs.map((o: any) => [o.sales_channel_id, o]))
  const programs = orgs.length ? await service.listAffiliatePrograms({ org_id: orgs.map((o: any) => o.id) }) : []
  const programByOrg = new Map<string, any>(programs.map((p: any) => [p.org_id, p]))
  const credited = await service.listAffiliateCommissions({ order_id: ids }, { select: ["order_id", "line_item_id", "affiliate_id", "clawed_back_amount"] })
  const linksById = new Map<string, any>(links.map((o: any) => [o.id, o]))
  const cartIds = uniq(links.map((o: any) => o.cart?.id))
  const touchesAll = cartIds.length ? await service.listAffiliateReferrals({ cart_id: cartIds }) : []
  const promotionIdsAll = uniq(links.flatMap((o: any) => (o.items ?? []).flatMap((i: any) => (i?.adjustments ?? []).map((a: any) => a?.promotion_id))))
  const couponsAll = promotionIdsAll.length ? await service.listAffiliateCoupons({ promotion_id: promotionIdsAll }) : []
  const affiliateIdsAll = uniq([...touchesAll.map((t: any) => t.affiliate_id), ...couponsAll.map((c: any) => c.affiliate_id)])
  const affiliatesAll = new Map<string, any>(
    (affiliateIdsAll.length ? await service.listAffiliates({ id: affiliateIdsAll }) : []).map((a: any) => [a.id, a])
  )
  const priorByAffiliate = new Map<string, { orders: number; refunded_orders: number }>(
    Object.entries(affiliateIdsAll.length ? await service.countOrdersByAffiliate(affiliateIdsAll) : {})
  )
  const customerIds = uniq(orders.map((o: any) => o.customer_id))
  const { data: buyers } = customerIds.length
    ? await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: customerIds } })
    : { data: [] as any[] }
  const buyerById = new Map<string, any>(buyers.map((b: any) => [b.id, b]))
  const rates = affiliateIdsAll.length ? await service.listAffiliateProductRates({ affiliate_id: affiliateIdsAll }) : []
  const ordersById = new Map<string, any>(orders.map((o: any) => [o.id, o]))

  return orderIds.map((order_id) => {
    const skip = (reason: string) => ({ order_id, skipped: reason, rows: [] })
    const order = ordersById.get(order_id)
    if (!order) return skip("order not found")
    const withLinks = linksById.get(order_id)
    const org = orgByChannel.get(order.sales_channel_id)
    if (!org) return skip("the order's sales channel belongs to no org")
    const program = programByOrg.get(org.id)
    if (!program?.enabled) return skip("no enabled affiliate program")

    const items = (order.items ?? []).filter(Boolean) as any[]
    const mine = credited.filter((c: any) => c.order_id === order.id)
    const done = new Set(mine.map((c: any) => c.line_item_id))
    const open = items.filter((i) => !done.has(i.id))
    if (!open.length) return skip(items.length ? "already credited" : "no lines")

    const cartId = withLinks?.cart?.id
    const touches = cartId ? touchesAll.filter((t: any) => t.cart_id === cartId && t.org_id === org.id) : []
    const adjusted = (withLinks?.items ?? []).filter(Boolean) as any[]
    const promotionIds = uniq(adjusted.flatMap((i) => (i.adjustments ?? []).map((a: any) => a?.promotion_id)))
    const coupons = couponsAll.filter((c: any) => c.org_id === org.id && promotionIds.includes(c.promotion_id))
    if (!touches.length && !coupons.length) return skip("no referral")
    const affiliates = new Map<string, any>(
      uniq([...touches.map((t: any) => t.affiliate_id), ...coupons.map((c: any) => c.affiliate_id)])
        .map((id) => affiliatesAll.get(id))
        .filter((a: any) => a?.org_id === org.id)
        .map((a: any) => [a.id, a])
    )
    const orderedAt = new Date(order.created_at as any)
    const chosen = chooseReferral({
      touches: touches.map((t: any) => ({ affiliate_id: t.affiliate_id, touched_at: new Date(t.touched_at), click_id: t.click_id, referral_id: t.id })),
      coupons: promotionIds.flatMap((pid) => coupons.filter((c: any) => c.promotion_id === pid).map((c: any) => ({ affiliate_id: c.affiliate_id, promotion_id: pid }))),
      model: program.attribution_model,
      window_days: program.cookie_window_days,
      ordered_at: orderedAt,
      eligible: (id) => affiliates.get(id)?.status === "approved",
    })
    if (!chosen) return skip("no valid referral (window, status or org)")
    const affiliate = affiliates.get(chosen.affiliate_id)

    // The affiliate's other orders: all counted, less this one if it already has rows.
    const counted = priorByAffiliate.get(affiliate.id) ?? { orders: 0, refunded_orders: 0 }
    const own = mine.filter((c: any) => c.affiliate_id === affiliate.id)
    const prior = {
      orders: counted.orders - (own.length ? 1 : 0),
      refunded_orders: counted.refunded_orders - (own.some((c: any) => MathBN.gt(c.clawed_back_amount ?? 0, 0)) ? 1 : 0),
    }
    const buyer = order.customer_id ? buyerById.get(order.customer_id) : undefined
    const verdict = assessReferralFraud({
      buyer: { customer_id: order.customer_id ?? null, email: order.email ?? buyer?.email ?? null },
      affiliate: { customer_id: affiliate.customer_id, email: affiliate.email },
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

    const currency = String(order.currency_code).toLowerCase()
    const productRates = new Map<string, any>(rates.filter((r: any) => r.affiliate_id === affiliate.id).map((r: any) => [r.product_id, r]))
    const holdUntil = new Date(orderedAt.getTime() + program.hold_days * 86_400_000)
    const rows = open.map((item) => {
      const net = toMinor(item.total ?? 0, currency) - toMinor(item.tax_total ?? 0, currency)
      const rate = resolveCommissionRate(
        { affiliate_product: rateOf(productRates.get(item.product_id)), affiliate: rateOf(affiliate), program: rateOf(program) },
        currency
      )
      const line = verdict.blocked
        ? { amount_minor: 0n, flags: [] as string[] }
        : computeLineCommission(rate, { net_minor: net, quantity: Number(item.quantity) || 1 }, (a) => toMinor(a, currency))
      const amount = fromMinor(line.amount_minor, currency)
      return {
        org_id: org.id,
        affiliate_id: affiliate.id,
        order_id: order.id,
        line_item_id: item.id,
        product_id: item.product_id ?? null,
        currency_code: currency,
        source: chosen.source,
        click_id: chosen.source === "click" ? chosen.click_id : null,
        promotion_id: chosen.source === "coupon" ? chosen.promotion_id : null,
        base_amount: fromMinor(net > 0n ? net : 0n, currency),
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

/** One order's commissions (the order.placed path): planOrderCommissions for one id. */
export const planOrderCommissionsStep = createStep(
  "plan-order-commissions",
  async ({ order_id }: { order_id: string }, { container }) => {
    const [{ order_id: _id, ...plan }] = await planOrderCommissions(container, [order_id])
    return new StepResponse<PlannedCommissions>(plan)
  }
)

/** A backlog's commissions: planOrderCommissions for many ids. */
export const planOrdersCommissionsStep = createStep(
  "plan-orders-commissions",
  async ({ order_ids }: { order_ids: string[] }, { container }) => new StepResponse(await planOrderCommissions(container, order_ids))
)
