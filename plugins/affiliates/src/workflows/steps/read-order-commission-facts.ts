import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../modules/affiliates"
import type { FixedAmount } from "../../rules/commission-rate"
import type { CommissionFacts } from "../../rules/order-commissions"
import type { AffiliateCommissionRecord, AffiliateRecord } from "../../types/records"

/** An order as read below (totals asked for, so the order module computes them). */
type FactsOrderRow = {
  id: string
  created_at: Date | string
  currency_code: string
  email?: string | null
  customer_id?: string | null
  sales_channel_id?: string | null
  metadata?: Record<string, unknown> | null
  items?: ({ id: string; product_id?: string | null; quantity?: number | null; total?: BigNumberInput | null; tax_total?: BigNumberInput | null } | null)[] | null
}
/** An order's cart link and its lines' promotion adjustments. */
type OrderLinksRow = {
  id: string
  cart?: { id: string } | null
  items?: ({ id: string; adjustments?: ({ promotion_id?: string | null } | null)[] | null } | null)[] | null
}
type SubscriptionRow = NonNullable<CommissionFacts["subscriptions"]>[number]
/** A rate rule's columns (program, affiliate or product rate). */
type RatedRecord = { commission_type?: "percent" | "fixed" | null; commission_bps?: number | null; fixed_amounts?: FixedAmount[] | null }

/**
 * What deciding the orders' commissions (rules/order-commissions.ts) needs, read in a fixed
 * number of queries however many orders (up to 1,000 a batch): the orders with their lines'
 * totals, cart and promotions, the orgs of their sales channels and their programs, the
 * commissions already made, the carts' touches, the affiliate coupons among the promotions,
 * those affiliates with their order counts and product rates, and the buyers' emails.
 * Plain data (amounts as decimal strings), so the step's output is stored as is.
 */
