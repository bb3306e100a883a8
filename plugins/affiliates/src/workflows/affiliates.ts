import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AffiliateEvents } from "../events"
import { AFFILIATES_MODULE } from "../modules/affiliates"
import { createAffiliateRecordsStep, deleteAffiliateRecordsStep, updateAffiliateRecordsStep } from "./steps/records"
import {
  assertProductOfOrgStep,
  normaliseMinimums,
  normaliseRate,
  planAffiliateApplicationStep,
  RateInput,
} from "./steps/validate"

const svc = (container: any) => container.resolve(AFFILIATES_MODULE) as any

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
  return new WorkflowResponse(transform({ created, updated }, ({ created, updated }) => (created ?? updated)![0]))
})

/** A customer applies to an org's program from its storefront (approved at once with automatic approval). */
export const applyForAffiliateWorkflow = createWorkflow(
  "apply-for-affiliate",
  (input: { org_id: string; customer_id: string; email?: string | null; code?: string | null }) => {
    const row = planAffiliateApplicationStep(input)
    const created = createAffiliateRecordsStep(transform({ row }, ({ row }) => ({ model: "affiliate" as const, data: [row] })))
    const affiliate = transform({ created }, ({ created }) => created[0])
    emitEventStep({
      eventName: AffiliateEvents.AFFILIATE_CREATED,
      data: transform({ affiliate }, ({ affiliate }) => ({ id: affiliate.id, org_id: affiliate.org_id, status: affiliate.status })),
    })
    return new WorkflowResponse(affiliate)
  }
)

export type UpdateAffiliateInput = { id: string; status?: "pending" | "approved" | "rejected" | "suspended" } & RateInput

const planAffiliateUpdateStep = createStep("plan-affiliate-update", async (input: UpdateAffiliateInput, { container }) => {
  const [affiliate] = await svc(container).listAffiliates({ id: input.id })
  if (!affiliate) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Affiliate "${input.id}" was not found`)
  const update: Record<string, unknown> = { id: input.id, ...normaliseRate(input) }
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
  const updated = updateAffiliateRecordsStep(transform({ plan }, ({ plan }) => ({ model: "affiliate" as const, updates: [plan.update as any] })))
  when({ plan }, ({ plan }) => plan.status_changed).then(() =>
    emitEventStep({
      eventName: AffiliateEvents.AFFILIATE_STATUS_CHANGED,
      data: transform({ plan }, ({ plan }) => ({ id: plan.update.id, org_id: plan.org_id, status: plan.update.status })),
    })
  )
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
})

export type ProductRateInput = { affiliate_id: string; org_id: string; product_id: string } & Required<Pick<RateInput, "commission_type">> & RateInput

const planProductRateStep = createStep("plan-affiliate-product-rate", async (input: ProductRateInput, { container }) => {
  const rate = normaliseRate(input)
  const [existing] = await svc(container).listAffiliateProductRates({ affiliate_id: input.affiliate_id, product_id: input.product_id })
  return new StepResponse({
    existing_id: (existing?.id as string) ?? null,
    data: { org_id: input.org_id, affiliate_id: input.affiliate_id, product_id: input.product_id, ...rate },
  })
})

/** Sets (creates or replaces) an affiliate's rate on one product of their org. */
export const setAffiliateProductRateWorkflow = createWorkflow("set-affiliate-product-rate", (input: ProductRateInput) => {
  assertProductOfOrgStep(transform({ input }, ({ input }) => ({ product_id: input.product_id, org_id: input.org_id })))
  const plan = planProductRateStep(input)
  const created = when({ plan }, ({ plan }) => !plan.existing_id).then(() =>
    createAffiliateRecordsStep(transform({ plan }, ({ plan }) => ({ model: "product_rate" as const, data: [plan.data] })))
  )
  const updated = when({ plan }, ({ plan }) => !!plan.existing_id).then(() =>
    updateAffiliateRecordsStep(
      transform({ plan }, ({ plan }) => ({ model: "product_rate" as const, updates: [{ id: plan.existing_id!, ...plan.data }] }))
    )
  )
  return new WorkflowResponse(transform({ created, updated }, ({ created, updated }) => (created ?? updated)![0]))
})

/** Removes an affiliate's product rate (their own or the program's rule applies again). */
export const removeAffiliateProductRateWorkflow = createWorkflow("remove-affiliate-product-rate", (input: { id: string }) => {
  deleteAffiliateRecordsStep(transform({ input }, ({ input }) => ({ model: "product_rate" as const, ids: [input.id] })))
  return new WorkflowResponse(input.id)
})

const planCouponLinkStep = createStep(
  "plan-affiliate-coupon",
  async (input: { affiliate_id: string; org_id: string; promotion_id: string }, { container }) => {
    const query = container.resolve("query") as any
    const { data: promotions } = await query.graph({ entity: "promotion", fields: ["id", "code"], filters: { id: input.promotion_id } })
    if (!promotions.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Promotion "${input.promotion_id}" was not found`)
    const [taken] = await svc(container).listAffiliateCoupons({ promotion_id: input.promotion_id })
    if (taken) throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `promotion_id "${input.promotion_id}" is already linked to an affiliate`)
    return new StepResponse({ ...input, code: promotions[0].code ?? null })
  }
)

/** Links a Medusa promotion code to an affiliate: orders using it are attributed to them. */
export const linkAffiliateCouponWorkflow = createWorkflow(
  "link-affiliate-coupon",
  (input: { affiliate_id: string; org_id: string; promotion_id: string }) => {
    const row = planCouponLinkStep(input)
    const created = createAffiliateRecordsStep(transform({ row }, ({ row }) => ({ model: "coupon" as const, data: [row] })))
    return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
  }
)
