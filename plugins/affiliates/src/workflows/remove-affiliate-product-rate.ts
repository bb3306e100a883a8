import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteAffiliateRecordsStep } from "./steps/records"

/** Removes an affiliate's product rate (their own or the program's rule applies again). */
export const removeAffiliateProductRateWorkflow = createWorkflow("remove-affiliate-product-rate", (input: { id: string }) => {
  deleteAffiliateRecordsStep(transform({ input }, ({ input }) => ({ model: "product_rate" as const, ids: [input.id] })))
  return new WorkflowResponse(input.id)
})
