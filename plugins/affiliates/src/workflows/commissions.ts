import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { AffiliateEvents } from "../events"
import { AFFILIATES_MODULE } from "../modules/affiliates"
import { additionalClawback } from "../rules/clawback"
import { affiliateOwner, CLAWBACK_REFERENCE, COMMISSION_REFERENCE, fromMinor, postLedgerEntries, toMinor, validateOrderIdsStep } from "../utils/ledger"
import { findMissedCommissionsStep } from "./steps/find-missed-commissions"
import { planOrderCommissions } from "../rules/order-commissions"
import { readOrderCommissionFactsStep } from "./steps/read-order-commission-facts"
import { createAffiliateRecordsStep, updateAffiliateRecordsStep } from "./steps/records"

const svc = (container: any) => container.resolve(AFFILIATES_MODULE) as any
export const orderLockKey = (orderId: string) => `affiliates:order:${orderId}`

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
      data: transform({ created }, ({ created }) => ({ ids: created.map((c: any) => c.id), order_id: created[0].order_id })),
    }).config({ name: "emit-commissions-created" })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(transform({ plan, created }, ({ plan, created }) => ({ skipped: plan.skipped, commissions: created })))
})

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
    for (const c of created as any[]) ids.set(c.order_id, [...(ids.get(c.order_id) ?? []), c.id])
    return [...ids].map(([order_id, ids]) => ({ ids, order_id }))
  })
  when({ perOrder }, ({ perOrder }) => perOrder.length > 0).then(() =>
    emitEventStep({ eventName: AffiliateEvents.COMMISSIONS_CREATED, data: perOrder }).config({ name: "emit-orders-commissions-created" })
  )
  releaseLockStep({ key: lockKeys })
  return new WorkflowResponse(
    transform({ plans, created }, ({ plans, created }) => ({
      commissions: created,
      skipped: plans.filter((p) => p.skipped).map((p) => ({ order_id: p.order_id, reason: p.skipped as string })),
    }))
  )
})

/**
 * The safety net under `order.placed` (hourly job `credit-missed-commissions`): up to
 * `limit` (default 500) referred orders placed since `since` (ids after `after`) that have no
 * commission go through createOrdersCommissionsWorkflow, which decides as the per-order path
 * does whether each earns one. Returns what it found (the job continues after the last one).
 */
export const creditMissedCommissionsWorkflow = createWorkflow(
  "credit-missed-commissions",
  (input: { since: Date | string; after?: string | null; limit?: number }) => {
    const found = findMissedCommissionsStep(transform({ input }, ({ input }) => ({ ...input, limit: Math.min(Math.max(1, input.limit ?? 500), 1000) })))
    const backlog = when({ found }, ({ found }) => found.order_ids.length > 0).then(() =>
      createOrdersCommissionsWorkflow.runAsStep({ input: transform({ found }, ({ found }) => ({ order_ids: found.order_ids })) })
    )
    return new WorkflowResponse(
      transform({ found, backlog }, ({ found, backlog }) => ({
        orders: found.orders,
        found: found.order_ids,
        commissions: (backlog as any)?.commissions ?? [],
        skipped: (backlog as any)?.skipped ?? [],
      }))
    )
  }
)

type LedgerPlan = { transactions: any[]; updates: any[] }

/** The balanced transaction of a commission (debit expense, credit the affiliate's payable; the reverse to claw back). */
function commissionPosting(c: any, affiliate: any, direction: "earn" | "clawback", amount: string, referenceId: string) {
  const expense = { code: "commission_expense" }
  const payable = { code: "payable", owner: affiliateOwner(affiliate) }
  const [debit, credit] = direction === "earn" ? [expense, payable] : [payable, expense]
  return {
    transaction: {
      org_id: c.org_id,
      currency_code: c.currency_code,
      kind: direction === "earn" ? "posting" : "adjustment",
      reference_type: direction === "earn" ? COMMISSION_REFERENCE : CLAWBACK_REFERENCE,
      reference_id: referenceId,
      description: direction === "earn" ? `Affiliate commission on order ${c.order_id}` : `Refund clawback on order ${c.order_id}`,
      flags: c.flags?.length ? c.flags : null,
      metadata: { commission_id: c.id, affiliate_id: c.affiliate_id, order_id: c.order_id },
      entries: [
        { account: debit, direction: "debit", amount, product_id: c.product_id, line_item_id: c.line_item_id },
        { account: credit, direction: "credit", amount, product_id: c.product_id, line_item_id: c.line_item_id },
      ],
    },
  }
}

