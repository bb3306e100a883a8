import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AffiliateEvents } from "../events"
import { fromMinor, toMinor } from "../utils/ledger"
import { planOrderCommissions } from "../rules/order-commissions"
import { readOrderCommissionFactsStep } from "./steps/read-order-commission-facts"
import { createAffiliateRecordsStep, recordsOf } from "./steps/records"
import { orderLockKey } from "./steps/commission-posting"

/**
 * order.placed -> one commission per line of an attributed order. A lock on the order,
 * the "already credited?" guard and the unique line index make replays create nothing.
 */
export const createOrderCommissionsWorkflow = createWorkflow("create-order-commissions", (input: { order_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  // A burst of duplicate order.placed deliveries queues here one after another; each finds
  // the order credited and leaves quickly, so wait as long as the batch workflow does.
  acquireLockStep({ key: lockKey, timeout: 60, ttl: 120 })
  const facts = readOrderCommissionFactsStep(transform({ input }, ({ input }) => ({ order_ids: [input.order_id] })))
  const plan = transform({ facts, input }, ({ facts, input }) => {
    const [{ order_id: _id, ...plan }] = planOrderCommissions(facts, [input.order_id], { toMinor, fromMinor })
    return plan
  })
  const created = createAffiliateRecordsStep(transform({ plan }, ({ plan }) => ({ model: "commission" as const, data: plan.rows })))
  when({ created }, ({ created }) => created.length > 0).then(() =>
    emitEventStep({
      eventName: AffiliateEvents.COMMISSIONS_CREATED,
      data: transform({ created }, ({ created }) => ({ ids: created.map((c) => c.id), order_id: recordsOf("commission", created)[0].order_id })),
    }).config({ name: "emit-commissions-created" })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(transform({ plan, created }, ({ plan, created }) => ({ skipped: plan.skipped, commissions: recordsOf("commission", created) })))
})
