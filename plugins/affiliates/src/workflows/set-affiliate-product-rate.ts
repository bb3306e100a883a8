import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { createAffiliateRecordsStep, recordsOf, updateAffiliateRecordsStep } from "./steps/records"
import { assertProductOfOrgStep, normaliseRate, RateInput } from "./steps/validate"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

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
  return new WorkflowResponse(transform({ created, updated }, ({ created, updated }) => recordsOf("product_rate", (created ?? updated)!)[0]))
})
