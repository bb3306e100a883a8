import type { MedusaContainer } from "@medusajs/framework/types"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { ulid } from "ulid"
import { AffiliateEvents } from "../events"
import { LEDGER_MODULE, type LedgerModuleService } from "@volmify/ledger/modules/ledger"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { accountKey, affiliateOwner, chartAccount, fromMinor, recordPayoutWorkflow, toMinor } from "../utils/ledger"
import { updateAffiliateRecordsStep } from "./steps/records"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

/** The affiliate's payable balance in a currency (minor units): approved earnings - clawbacks - payouts. */
export async function affiliatePayableMinor(container: MedusaContainer, affiliate: { id: string; org_id: string }, currency: string) {
  const ledger = container.resolve<LedgerModuleService>(LEDGER_MODULE)
  const key = accountKey(chartAccount(affiliate.org_id, "payable", currency, affiliateOwner(affiliate)))
  const [account] = await ledger.listLedgerAccounts({ key })
  if (!account) return 0n
  const balances = await ledger.getBalances([account.id])
  return toMinor(balances[account.id]?.balance ?? "0", currency)
}

export type RecordAffiliatePayoutInput = {
  org_id: string
  affiliate_id: string
  currency_code: string
  /** Major units; defaults to the whole payable balance. */
  amount?: number | string | null
  reference?: string | null
  note?: string | null
  recorded_by?: string | null
}

const planPayoutStep = createStep("plan-affiliate-payout", async (input: RecordAffiliatePayoutInput, { container }) => {
  const service = svc(container)
  const [affiliate] = await service.listAffiliates({ id: input.affiliate_id })
  if (!affiliate || affiliate.org_id !== input.org_id) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Affiliate "${input.affiliate_id}" was not found`)
  const currency = input.currency_code.toLowerCase()
  const balance = await affiliatePayableMinor(container, affiliate, currency)
  const amount = input.amount === undefined || input.amount === null ? balance : toMinor(input.amount, currency, { exact: true, field: "amount" })
  if (amount <= 0n) throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount must be positive (the payable balance is ${fromMinor(balance, currency)} ${currency.toUpperCase()})`)
  const [program] = await service.listAffiliatePrograms({ org_id: input.org_id })
  const minimum = (program?.minimum_payouts ?? []).find((m) => m.currency_code === currency)
  if (minimum && amount < toMinor(minimum.amount, currency)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount is below the program's minimum payout of ${minimum.amount} ${currency.toUpperCase()}`)
  }
  // Approved commissions are marked paid, oldest first, as far as the amount covers them.
  const approved = await service.listAffiliateCommissions(
    { affiliate_id: affiliate.id, currency_code: currency, status: "approved" },
    { order: { approved_at: "ASC", id: "ASC" } }
  )
  const reference = input.reference ? `affiliate:${input.org_id}:${input.reference}` : `affiliate_payout_${ulid()}`
  const now = new Date()
  let covered = 0n
  const updates: { id: string; status: "paid"; paid_at: Date; payout_reference: string }[] = []
  // Paying the whole balance settles every approved commission (clawbacks after approval
  // were already taken from the balance); a partial payout covers the oldest first.
  const settlesAll = amount === balance
  for (const c of approved) {
    const value = toMinor(c.amount, currency)
    if (!settlesAll && covered + value > amount) break
    covered += value
    updates.push({ id: c.id, status: "paid", paid_at: now, payout_reference: reference })
  }
  return new StepResponse({
    payout: {
      org_id: input.org_id,
      currency_code: currency,
      owner: affiliateOwner(affiliate),
      amount: fromMinor(amount, currency),
      reference_id: reference,
      note: input.note ?? null,
      recorded_by: input.recorded_by ?? null,
    },
    updates,
  })
})

/**
 * Records a payout to an affiliate through the ledger (debit their payable, credit cash;
 * refused when the payable would go negative, or below the program's minimum) and marks
 * the approved commissions it covers as paid. `reference` makes it idempotent.
 */
export const recordAffiliatePayoutWorkflow = createWorkflow("record-affiliate-payout", (input: RecordAffiliatePayoutInput) => {
  const lockKey = transform({ input }, ({ input }) => `affiliates:payout:${input.affiliate_id}`)
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
  const plan = planPayoutStep(input)
  const posted = recordPayoutWorkflow.runAsStep({ input: transform({ plan }, ({ plan }) => plan.payout) })
  const updates = transform({ plan, posted }, ({ plan, posted }) => ({
    model: "commission" as const,
    updates: posted?.created === false ? [] : plan.updates,
  }))
  updateAffiliateRecordsStep(updates)
  emitEventStep({
    eventName: AffiliateEvents.PAYOUT_RECORDED,
    data: transform({ posted, input }, ({ posted, input }) => ({ id: posted?.transaction?.id, affiliate_id: input.affiliate_id })),
  })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(
    transform({ plan, posted }, ({ plan, posted }) => ({
      transaction: posted?.transaction ?? null,
      created: posted?.created ?? false,
      amount: plan.payout.amount,
      currency_code: plan.payout.currency_code,
      reference: plan.payout.reference_id,
      commissions_paid: plan.updates.map((u) => u.id),
    }))
  )
})
