import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { AffiliateEvents } from "../events"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { additionalClawback } from "../rules/clawback"
import type { AffiliateRecord } from "../types/records"
import { fromMinor, postLedgerEntries, toMinor } from "../utils/ledger"
import { updateAffiliateRecordsStep } from "./steps/records"
import { commissionPosting, orderLockKey, type LedgerPlan } from "./steps/commission-posting"

/** The order as read below: its status, currency and payment collections' amounts. */
type ClawbackOrderRow = {
  id: string
  status: string
  currency_code: string
  payment_collections?: ({ amount?: BigNumberInput | null; refunded_amount?: BigNumberInput | null } | null)[] | null
}

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

const planRefundClawbacksStep = createStep("plan-affiliate-clawbacks", async ({ order_id }: { order_id: string }, { container }) => {
  const plan: LedgerPlan = { transactions: [], updates: [] }
  const commissions = (await svc(container).listAffiliateCommissions({ order_id })).filter(
    (c) => c.status !== "voided" || MathBN.gt(c.clawed_back_amount, 0)
  )
  if (!commissions.length) return new StepResponse(plan)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  }: { data: ClawbackOrderRow[] } = await query.graph({
    entity: "order",
    fields: ["id", "status", "currency_code", "payment_collections.amount", "payment_collections.refunded_amount"],
    filters: { id: order_id },
  })
  const currency = String(order.currency_code).toLowerCase()
  const total = toMinor(MathBN.sum(0, ...(order.payment_collections ?? []).map((p) => p?.amount ?? 0)), currency)
  // A canceled order keeps nothing, captured or not (Medusa refunds a captured payment on
  // cancel without a payment.refunded event, and an uncaptured one is never refunded).
  const refunded =
    order.status === "canceled"
      ? total
      : toMinor(MathBN.sum(0, ...(order.payment_collections ?? []).map((p) => p?.refunded_amount ?? 0)), currency)
  if (refunded <= 0n) return new StepResponse(plan)
  const affiliates = new Map<string, AffiliateRecord>(
    (await svc(container).listAffiliates({ id: [...new Set(commissions.map((c) => c.affiliate_id))] })).map((a) => [a.id, a])
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
      // The commission's affiliate (listed above by the commissions' affiliate ids).
      const posting = commissionPosting(c, affiliates.get(c.affiliate_id) ?? { id: c.affiliate_id }, "clawback", fromMinor(due, currency), `${c.id}:${clawed}`)
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
      data: transform({ updated, input }, ({ updated, input }) => ({ ids: updated.map((c) => c.id), order_id: input.order_id })),
    }).config({ name: "emit-commissions-clawed-back" })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(updated)
})
