import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AffiliateEvents } from "../events"
import { validateOrderIdsStep } from "@volmify/orgs/workflows"
import { fromMinor, toMinor } from "../utils/ledger"
import { planOrderCommissions } from "../rules/order-commissions"
import { readOrderCommissionFactsStep } from "./steps/read-order-commission-facts"
import { createAffiliateRecordsStep, recordsOf } from "./steps/records"
import { orderLockKey } from "./steps/commission-posting"

/**
 * A backlog's commissions (orders whose order.placed was missed or queued, an import): the
 * same rows per order as createOrderCommissionsWorkflow, for up to 1,000 orders at once, in
 * a fixed number of queries and one insert (all or nothing). Locks every order (shared with
 * the per-order path and clawbacks); emits `affiliate.commissions.created` per order.
 */
export const createOrdersCommissionsWorkflow = createWorkflow("create-orders-commissions", (input: { order_ids: string[] }) => {
  const orderIds = validateOrderIdsStep(input)
  const lockKeys = transform({ orderIds }, ({ orderIds }) => (orderIds as string[]).map(orderLockKey))
  acquireLockStep({ key: lockKeys, timeout: 60, ttl: 300 })
  const facts = readOrderCommissionFactsStep({ order_ids: orderIds })
  const plans = transform({ facts, orderIds }, ({ facts, orderIds }) => planOrderCommissions(facts, orderIds as string[], { toMinor, fromMinor }))
  const created = createAffiliateRecordsStep(transform({ plans }, ({ plans }) => ({ model: "commission" as const, data: plans.flatMap((p) => p.rows) })))
  const perOrder = transform({ created }, ({ created }) => {
    const ids = new Map<string, string[]>()
    for (const c of recordsOf("commission", created)) ids.set(c.order_id, [...(ids.get(c.order_id) ?? []), c.id])
    return [...ids].map(([order_id, ids]) => ({ ids, order_id }))
  })
  when({ perOrder }, ({ perOrder }) => perOrder.length > 0).then(() =>
    emitEventStep({ eventName: AffiliateEvents.COMMISSIONS_CREATED, data: perOrder }).config({ name: "emit-orders-commissions-created" })
  )
  releaseLockStep({ key: lockKeys })
  return new WorkflowResponse(
    transform({ plans, created }, ({ plans, created }) => ({
      commissions: recordsOf("commission", created),
      skipped: plans.filter((p) => p.skipped).map((p) => ({ order_id: p.order_id, reason: p.skipped as string })),
    }))
  )
})
