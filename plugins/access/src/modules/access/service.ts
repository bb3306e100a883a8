import type { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { resolveEffectiveTier } from "../../rules/resolve-effective-tier"
import { addIntervals } from "../../rules/subscription-schedule"
import type { BillingInterval } from "../../types/records"
import { AccessPlan } from "./models/access-plan"
import { Entitlement } from "./models/entitlement"
import { Subscription } from "./models/subscription"
import { SubscriptionRenewal } from "./models/subscription-renewal"

/**
 * A pending renewal record younger than this belongs to a run in progress (the batch path
 * holds its locks up to 5 minutes); an older one was left by a run that died, and the
 * per-subscription workflow may take the period over.
 */
export const PENDING_RENEWAL_STALE_SECONDS = 600

/** A due subscription as the batch claim reads it. */
type DueRow = { id: string; payments_made: number; billing_anchor: Date; interval: BillingInterval; interval_count: number }

export type ClaimedRenewalRecord = { id: string; subscription_id: string; period_index: number; period_start: Date; period_end: Date }

export default class AccessModuleService extends MedusaService({ AccessPlan, Entitlement, Subscription, SubscriptionRenewal }) {
  /** Medusa's module lifecycle: a worker sweeps recent placed orders once as it starts. */
  __hooks = {
    onApplicationStart: async () => {
      // Loaded here, not at the top: the sweep's workflows import this module (a cycle).
      const sweep: typeof import("../../utils/run-placed-order-sweep") = require("../../utils/run-placed-order-sweep")
      sweep.sweepPlacedOrdersOnStart()
    },
  }

  /**
   * What tier each product is held at by a customer now: one query over the live
   * entitlements (active, started, unexpired), max per product. Products without a live
   * entitlement map to 0. This is what every gate calls.
   */
  @InjectManager()
  async getCustomerTiers(
    customerId: string,
    productIds: string[],
    now: Date = new Date(),
    @MedusaContext() context: Context = {}
  ): Promise<Map<string, number>> {
    const tiers = new Map(productIds.map((id) => [id, 0]))
    if (!customerId || !productIds.length) {
      return tiers
    }
    // Plain SQL: this runs on every gated store request, and the ORM's hydration of a
    // handful of rows cost more than the query itself (bench P1/P2 profile).
    const live: { product_id: string; tier: number; status: string; starts_at: Date; expires_at: Date | null }[] = await (
      context.manager as SqlEntityManager
    )
      .getKnex()("entitlement")
      .select("product_id", "tier", "status", "starts_at", "expires_at")
      .where({ customer_id: customerId, status: "active" })
      .whereIn("product_id", productIds)
      .where("starts_at", "<=", now)
      .where((q) => q.whereNull("expires_at").orWhere("expires_at", ">", now))
      .whereNull("deleted_at")
    const byProduct = new Map<string, typeof live>()
    for (const grant of live) {
      byProduct.set(grant.product_id, [...(byProduct.get(grant.product_id) ?? []), grant])
    }
    for (const [productId, grants] of byProduct) {
      tiers.set(productId, resolveEffectiveTier(grants, now))
    }
    return tiers
  }

  /**
   * The tier each of `customerIds` holds for product `productId` now (0 without a live
   * grant): one query for any number of customers (the admin's per-course student list).
   */
  @InjectManager()
  async getProductCustomerTiers(
    productId: string,
    customerIds: string[],
    now: Date = new Date(),
    @MedusaContext() context: Context = {}
  ): Promise<Map<string, number>> {
    const tiers = new Map(customerIds.map((id) => [id, 0]))
    if (!productId || !customerIds.length) {
      return tiers
    }
    const live: { customer_id: string; tier: number; status: string; starts_at: Date; expires_at: Date | null }[] = await (
      context.manager as SqlEntityManager
    )
      .getKnex()("entitlement")
      .select("customer_id", "tier", "status", "starts_at", "expires_at")
      .where({ product_id: productId, status: "active" })
      .whereIn("customer_id", customerIds)
      .where("starts_at", "<=", now)
      .where((q) => q.whereNull("expires_at").orWhere("expires_at", ">", now))
      .whereNull("deleted_at")
    const byCustomer = new Map<string, typeof live>()
    for (const grant of live) {
      byCustomer.set(grant.customer_id, [...(byCustomer.get(grant.customer_id) ?? []), grant])
    }
    for (const [customerId, grants] of byCustomer) {
      tiers.set(customerId, resolveEffectiveTier(grants, now))
    }
    return tiers
  }

  /**
   * In one round trip: the tier customer `customerId` holds for product `productId` now (0
   * without customer or grant) and a fingerprint of the product's live access plans (row
   * count and the sum of their row versions, xmin, which every insert, update, soft or hard
   * delete changes, however close in time; callers key caches on it; read through the partial
   * product index, so live rows only). The store's course routes need both on every request.
   */
  @InjectManager()
  async getTierAndPlanStamp(
    customerId: string | null,
    productId: string,
    now: Date = new Date(),
    @MedusaContext() context: Context = {}
  ): Promise<{ tier: number; plan_stamp: string }> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    const [row]: { grants: { tier: number; status: string; starts_at: string; expires_at: string | null }[]; plan_stamp: string }[] = (
      await knex.raw(
        `select
           (select coalesce(json_agg(json_build_object('tier', e.tier, 'status', e.status, 'starts_at', e.starts_at, 'expires_at', e.expires_at)), '[]')
              from entitlement e
             where ?::text is not null and e.customer_id = ? and e.product_id = ? and e.status = 'active'
               and e.starts_at <= ? and (e.expires_at is null or e.expires_at > ?) and e.deleted_at is null) as grants,
           (select count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) from access_plan where product_id = ? and deleted_at is null) as plan_stamp`,
        [customerId, customerId ?? "", productId, now, now, productId]
      )
    ).rows
    const grants = row.grants.map((g) => ({
      ...g,
      starts_at: new Date(g.starts_at),
      expires_at: g.expires_at ? new Date(g.expires_at) : null,
    }))
    return { tier: grants.length ? resolveEffectiveTier(grants, now) : 0, plan_stamp: row.plan_stamp }
  }

  /** The tier customer `customerId` holds for one product now (0 = none). */
  async getCustomerTier(customerId: string, productId: string, now: Date = new Date()): Promise<number> {
    return (await this.getCustomerTiers(customerId, [productId], now)).get(productId) ?? 0
  }

  /**
   * Ids of subscriptions due for the renewal job at `now` (oldest due first, at most
   * `limit`): one index range scan (subscription next_charge_at partial index).
   */
  @InjectManager()
  async listDueSubscriptionIds(
    now: Date,
    limit: number,
    after: { next_charge_at: Date; id: string } | null = null,
    @MedusaContext() context: Context = {}
  ): Promise<{ id: string; next_charge_at: Date }[]> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    const query = knex("subscription as s")
      .select("s.id", "s.next_charge_at")
      .whereNull("s.deleted_at")
      .whereNotNull("s.next_charge_at")
      .where("s.next_charge_at", "<=", now)
      .whereIn("s.status", ["trialing", "active", "past_due"])
      // A period claimed by a run still in progress (a fresh pending record) is that run's.
      .whereNotExists(
        knex("subscription_renewal as r")
          .select(knex.raw("1"))
          .whereRaw("r.subscription_id = s.id and r.period_index = s.payments_made + 1 and r.deleted_at is null")
          .where("r.status", "pending")
          .where("r.updated_at", ">", knex.raw(`now() - interval '${PENDING_RENEWAL_STALE_SECONDS} seconds'`))
      )
      .orderBy([{ column: "s.next_charge_at", order: "asc" }, { column: "s.id", order: "asc" }])
      .limit(limit)
    // Keyset paging: a pass reads each due subscription once, whatever it skips.
    if (after) query.whereRaw("(s.next_charge_at, s.id) > (?, ?)", [after.next_charge_at, after.id])
    return (await query) as { id: string; next_charge_at: Date }[]
  }

  /**
   * The batch renewal path's claim: in one transaction, up to `limit` due subscriptions that
   * the batch can bill as they are (trialing or active, not ending at period end, no pending
   * plan switch, their next period never attempted) are read `FOR UPDATE SKIP LOCKED` (two
   * workers take disjoint sets) and their next period's renewal record is inserted `pending`
   * (`ON CONFLICT DO NOTHING` on UNIQUE (subscription, period): a period another run already
   * holds is not returned). Past-due retries, period-end cancellations and plan switches
   * stay with the per-subscription workflow.
   */
  @InjectManager()
  async claimDueRenewalBatch(now: Date, limit: number, @MedusaContext() context: Context = {}): Promise<ClaimedRenewalRecord[]> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    // A concurrent claim can commit records for rows this one selected before it saw them
    // (READ COMMITTED re-checks the locked row, not the NOT EXISTS): those inserts do
    // nothing. Selecting again then finds the periods still free; only an empty selection
    // means nothing is left to claim.
    for (let attempt = 0; attempt < 5; attempt++) {
      const { selected, claimed } = await this.claimDueRenewalBatchOnce_(knex, now, limit)
      if (claimed.length || !selected) return claimed
    }
    return []
  }

  private async claimDueRenewalBatchOnce_(
    knex: ReturnType<SqlEntityManager["getKnex"]>,
    now: Date,
    limit: number
  ): Promise<{ selected: number; claimed: ClaimedRenewalRecord[] }> {
    return await knex.transaction(async (trx) => {
      const { rows }: { rows: DueRow[] } = await trx.raw(
        `select s.id, s.payments_made, s.billing_anchor, s.interval, s.interval_count
           from subscription s
          where s.deleted_at is null and s.next_charge_at is not null and s.next_charge_at <= ?
            and s.status in ('trialing', 'active') and s.cancel_at_period_end = false and s.pending_variant_id is null
            and not exists (select 1 from subscription_renewal r
                             where r.subscription_id = s.id and r.period_index = s.payments_made + 1 and r.deleted_at is null)
          order by s.next_charge_at, s.id
          limit ?
          for update of s skip locked`,
        [now, limit]
      )
      if (!rows.length) return { selected: 0, claimed: [] }
      const records = rows.map((s) => {
        const index = s.payments_made + 1
        const anchor = new Date(s.billing_anchor)
        return {
          id: generateEntityId(undefined, "subren"),
          subscription_id: s.id,
          period_index: index,
          period_start: addIntervals(anchor, s.interval, (index - 1) * s.interval_count),
          period_end: addIntervals(anchor, s.interval, index * s.interval_count),
        }
      })
      const { rows: inserted } = await trx.raw(
        `insert into subscription_renewal (id, subscription_id, period_index, status, attempts, period_start, period_end)
         select r.id, r.subscription_id, r.period_index, 'pending', 0, r.period_start, r.period_end
           from jsonb_to_recordset(?::jsonb) as r(id text, subscription_id text, period_index int, period_start timestamptz, period_end timestamptz)
         on conflict (subscription_id, period_index) where deleted_at is null do nothing
         returning id, subscription_id, period_index, period_start, period_end`,
        [JSON.stringify(records)]
      )
      return { selected: rows.length, claimed: inserted as ClaimedRenewalRecord[] }
    })
  }
  /**
   * The counts behind GET /admin/subscriptions/metrics, by SQL aggregates (no row reaches
   * Node): the subscriptions paying at `at`, grouped by what prices them (variant, region,
   * currency, interval), and the period's counts. "Paying at t": billing started (the
   * anchor, so after any trial) at or before t, not canceled by t, and not an installment
   * plan whose last paid period ended by t. Trials that reached a paid period have a paid
   * renewal of period 1. `orgId` null: every org.
   */
  @InjectManager()
  async subscriptionMetricCounts(
    input: { org_id: string | null; from: Date; to: Date; at: Date; now: Date },
    @MedusaContext() context: Context = {}
  ): Promise<{
    groups: { variant_id: string; region_id: string; currency_code: string; interval: string; interval_count: number; count: number }[]
    subscribers: number
    active_at_start: number
    churned: number
    trials_ended: number
    trials_converted: number
  }> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    // "Paying at t" as SQL with its three bindings.
    const PAYING = `(s.billing_anchor <= ? AND (s.canceled_at IS NULL OR s.canceled_at > ?) AND NOT (s.status = 'completed' AND s.current_period_end <= ?))`
    const paying = (t: Date) => [t, t, t]
    const TRIAL_ENDED = `(s.trial_ends_at >= ? AND s.trial_ends_at < ? AND s.trial_ends_at <= ?)`
    const trialEnded = [input.from, input.to, input.now]
    const where = `s.deleted_at IS NULL${input.org_id ? " AND s.org_id = ?" : ""}`
    const org = input.org_id ? [input.org_id] : []
    const { rows: groups } = await knex.raw(
      `SELECT s.variant_id, s.region_id, s.currency_code, s.interval, s.interval_count, count(*)::int AS count
         FROM subscription s WHERE ${where} AND ${PAYING}
        GROUP BY s.variant_id, s.region_id, s.currency_code, s.interval, s.interval_count`,
      [...org, ...paying(input.at)]
    )
    const {
      rows: [totals],
    } = await knex.raw(
      `SELECT
         count(DISTINCT s.customer_id) FILTER (WHERE ${PAYING})::int AS subscribers,
         count(*) FILTER (WHERE ${PAYING})::int AS active_at_start,
         count(*) FILTER (WHERE ${PAYING} AND s.canceled_at >= ? AND s.canceled_at < ?)::int AS churned,
         count(*) FILTER (WHERE ${TRIAL_ENDED})::int AS trials_ended,
         count(*) FILTER (WHERE ${TRIAL_ENDED} AND EXISTS (
           SELECT 1 FROM subscription_renewal r
            WHERE r.subscription_id = s.id AND r.period_index = 1 AND r.status = 'paid' AND r.deleted_at IS NULL
         ))::int AS trials_converted
       FROM subscription s WHERE ${where}`,
      [...paying(input.at), ...paying(input.from), ...paying(input.from), input.from, input.to, ...trialEnded, ...trialEnded, ...org]
    )
    return { groups, ...totals }
  }
}