const planRefundClawbacksStep = createStep("plan-affiliate-clawbacks", async ({ order_id }: { order_id: string }, { container }) => {
  const plan: LedgerPlan = { transactions: [], updates: [] }
  const commissions = (await svc(container).listAffiliateCommissions({ order_id })).filter(
    (c: any) => c.status !== "voided" || MathBN.gt(c.clawed_back_amount, 0)
  )
  if (!commissions.length) return new StepResponse(plan)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: ["id", "status", "currency_code", "payment_collections.amount", "payment_collections.refunded_amount"],
    filters: { id: order_id },
  })
  const currency = String(order.currency_code).toLowerCase()
  const total = toMinor(MathBN.sum(0, ...(order.payment_collections ?? []).map((p: any) => p?.amount ?? 0)), currency)
  // A canceled order keeps nothing, captured or not (Medusa refunds a captured payment on
  // cancel without a payment.refunded event, and an uncaptured one is never refunded).
  const refunded =
    order.status === "canceled"
      ? total
      : toMinor(MathBN.sum(0, ...(order.payment_collections ?? []).map((p: any) => p?.refunded_amount ?? 0)), currency)
  if (refunded <= 0n) return new StepResponse(plan)
  const affiliates = new Map<string, any>(
    (await svc(container).listAffiliates({ id: [...new Set(commissions.map((c: any) => c.affiliate_id))] })).map((a: any) => [a.id, a])
  )
  for (const c of commissions) {
    const original = toMinor(c.original_amount, currency)
    const already = toMinor(c.clawed_back_amount, currency)
    const due = additionalClawback({ original_minor: original, refunded_minor: refunded, order_total_minor: total, already_clawed_minor: already })
    if (due <= 0n) continue
    const clawed = fromMinor(already + due, currency)
    if (c.status === "pending") {
      // Inside the hold period: the commission itself shrinks (voided at zero); nothing was posted yet.
      const left = toMinor(c.amount, currency) - due
      plan.updates.push({ id: c.id, amount: fromMinor(left > 0n ? left : 0n, currency), clawed_back_amount: clawed, status: left > 0n ? "pending" : "voided" })
    } else {
      // After approval: a negative adjustment on the affiliate's payable, against future earnings.
      const posting = commissionPosting(c, affiliates.get(c.affiliate_id), "clawback", fromMinor(due, currency), `${c.id}:${clawed}`)
      plan.transactions.push(posting.transaction)
      plan.updates.push({ id: c.id, clawed_back_amount: clawed })
    }
  }
  return new StepResponse(plan)
})

/**
 * payment.refunded, order.canceled -> claws commissions back in proportion to the refunded
 * share of the order (all of it when canceled): pending ones shrink (or are voided); approved or paid ones get a negative ledger
 * adjustment. Idempotent: what was already clawed back is subtracted, and the ledger
 * reference carries the cumulative amount.
 */
