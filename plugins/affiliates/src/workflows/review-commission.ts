import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { updateAffiliateRecordsStep } from "./steps/records"
import { approveDueCommissionsWorkflow } from "./approve-due-commissions"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

const planReviewStep = createStep(
  "plan-commission-review",
  async (input: { id: string; org_id: string | null; decision: "approve" | "reject" }, { container }) => {
    const [c] = await svc(container).listAffiliateCommissions({ id: input.id })
    if (!c || (input.org_id && c.org_id !== input.org_id)) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Commission "${input.id}" was not found`)
    if (c.status !== "pending") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Commission "${input.id}" is ${c.status}, not pending`)
    return new StepResponse(
      input.decision === "approve" ? { id: c.id, needs_review: false } : { id: c.id, needs_review: false, status: "voided" }
    )
  }
)

/**
 * Staff review of a flagged commission: `approve` clears the review (it is approved by the
 * job once its hold has passed, at once if it already has); `reject` voids it.
 */
export const reviewCommissionWorkflow = createWorkflow(
  "review-affiliate-commission",
  (input: { id: string; org_id: string | null; decision: "approve" | "reject" }) => {
    const update = planReviewStep(input)
    updateAffiliateRecordsStep(transform({ update }, ({ update }) => ({ model: "commission" as const, updates: [update] })))
    const approved = approveDueCommissionsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ commission_ids: input.decision === "approve" ? [input.id] : [] })),
    })
    return new WorkflowResponse(approved)
  }
)
