import type { MedusaContainer } from "@medusajs/framework/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AffiliateEvents } from "../events"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { recordsOf, updateAffiliateRecordsStep } from "./steps/records"
import { normaliseRate, RateInput } from "./steps/validate"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

export type UpdateAffiliateInput = { id: string; status?: "pending" | "approved" | "rejected" | "suspended" } & RateInput

const planAffiliateUpdateStep = createStep("plan-affiliate-update", async (input: UpdateAffiliateInput, { container }) => {
  const [affiliate] = await svc(container).listAffiliates({ id: input.id })
  if (!affiliate) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Affiliate "${input.id}" was not found`)
  const update: { id: string } & Record<string, unknown> = { id: input.id, ...normaliseRate(input) }
  const statusChanged = input.status !== undefined && input.status !== affiliate.status
  if (statusChanged) {
    update.status = input.status
    update.status_changed_at = new Date()
  }
  return new StepResponse({ update, status_changed: statusChanged, org_id: affiliate.org_id as string })
})

/** Approve, reject, suspend an affiliate, or set their rate override (null type = the program's). */
export const updateAffiliateWorkflow = createWorkflow("update-affiliate", (input: UpdateAffiliateInput) => {
  const plan = planAffiliateUpdateStep(input)
  const updated = updateAffiliateRecordsStep(transform({ plan }, ({ plan }) => ({ model: "affiliate" as const, updates: [plan.update] })))
  when({ plan }, ({ plan }) => plan.status_changed).then(() =>
    emitEventStep({
      eventName: AffiliateEvents.AFFILIATE_STATUS_CHANGED,
      data: transform({ plan }, ({ plan }) => ({ id: plan.update.id, org_id: plan.org_id, status: plan.update.status })),
    })
  )
  return new WorkflowResponse(transform({ updated }, ({ updated }) => recordsOf("affiliate", updated)[0]))
})