export const clawbackOrderCommissionsWorkflow = createWorkflow("clawback-order-commissions", (input: { order_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => orderLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const plan = planRefundClawbacksStep(input)
  const results = postLedgerEntries(transform({ plan }, ({ plan }) => ({ transactions: plan.transactions })))
  const updated = updateAffiliateRecordsStep(transform({ plan }, ({ plan }) => ({ model: "commission" as const, updates: plan.updates })))
  when({ updated }, ({ updated }) => updated.length > 0).then(() =>
    emitEventStep({
      eventName: AffiliateEvents.COMMISSIONS_CLAWED_BACK,
      data: transform({ updated, input }, ({ updated, input }) => ({ ids: updated.map((c: any) => c.id), order_id: input.order_id })),
    }).config({ name: "emit-commissions-clawed-back" })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(updated)
})

const planApprovalsStep = createStep(
  "plan-commission-approvals",
  async (input: { now?: string | Date; commission_ids?: string[]; org_id?: string }, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    if (input.commission_ids && !input.commission_ids.length) return new StepResponse<LedgerPlan>({ transactions: [], updates: [] })
    const filters: Record<string, unknown> = { status: "pending", needs_review: false, hold_until: { $lte: now } }
    if (input.commission_ids) filters.id = input.commission_ids
    if (input.org_id) filters.org_id = input.org_id
    const due = (await svc(container).listAffiliateCommissions(filters, { take: 500, order: { hold_until: "ASC" } })).filter((c: any) =>
      MathBN.gt(c.amount, 0)
    )
    const plan: LedgerPlan = { transactions: [], updates: [] }
    if (!due.length) return new StepResponse(plan)
    const affiliates = new Map<string, any>(
      (await svc(container).listAffiliates({ id: [...new Set(due.map((c: any) => c.affiliate_id))] })).map((a: any) => [a.id, a])
    )
    for (const c of due) {
      const posting = commissionPosting(c, affiliates.get(c.affiliate_id), "earn", String(MathBN.convert(c.amount).toFixed()), c.id)
      plan.transactions.push(posting.transaction)
      plan.updates.push({ id: c.id, status: "approved", approved_at: now })
    }
    return new StepResponse(plan)
  }
)

/**
 * The scheduled approval: pending commissions past their hold period, not waiting for
 * review, become approved and are posted to the ledger (debit commission expense, credit
 * the affiliate's payable; reference = the commission, so a replay posts nothing).
 */
export const approveDueCommissionsWorkflow = createWorkflow(
  "approve-due-affiliate-commissions",
  (input: { now?: string | Date; commission_ids?: string[]; org_id?: string }) => {
    const plan = planApprovalsStep(input)
    const results = postLedgerEntries(transform({ plan }, ({ plan }) => ({ transactions: plan.transactions })))
    const updated = updateAffiliateRecordsStep(
      transform({ plan, results }, ({ plan, results }) => ({
        model: "commission" as const,
        updates: plan.updates.map((u, i) => ({ ...u, ledger_transaction_id: results[i]?.transaction?.id ?? null })),
      }))
    )
    when({ updated }, ({ updated }) => updated.length > 0).then(() =>
      emitEventStep({
        eventName: AffiliateEvents.COMMISSIONS_APPROVED,
        data: transform({ updated }, ({ updated }) => ({ ids: updated.map((c: any) => c.id) })),
      }).config({ name: "emit-commissions-approved" })
    )
    return new WorkflowResponse(updated)
  }
)

const planReviewStep = createStep(
  "plan-commission-review",
  async (input: { id: string; org_id: string | null; decision: "approve" | "reject" }, { container }) => {
    const [c] = await svc(container).listAffiliateCommissions({ id: input.id })
    if (!c || (input.org_id && c.org_id !== input.org_id)) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Commission "${input.id}" was not found`)
    if (c.status !== "pending") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Commission "${input.id}" is ${c.status}, not pending`)
    return new StepResponse(
      input.decision === "approve" ? { id: c.id, needs_review: false } : { id: c.id, needs_review: false, status: "voided" }
    )
  }
)

/**
 * Staff review of a flagged commission: `approve` clears the review (it is approved by the
 * job once its hold has passed, at once if it already has); `reject` voids it.
 */
export const reviewCommissionWorkflow = createWorkflow(
  "review-affiliate-commission",
  (input: { id: string; org_id: string | null; decision: "approve" | "reject" }) => {
    const update = planReviewStep(input)
    updateAffiliateRecordsStep(transform({ update }, ({ update }) => ({ model: "commission" as const, updates: [update] })))
    const approved = approveDueCommissionsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ commission_ids: input.decision === "approve" ? [input.id] : [] })),
    })
    return new WorkflowResponse(approved)
  }
)
