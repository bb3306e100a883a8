import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AffiliateEvents } from "../events"
import { createAffiliateRecordsStep, recordsOf } from "./steps/records"
import { planAffiliateApplicationStep } from "./steps/validate"

/** A customer applies to an org's program from its storefront (approved at once with automatic approval). */
export const applyForAffiliateWorkflow = createWorkflow(
  "apply-for-affiliate",
  (input: { org_id: string; customer_id: string; email?: string | null; code?: string | null }) => {
    const row = planAffiliateApplicationStep(input)
    const created = createAffiliateRecordsStep(transform({ row }, ({ row }) => ({ model: "affiliate" as const, data: [row] })))
    const affiliate = transform({ created }, ({ created }) => recordsOf("affiliate", created)[0])
    emitEventStep({
      eventName: AffiliateEvents.AFFILIATE_CREATED,
      data: transform({ affiliate }, ({ affiliate }) => ({ id: affiliate.id, org_id: affiliate.org_id, status: affiliate.status })),
    })
    return new WorkflowResponse(affiliate)
  }
)
