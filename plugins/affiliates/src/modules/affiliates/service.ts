import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { Affiliate } from "./models/affiliate"
import { AffiliateClick } from "./models/affiliate-click"
import { AffiliateCommission } from "./models/affiliate-commission"
import { AffiliateCoupon } from "./models/affiliate-coupon"
import { AffiliateProductRate } from "./models/affiliate-product-rate"
import { AffiliateProgram } from "./models/affiliate-program"
import { AffiliateReferral } from "./models/affiliate-referral"

export default class AffiliatesModuleService extends MedusaService({
  AffiliateProgram,
  Affiliate,
  AffiliateProductRate,
  AffiliateClick,
  AffiliateReferral,
  AffiliateCoupon,
  AffiliateCommission,
}) {
  /**
   * Each affiliate's attributed orders and how many of them had a commission clawed back,
   * counted in SQL (affiliates without orders are absent): the fraud check runs on every
   * referred order, and reading the affiliate's whole commission history each time made a
   * backlog quadratic (bench P4).
   */
  @InjectManager()
  async countOrdersByAffiliate(
    affiliateIds: string[],
    @MedusaContext() context: Context = {}
  ): Promise<Record<string, { orders: number; refunded_orders: number }>> {
    if (!affiliateIds.length) return {}
    const knex = (context.manager as SqlEntityManager).getKnex()
    const rows: { affiliate_id: string; orders: number; refunded_orders: number }[] = await knex
      .from(
        knex("affiliate_commission")
          .select("affiliate_id", "order_id", knex.raw("bool_or(clawed_back_amount > 0) as refunded"))
          .whereIn("affiliate_id", affiliateIds)
          .whereNull("deleted_at")
          .groupBy("affiliate_id", "order_id")
          .as("o")
      )
      .select("affiliate_id", knex.raw("count(*)::int as orders"), knex.raw("count(*) filter (where refunded)::int as refunded_orders"))
      .groupBy("affiliate_id")
    return Object.fromEntries(rows.map((r) => [r.affiliate_id, { orders: r.orders, refunded_orders: r.refunded_orders }]))
  }

}
