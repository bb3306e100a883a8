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

  /**
   * One page of an org's commissions, newest first, as ids plus the whole count, filtered in
   * SQL: `flagged` true / false keeps those with / without a fraud flag (a non-empty `flags`
   * array), which the generated list filters cannot express. The admin list reads the page's
   * rows by these ids, so no count or page is capped by what fits in memory.
   */
  @InjectManager()
  async pageCommissionIds(
    filter: { org_id: string; affiliate_id?: string; status?: string; flagged?: boolean },
    page: { limit: number; offset: number },
    @MedusaContext() context: Context = {}
  ): Promise<{ ids: string[]; count: number }> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    const base = knex("affiliate_commission").where("org_id", filter.org_id).whereNull("deleted_at")
    if (filter.affiliate_id) base.where("affiliate_id", filter.affiliate_id)
    if (filter.status) base.where("status", filter.status)
    if (filter.flagged !== undefined) {
      const flagged = "jsonb_array_length(coalesce(flags, '[]'::jsonb)) > 0"
      base.whereRaw(filter.flagged ? flagged : `not (${flagged})`)
    }
    const [rows, [{ count }]] = await Promise.all([
      base.clone().select("id").orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "asc" }]).limit(page.limit).offset(page.offset),
      base.clone().count<{ count: string | number }[]>("* as count"),
    ])
    return { ids: (rows as { id: string }[]).map((r) => r.id), count: Number(count) }
  }

}