export async function readOrderCommissionFacts(container: MedusaContainer, orderIds: string[]): Promise<CommissionFacts> {
  const ids = [...new Set(orderIds)]
  const none: CommissionFacts = { orders: [], orgs: [], programs: [], credited: [], touches: [], coupons: [], affiliates: [], prior_by_affiliate: {}, buyers: [], product_rates: [] }
  if (!ids.length) return none
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const service = container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)
  const uniq = (values: (string | null | undefined)[]) => [...new Set(values.filter(Boolean))] as string[]
  const decimal = (x: BigNumberInput | null | undefined) => (x === null || x === undefined ? null : MathBN.convert(x).toFixed())
  const { data: orders }: { data: FactsOrderRow[] } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "created_at",
      "currency_code",
      "email",
      "customer_id",
      "sales_channel_id",
      "metadata",
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
  const { data: links }: { data: OrderLinksRow[] } = await query.graph({ entity: "order", fields: ["id", "cart.id", "items.id", "items.adjustments.promotion_id"], filters: { id: ids } })
  const channels = uniq(orders.map((o) => o.sales_channel_id))
  const { data: orgs }: { data: { id: string; sales_channel_id: string }[] } = channels.length
    ? await query.graph({ entity: "org", fields: ["id", "sales_channel_id"], filters: { sales_channel_id: channels } })
    : { data: [] }
  const programs = orgs.length ? await service.listAffiliatePrograms({ org_id: orgs.map((o) => o.id) }) : []
  const credited = await service.listAffiliateCommissions({ order_id: ids }, { select: ["order_id", "line_item_id", "affiliate_id", "clawed_back_amount"] })
  const linksById = new Map<string, OrderLinksRow>(links.map((o) => [o.id, o]))
  const cartIds = uniq(links.map((o) => o.cart?.id))
  const touchesAll = cartIds.length ? await service.listAffiliateReferrals({ cart_id: cartIds }) : []
  const promotionIdsAll = uniq(links.flatMap((o) => (o.items ?? []).flatMap((i) => (i?.adjustments ?? []).map((a) => a?.promotion_id))))
  const couponsAll = promotionIdsAll.length ? await service.listAffiliateCoupons({ promotion_id: promotionIdsAll }) : []
  const affiliateIdsAll = uniq([...touchesAll.map((t) => t.affiliate_id), ...couponsAll.map((c) => c.affiliate_id)])
  const affiliates: AffiliateRecord[] = affiliateIdsAll.length ? await service.listAffiliates({ id: affiliateIdsAll }) : []
  const prior: CommissionFacts["prior_by_affiliate"] = affiliateIdsAll.length ? await service.countOrdersByAffiliate(affiliateIdsAll) : {}
  const customerIds = uniq(orders.map((o) => o.customer_id))
  const { data: buyers }: { data: { id: string; email?: string | null }[] } = customerIds.length
    ? await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: customerIds } })
    : { data: [] }
  const renewals = readRenewals(orders)
  const renewalByOrder = new Map(renewals.map((r) => [r.order_id, { id: r.id, period: r.period }]))
  const subscriptions = await readRenewedSubscriptions(container, [...new Set(renewals.map((r) => r.id))])
  const originIds = uniq(subscriptions.map((s) => s.origin_order_id))
  const originRows: AffiliateCommissionRecord[] = originIds.length
    ? await service.listAffiliateCommissions({ order_id: originIds }, { select: ["order_id", "affiliate_id", "source", "click_id", "promotion_id"] })
    : []
  const originAffiliateIds = uniq(originRows.map((c) => c.affiliate_id)).filter((id) => !affiliateIdsAll.includes(id))
  if (originAffiliateIds.length) {
    affiliates.push(...(await service.listAffiliates({ id: originAffiliateIds })))
    Object.assign(prior, await service.countOrdersByAffiliate(originAffiliateIds))
    affiliateIdsAll.push(...originAffiliateIds)
  }
  const rates = affiliateIdsAll.length ? await service.listAffiliateProductRates({ affiliate_id: affiliateIdsAll }) : []
  const rated = (r: RatedRecord) => ({ commission_type: r.commission_type ?? null, commission_bps: r.commission_bps ?? null, fixed_amounts: r.fixed_amounts ?? null })
  return {
    orders: orders.map((o) => {
      const withLinks = linksById.get(o.id)
      return {
        id: o.id,
        created_at: o.created_at,
        currency_code: o.currency_code,
        email: o.email ?? null,
        customer_id: o.customer_id ?? null,
        sales_channel_id: o.sales_channel_id ?? null,
        cart_id: withLinks?.cart?.id ?? null,
        subscription: renewalByOrder.get(o.id) ?? null,
        promotion_ids: uniq((withLinks?.items ?? []).flatMap((i) => (i?.adjustments ?? []).map((a) => a?.promotion_id))),
        items: (o.items ?? []).filter((i) => !!i).map((i) => ({
          id: i.id,
          product_id: i.product_id ?? null,
          quantity: i.quantity,
          total: decimal(i.total),
          tax_total: decimal(i.tax_total),
        })),
      }
    }),
    orgs: orgs.map((o) => ({ id: o.id, sales_channel_id: o.sales_channel_id })),
    programs: programs.map((p) => ({
      ...rated(p),
      org_id: p.org_id,
      enabled: p.enabled,
      attribution_model: p.attribution_model,
      cookie_window_days: p.cookie_window_days,
      hold_days: p.hold_days,
      recurring_commission: p.recurring_commission ?? "first_payment",
      recurring_months: p.recurring_months ?? null,
    })),
    subscriptions,
    origin_referrals: [...new Map(originRows.map((c) => [c.order_id, c])).values()].map((c) => ({
      order_id: c.order_id,
      affiliate_id: c.affiliate_id,
      source: c.source,
      click_id: c.click_id ?? null,
      promotion_id: c.promotion_id ?? null,
    })),
    credited: credited.map((c) => ({
      order_id: c.order_id,
      line_item_id: c.line_item_id,
      affiliate_id: c.affiliate_id,
      clawed_back_amount: decimal(c.clawed_back_amount),
    })),
    touches: touchesAll.map((t) => ({ id: t.id, cart_id: t.cart_id, org_id: t.org_id, affiliate_id: t.affiliate_id, touched_at: t.touched_at, click_id: t.click_id ?? null })),
    coupons: couponsAll.map((c) => ({ org_id: c.org_id, promotion_id: c.promotion_id, affiliate_id: c.affiliate_id })),
    affiliates: affiliates.map((a) => ({ ...rated(a), id: a.id, org_id: a.org_id, status: a.status, customer_id: a.customer_id, email: a.email ?? null })),
    prior_by_affiliate: prior,
    buyers: buyers.map((b) => ({ id: b.id, email: b.email ?? null })),
    product_rates: rates.map((r) => ({ ...rated(r), affiliate_id: r.affiliate_id, product_id: r.product_id })),
  }
}

/** Renewal orders of @volmify/access subscriptions: their metadata names the subscription and the paid period. */
function readRenewals(orders: FactsOrderRow[]): { order_id: string; id: string; period: number }[] {
  return orders.flatMap((o) => {
    const id = o.metadata?.subscription_id
    const period = Number(o.metadata?.subscription_period)
    return typeof id === "string" && Number.isInteger(period) && period >= 1 ? [{ order_id: o.id, id, period }] : []
  })
}

/**
 * The renewed subscriptions' first order and billing interval, read through Query by the
 * entity name of @volmify/access (this plugin imports nothing of it; without it installed
 * there are no renewals to read).
 */
async function readRenewedSubscriptions(container: MedusaContainer, ids: string[]): Promise<NonNullable<CommissionFacts["subscriptions"]>> {
  if (!ids.length || !container.hasRegistration?.("access")) return []
  const { data }: { data: SubscriptionRow[] } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "subscription",
    fields: ["id", "origin_order_id", "interval", "interval_count"],
    filters: { id: ids },
  })
  return data.map((s) => ({ id: s.id, origin_order_id: s.origin_order_id, interval: s.interval, interval_count: s.interval_count }))
}

/** The batched read of rules/order-commissions.ts's facts for `order_ids` (one id on the order.placed path, up to 1,000 for a backlog). */
export const readOrderCommissionFactsStep = createStep(
  "read-order-commission-facts",
  async ({ order_ids }: { order_ids: string[] }, { container }) => new StepResponse(await readOrderCommissionFacts(container, order_ids))
)
