import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { createAffiliateRecordsStep, recordsOf } from "./steps/records"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

const planCouponLinkStep = createStep(
  "plan-affiliate-coupon",
  async (input: { affiliate_id: string; org_id: string; promotion_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: promotions }: { data: { id: string; code?: string | null }[] } = await query.graph({
      entity: "promotion",
      fields: ["id", "code"],
      filters: { id: input.promotion_id },
    })
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
    return new WorkflowResponse(transform({ created }, ({ created }) => recordsOf("coupon", created)[0]))
  }
)
