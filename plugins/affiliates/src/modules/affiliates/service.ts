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
   * An affiliate's earlier attributed orders (other than `exceptOrderId`) and how many of
   * them had a commission clawed back, counted in SQL: the fraud check runs on every
   * referred order, and reading the affiliate's whole commission history each time made
   * a backlog quadratic (bench P4).
   */
  @InjectManager()
  async countPriorOrders(
    affiliateId: string,
    exceptOrderId: string,
    @MedusaContext() context: Context = {}
  ): Promise<{ orders: number; refunded_orders: number }> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    const [row] = await knex
      .from(
        knex("affiliate_commission")
          .select("order_id", knex.raw("bool_or(clawed_back_amount > 0) as refunded"))
          .where({ affiliate_id: affiliateId })
          .whereNot({ order_id: exceptOrderId })
          .whereNull("deleted_at")
          .groupBy("order_id")
          .as("o")
      )
      .select(knex.raw("count(*)::int as orders"), knex.raw("count(*) filter (where refunded)::int as refunded_orders"))
    return { orders: row?.orders ?? 0, refunded_orders: row?.refunded_orders ?? 0 }
  }
}
