import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AFFILIATES_MODULE } from "../modules/affiliates"
import { createOrdersCommissionsWorkflow } from "../workflows/commissions"

export const LOOKBACK_DAYS = 7
const PAGE = 1000
const BATCH = 500

/**
 * The safety net under `order.placed`: orders placed since `since` that carry a referral
 * (an affiliate touch on their cart, or an affiliate's coupon) and have no commission yet
 * are credited through the backlog workflow, 500 at a time (it decides, as the per-order
 * path does, whether each earns one). Reads ids only until it knows which orders to plan.
 */
export async function creditMissedCommissions(container: MedusaContainer, { since }: { since: Date }) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const service = container.resolve(AFFILIATES_MODULE) as any
  const orderIds: string[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { created_at: { $gte: since } },
      pagination: { skip, take: PAGE, order: { created_at: "ASC" } },
    })
    orderIds.push(...data.map((o: any) => o.id))
    if (data.length < PAGE) break
  }
  const candidates: string[] = []
  for (let at = 0; at < orderIds.length; at += PAGE) {
    const chunk = orderIds.slice(at, at + PAGE)
    const { data: carts } = await query.graph({ entity: "order_cart", fields: ["order_id", "cart_id"], filters: { order_id: chunk } })
    const referredCarts = new Set(
      carts.length ? (await service.listAffiliateReferrals({ cart_id: carts.map((c: any) => c.cart_id) }, { select: ["cart_id"] })).map((r: any) => r.cart_id) : []
    )
    const { data: promotions } = await query.graph({ entity: "order_promotion", fields: ["order_id", "promotion_id"], filters: { order_id: chunk } })
    const coupons = new Set(
      promotions.length
        ? (await service.listAffiliateCoupons({ promotion_id: promotions.map((p: any) => p.promotion_id) }, { select: ["promotion_id"] })).map((c: any) => c.promotion_id)
        : []
    )
    const referred = new Set([
      ...carts.filter((c: any) => referredCarts.has(c.cart_id)).map((c: any) => c.order_id),
      ...promotions.filter((p: any) => coupons.has(p.promotion_id)).map((p: any) => p.order_id),
    ])
    if (!referred.size) continue
    const credited = new Set(
      (await service.listAffiliateCommissions({ order_id: [...referred] }, { select: ["order_id"] })).map((c: any) => c.order_id)
    )
    candidates.push(...[...referred].filter((id) => !credited.has(id)))
  }
  const commissions: any[] = []
  const skipped: { order_id: string; reason: string }[] = []
  for (let at = 0; at < candidates.length; at += BATCH) {
    const { result } = await createOrdersCommissionsWorkflow(container).run({ input: { order_ids: candidates.slice(at, at + BATCH) } })
    commissions.push(...result.commissions)
    skipped.push(...result.skipped)
  }
  return { orders: orderIds.length, planned: candidates, commissions, skipped }
}

/** Hourly: credit referred orders of the last 7 days that have no commission. */
export default async function creditMissedCommissionsJob(container: MedusaContainer) {
  const { commissions } = await creditMissedCommissions(container, { since: new Date(Date.now() - LOOKBACK_DAYS * 86_400_000) })
  if (commissions.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`credit-missed-commissions: created ${commissions.length} commission(s) for referred orders that had none`)
  }
}

export const config = { name: "credit-missed-commissions", schedule: "40 * * * *" }
