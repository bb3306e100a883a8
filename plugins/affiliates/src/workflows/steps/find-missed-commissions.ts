import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../modules/affiliates"

const PAGE = 1000

/**
 * Orders placed since `since` that carry a referral (an affiliate touch on their cart, or an
 * affiliate's coupon, through the order-cart and order-promotion links) and have no
 * commission: ids only, ascending, those after `after`, at most `limit`. Reads only.
 */
export const findMissedCommissionsStep = createStep(
  "find-missed-commissions",
  async (input: { since: Date | string; after?: string | null; limit: number }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const service = container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)
    const orderIds: string[] = []
    for (let skip = 0; ; skip += PAGE) {
      const { data }: { data: { id: string }[] } = await query.graph({
        entity: "order",
        fields: ["id"],
        filters: { created_at: { $gte: new Date(input.since) } },
        pagination: { skip, take: PAGE, order: { created_at: "ASC" } },
      })
      orderIds.push(...data.map((o) => o.id))
      if (data.length < PAGE) break
    }
    const ids = orderIds.filter((id) => !input.after || id > input.after).sort()
    const missing: string[] = []
    for (let at = 0; at < ids.length && missing.length < input.limit; at += PAGE) {
      const chunk = ids.slice(at, at + PAGE)
      const { data: carts }: { data: { order_id: string; cart_id: string }[] } = await query.graph({ entity: "order_cart", fields: ["order_id", "cart_id"], filters: { order_id: chunk } })
      const referredCarts = new Set(
        carts.length
          ? (await service.listAffiliateReferrals({ cart_id: carts.map((c) => c.cart_id) }, { select: ["cart_id"] })).map((r) => r.cart_id)
          : []
      )
      const { data: promotions }: { data: { order_id: string; promotion_id: string }[] } = await query.graph({ entity: "order_promotion", fields: ["order_id", "promotion_id"], filters: { order_id: chunk } })
      const coupons = new Set(
        promotions.length
          ? (await service.listAffiliateCoupons({ promotion_id: promotions.map((p) => p.promotion_id) }, { select: ["promotion_id"] })).map((c) => c.promotion_id)
          : []
      )
      const referred = new Set([
        ...carts.filter((c) => referredCarts.has(c.cart_id)).map((c) => c.order_id),
        ...promotions.filter((p) => coupons.has(p.promotion_id)).map((p) => p.order_id),
      ])
      if (!referred.size) continue
      const credited = new Set(
        (await service.listAffiliateCommissions({ order_id: [...referred] }, { select: ["order_id"] })).map((c) => c.order_id)
      )
      missing.push(...chunk.filter((id) => referred.has(id) && !credited.has(id)))
    }
    return new StepResponse({ orders: orderIds.length, order_ids: missing.slice(0, input.limit) })
  }
)
