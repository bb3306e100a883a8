import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE } from "../../modules/affiliates"
import { computeLineCommission } from "../../rules/commission-amount"
import { resolveCommissionRate, RateRule } from "../../rules/commission-rate"
import { assessReferralFraud } from "../../rules/fraud"
import { chooseReferral } from "../../rules/referral-window"
import { fromMinor, toMinor } from "../../utils/ledger"

export type PlannedCommissions = { skipped: string | null; rows: Record<string, unknown>[] }
const skip = (reason: string) => new StepResponse<PlannedCommissions>({ skipped: reason, rows: [] })

const rateOf = (r: any): RateRule | null =>
  r?.commission_type ? { type: r.commission_type, percent_bps: r.commission_bps, fixed_amounts: r.fixed_amounts } : null

/**
 * The commissions an order earns, one per line not yet credited: the org's program must be
 * enabled; the referral (an affiliate's coupon on the order, else the cart's touches under
 * the program's model and window) must name an approved affiliate of the order's org. The
 * base is each line's amount after discounts, without tax. Self-referral yields voided,
 * flagged rows with no amount; fast conversions and high refund rates need review. Reads only.
 */
export const planOrderCommissionsStep = createStep(
  "plan-order-commissions",
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const service = container.resolve(AFFILIATES_MODULE) as any
    const {
      data: [order],
    } = await query.graph({
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
      filters: { id: order_id },
    })
    if (!order) return skip("order not found")
    // The cart link and adjustments, asked apart from the totals.
    const {
      data: [withLinks],
    } = await query.graph({ entity: "order", fields: ["id", "cart.id", "items.id", "items.adjustments.promotion_id"], filters: { id: order_id } })
    const {
      data: [org],
    } = await query.graph({ entity: "org", fields: ["id"], filters: { sales_channel_id: order.sales_channel_id } })
    if (!org) return skip("the order's sales channel belongs to no org")
    const [program] = await service.listAffiliatePrograms({ org_id: org.id })
    if (!program?.enabled) return skip("no enabled affiliate program")

    const items = (order.items ?? []).filter(Boolean) as any[]
    const done = new Set(
      (await service.listAffiliateCommissions({ order_id: order.id }, { select: ["line_item_id"] })).map((c: any) => c.line_item_id)
    )
    const open = items.filter((i) => !done.has(i.id))
    if (!open.length) return skip(items.length ? "already credited" : "no lines")

    const cartId = (withLinks as any)?.cart?.id
    const touches = cartId ? await service.listAffiliateReferrals({ cart_id: cartId, org_id: org.id }) : []
    const adjusted = ((withLinks as any)?.items ?? []).filter(Boolean) as any[]
    const promotionIds = [...new Set(adjusted.flatMap((i) => (i.adjustments ?? []).map((a: any) => a?.promotion_id)).filter(Boolean))] as string[]
    const coupons = promotionIds.length ? await service.listAffiliateCoupons({ promotion_id: promotionIds, org_id: org.id }) : []
    const affiliateIds = [...new Set([...touches.map((t: any) => t.affiliate_id), ...coupons.map((c: any) => c.affiliate_id)])]
    if (!affiliateIds.length) return skip("no referral")
    const affiliates = new Map<string, any>(
      (await service.listAffiliates({ id: affiliateIds, org_id: org.id })).map((a: any) => [a.id, a])
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

    const prior = await service.countPriorOrders(affiliate.id, order.id)
    const {
      data: [buyer],
    } = order.customer_id
      ? await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: order.customer_id } })
      : { data: [] as any[] }
    const verdict = assessReferralFraud({
      buyer: { customer_id: order.customer_id ?? null, email: order.email ?? buyer?.email ?? null },
      affiliate: { customer_id: affiliate.customer_id, email: affiliate.email },
      touched_at: chosen.touched_at,
      ordered_at: orderedAt,
      prior_orders: prior.orders,
      prior_refunded_orders: prior.refunded_orders,
    })
    // A customer buying with their own email under another account still counts as self.
    if (!verdict.blocked && buyer?.email && affiliate.email && buyer.email.toLowerCase() === affiliate.email.toLowerCase()) {
      verdict.blocked = true
      verdict.flags = ["self_referral"]
    }

    const currency = String(order.currency_code).toLowerCase()
    const productRates = new Map<string, any>(
      (await service.listAffiliateProductRates({ affiliate_id: affiliate.id })).map((r: any) => [r.product_id, r])
    )
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
    return new StepResponse<PlannedCommissions>({ skipped: null, rows })
  }
)
