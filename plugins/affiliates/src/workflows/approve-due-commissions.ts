import type { MedusaContainer } from "@medusajs/framework/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MathBN } from "@medusajs/framework/utils"
import { AffiliateEvents } from "../events"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import type { AffiliateRecord } from "../types/records"
import { postLedgerEntries } from "../utils/ledger"
import { updateAffiliateRecordsStep } from "./steps/records"
import { commissionPosting, type LedgerPlan } from "./steps/commission-posting"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

const planApprovalsStep = createStep(
  "plan-commission-approvals",
  async (input: { now?: string | Date; commission_ids?: string[]; org_id?: string }, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    if (input.commission_ids && !input.commission_ids.length) return new StepResponse<LedgerPlan>({ transactions: [], updates: [] })
    const filters: Record<string, unknown> = { status: "pending", needs_review: false, hold_until: { $lte: now } }
    if (input.commission_ids) filters.id = input.commission_ids
    if (input.org_id) filters.org_id = input.org_id
    const due = (await svc(container).listAffiliateCommissions(filters, { take: 500, order: { hold_until: "ASC" } })).filter((c) =>
      MathBN.gt(c.amount, 0)
    )
    const plan: LedgerPlan = { transactions: [], updates: [] }
    if (!due.length) return new StepResponse(plan)
    const affiliates = new Map<string, AffiliateRecord>(
      (await svc(container).listAffiliates({ id: [...new Set(due.map((c) => c.affiliate_id))] })).map((a) => [a.id, a])
    )
    for (const c of due) {
      // The commission's affiliate; one deleted since is still the payable's owner by its id
      // (a lookup miss must not fail the whole batch).
      const posting = commissionPosting(c, affiliates.get(c.affiliate_id) ?? { id: c.affiliate_id }, "earn", String(MathBN.convert(c.amount).toFixed()), c.id)
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
        data: transform({ updated }, ({ updated }) => ({ ids: updated.map((c) => c.id) })),
      }).config({ name: "emit-commissions-approved" })
    )
    return new WorkflowResponse(updated)
  }
)
