import { emitEventStep } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { upsertAccessPlanStep } from "./steps/access-plan-records"

/** The variant's product id (404 when the variant does not exist). */
const findVariantProductStep = createStep(
  "find-variant-product",
  async ({ variant_id }: { variant_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [variant],
    } = await query.graph({ entity: "product_variant", fields: ["id", "product_id"], filters: { id: variant_id } })
    if (!variant) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant "${variant_id}" was not found`)
    }
    return new StepResponse(variant.product_id as string)
  }
)

export type SetAccessPlanWorkflowInput = {
  variant_id: string
  tier: number
  duration_days?: number | null
  billing?: "one_time" | "subscription"
  interval?: "week" | "month" | "year" | null
  interval_count?: number | null
  trial_days?: number
  max_payments?: number | null
  scope?: "course" | "org"
}

/** Sets (creates or replaces) the access plan of a variant. */
export const setAccessPlanWorkflow = createWorkflow("set-access-plan", (input: SetAccessPlanWorkflowInput) => {
  const productId = findVariantProductStep({ variant_id: input.variant_id })
  const plan = upsertAccessPlanStep(
    transform({ input, productId }, ({ input, productId }) => ({ ...input, product_id: productId }))
  )
  emitEventStep({
    eventName: AccessEvents.ACCESS_PLAN_SET,
    data: transform({ plan }, ({ plan }) => ({ id: plan.id, variant_id: plan.variant_id, product_id: plan.product_id })),
  })
  return new WorkflowResponse(plan)
})
