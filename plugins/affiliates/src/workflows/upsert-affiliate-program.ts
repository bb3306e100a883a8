import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { createAffiliateRecordsStep, recordsOf, updateAffiliateRecordsStep } from "./steps/records"
import { normaliseMinimums, normaliseRate } from "./steps/validate"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

export type ProgramInput = {
  org_id: string
  enabled?: boolean
  commission_type?: "percent" | "fixed"
  commission_bps?: number | null
  fixed_amounts?: { currency_code: string; amount: number | string }[] | null
  cookie_window_days?: number
  attribution_model?: "first_click" | "last_click"
  hold_days?: number
  minimum_payouts?: { currency_code: string; amount: number | string }[] | null
  approval?: "automatic" | "manual"
  recurring_commission?: "first_payment" | "recurring"
  recurring_months?: number | null
}

/** Plans the program row: create with defaults, or the changed fields of the existing one. */
const planProgramStep = createStep("plan-affiliate-program", async (input: ProgramInput, { container }) => {
  const [existing] = await svc(container).listAffiliatePrograms({ org_id: input.org_id })
  const { org_id, minimum_payouts, commission_type, commission_bps, fixed_amounts, ...rest } = input
  const rate =
    commission_type !== undefined
      ? normaliseRate({ commission_type, commission_bps, fixed_amounts })
      : existing
        ? {}
        : { commission_type: "percent" as const, commission_bps: 1000, fixed_amounts: null }
  const data: Record<string, unknown> = { ...rest, ...rate }
  const minimums = normaliseMinimums(minimum_payouts)
  if (minimums !== undefined) data.minimum_payouts = minimums
  return new StepResponse({ existing_id: (existing?.id as string) ?? null, data: existing ? data : { org_id, ...data } })
})

/** Creates or updates an org's affiliate program (one per org). */
export const upsertAffiliateProgramWorkflow = createWorkflow("upsert-affiliate-program", (input: ProgramInput) => {
  const plan = planProgramStep(input)
  const created = when({ plan }, ({ plan }) => !plan.existing_id).then(() =>
    createAffiliateRecordsStep(transform({ plan }, ({ plan }) => ({ model: "program" as const, data: [plan.data] })))
  )
  const updated = when({ plan }, ({ plan }) => !!plan.existing_id).then(() =>
    updateAffiliateRecordsStep(
      transform({ plan }, ({ plan }) => ({ model: "program" as const, updates: [{ id: plan.existing_id!, ...plan.data }] }))
    )
  )
  return new WorkflowResponse(transform({ created, updated }, ({ created, updated }) => recordsOf("program", (created ?? updated)!)[0]))
})
