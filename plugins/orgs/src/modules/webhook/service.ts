import type { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { WebhookDelivery } from "./models/webhook-delivery"
import { WebhookEndpoint } from "./models/webhook-endpoint"

export type ClaimedDelivery = {
  id: string
  org_id: string
  endpoint_id: string
  event_name: string
  payload: Record<string, unknown>
  attempts: number
  first_due_at: Date
  url: string
  secret: string
}

export default class WebhookModuleService extends MedusaService({ WebhookEndpoint, WebhookDelivery }) {
  /**
   * Enqueues one delivery of an event per enabled endpoint of the org subscribed to it,
   * in one statement; an (endpoint, event_key) pair that exists is left alone (a replayed
   * event enqueues nothing). Returns the new delivery ids.
   */
  @InjectTransactionManager()
  async enqueueDeliveries(
    { org_id, event_name, event_key, payload, now }: { org_id: string; event_name: string; event_key: string; payload: Record<string, unknown>; now: Date },
    @MedusaContext() context: Context = {}
  ): Promise<string[]> {
    const knex = (context.transactionManager as SqlEntityManager).getKnex()
    const endpoints = await knex("webhook_endpoint")
      .select("id")
      .where({ org_id, enabled: true })
      .whereNull("deleted_at")
      .whereRaw("events @> ?::jsonb", [JSON.stringify([event_name])])
    if (!endpoints.length) return []
    const values = endpoints.map(() => "(?, ?, ?, ?, ?, ?::jsonb, 'pending', 0, ?, ?, now(), now())").join(", ")
    const params = endpoints.flatMap((e: { id: string }) => [
      generateEntityId(undefined, "whdl"), org_id, e.id, event_name, event_key, JSON.stringify(payload), now, now,
    ])
    const { rows } = await knex.raw(
      `INSERT INTO webhook_delivery (id, org_id, endpoint_id, event_name, event_key, payload, status, attempts, first_due_at, next_attempt_at, created_at, updated_at)
       VALUES ${values}
       ON CONFLICT (endpoint_id, event_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      params
    )
    return rows.map((r: { id: string }) => r.id)
  }

  /**
   * Takes up to `limit` pending deliveries due at `now` whose lease is free and whose
   * endpoint is enabled, and leases them until `leaseUntil`, in one statement (FOR UPDATE
   * SKIP LOCKED: concurrent workers take disjoint rows). `leaseNow` is the wall clock.
   */
  @InjectTransactionManager()
  async claimDueDeliveries(
    { now, limit, leaseNow, leaseUntil, ids }: { now: Date; limit: number; leaseNow: Date; leaseUntil: Date; ids?: string[] },
    @MedusaContext() context: Context = {}
  ): Promise<ClaimedDelivery[]> {
    const knex = (context.transactionManager as SqlEntityManager).getKnex()
    const only = ids?.length ? `AND d.id IN (${ids.map(() => "?").join(", ")})` : ""
    const { rows } = await knex.raw(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d
           JOIN webhook_endpoint e ON e.id = d.endpoint_id AND e.deleted_at IS NULL AND e.enabled
          WHERE d.status = 'pending' AND d.deleted_at IS NULL AND d.next_attempt_at <= ?
            AND (d.claimed_until IS NULL OR d.claimed_until < ?) ${only}
          ORDER BY d.next_attempt_at
          LIMIT ?
          FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_delivery d SET claimed_until = ?, updated_at = now()
         FROM due, webhook_endpoint e
        WHERE d.id = due.id AND e.id = d.endpoint_id
       RETURNING d.id, d.org_id, d.endpoint_id, d.event_name, d.payload, d.attempts, d.first_due_at, e.url, e.secret`,
      [now, leaseNow, ...(ids ?? []), limit, leaseUntil]
    )
    return rows
  }
}
