import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { PENDING_RENEWAL_STALE_SECONDS } from "../../modules/access/service"
import type { SubscriptionRenewalFields } from "../../types/records"
import { throwIfTestFault } from "../../utils/test-faults"

export type ClaimRenewalInput = { subscription_id: string; period_index: number; period_start: Date; period_end: Date }
export type ClaimedRenewal = { claimed: boolean; renewal_id: string | null }
/** A claim's or failure's undo: the renewal record it created, or the fields it changed. */
type RenewalUndo = { delete?: string; restore?: SubscriptionRenewalFields & { id: string } } | null

/**
 * Claims period `period_index` of a subscription for billing: creates its renewal record
 * (UNIQUE subscription_id, period_index) or reuses a failed one; refuses when the period is
 * already paid, so no retry, replay or second worker can bill it twice. Compensation
 * deletes the record it created or restores the one it reused.
 */
export const claimRenewalStep = createStep(
  "claim-subscription-renewal",
  async (input: ClaimRenewalInput, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const existing = await service.listSubscriptionRenewals(
      { subscription_id: input.subscription_id, period_index: input.period_index },
      { take: 1 }
    )
    if (existing[0]?.status === "paid") {
      return new StepResponse<ClaimedRenewal, RenewalUndo>({ claimed: false, renewal_id: existing[0].id }, null)
    }
    // A fresh pending record is a run in progress (the batch path claims without this
    // workflow's lock); only a stale one, left by a run that died, is taken over.
    const pendingSince = existing[0]?.status === "pending" ? new Date(existing[0].updated_at).getTime() : null
    if (pendingSince !== null && Date.now() - pendingSince < PENDING_RENEWAL_STALE_SECONDS * 1000) {
      return new StepResponse<ClaimedRenewal, RenewalUndo>({ claimed: false, renewal_id: existing[0].id }, null)
    }
    if (existing[0]) {
      await service.updateSubscriptionRenewals({ id: existing[0].id, status: "pending" })
      return new StepResponse<ClaimedRenewal, RenewalUndo>(
        { claimed: true, renewal_id: existing[0].id },
        { restore: { id: existing[0].id, status: existing[0].status } }
      )
    }
    let created: { id: string }
    try {
      created = await service.createSubscriptionRenewals({ ...input, status: "pending", attempts: 0 })
    } catch (e) {
      // The bulk path claimed the period between the read above and this insert (it claims
      // before taking the subscription's lock): UNIQUE (subscription, period) refused ours.
      const [now] = await service.listSubscriptionRenewals(
        { subscription_id: input.subscription_id, period_index: input.period_index },
        { take: 1, select: ["id"] }
      )
      if (!now) throw e
      return new StepResponse<ClaimedRenewal, RenewalUndo>({ claimed: false, renewal_id: now.id }, null)
    }
    return new StepResponse<ClaimedRenewal, RenewalUndo>({ claimed: true, renewal_id: created.id }, { delete: created.id })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    if (undo.delete) await service.deleteSubscriptionRenewals(undo.delete)
    if (undo.restore) await service.updateSubscriptionRenewals(undo.restore)
  }
)

/** Marks a renewal paid by `order_id`; compensation puts it back to pending. */
export const markRenewalPaidStep = createStep(
  "mark-subscription-renewal-paid",
  async ({ renewal_id, order_id }: { renewal_id: string; order_id: string }, { container }) => {
    throwIfTestFault(container, "mark-subscription-renewal-paid")
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [before] = await service.listSubscriptionRenewals({ id: renewal_id }, { select: ["id", "status", "order_id", "attempts"] })
    await service.updateSubscriptionRenewals({ id: renewal_id, status: "paid", order_id, attempts: before.attempts + 1, last_error: null })
    return new StepResponse(renewal_id, before)
  },
  async (before, { container }) => {
    if (!before) return
    await container.resolve<AccessModuleService>(ACCESS_MODULE).updateSubscriptionRenewals(before)
  }
)

/**
 * Records a failed charge of a period: upserts its record as failed, one more attempt,
 * with the error. Compensation restores the record (or deletes the one it created).
 */
export const recordRenewalFailureStep = createStep(
  "record-subscription-renewal-failure",
  async (input: ClaimRenewalInput & { error: string }, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [existing] = await service.listSubscriptionRenewals(
      { subscription_id: input.subscription_id, period_index: input.period_index },
      { take: 1 }
    )
    const error = input.error.slice(0, 1000)
    if (existing?.status === "paid") {
      // Another worker paid it while this one failed (e.g. on the lock): nothing failed.
      return new StepResponse<{ attempts: number; paid: boolean }, RenewalUndo>({ attempts: existing.attempts, paid: true }, null)
    }
    if (existing) {
      await service.updateSubscriptionRenewals({ id: existing.id, status: "failed", attempts: existing.attempts + 1, last_error: error })
      return new StepResponse<{ attempts: number; paid: boolean }, RenewalUndo>({ attempts: existing.attempts + 1, paid: false }, { restore: { id: existing.id, status: existing.status, attempts: existing.attempts, last_error: existing.last_error } })
    }
    const { error: _e, ...record } = input
    const created = await service.createSubscriptionRenewals({ ...record, status: "failed", attempts: 1, last_error: error })
    return new StepResponse<{ attempts: number; paid: boolean }, RenewalUndo>({ attempts: 1, paid: false }, { delete: created.id })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    if (undo.delete) await service.deleteSubscriptionRenewals(undo.delete)
    if (undo.restore) await service.updateSubscriptionRenewals(undo.restore)
  }
)
