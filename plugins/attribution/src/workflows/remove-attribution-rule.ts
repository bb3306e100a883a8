import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AttributionEvents } from "../events"
import { removeAttributionRulesStep } from "./steps/rule-records"
import { findAttributionRuleStep } from "./steps/validate-rule"

/** Deletes a rule (postings already made keep their amounts). */
export const removeAttributionRuleWorkflow = createWorkflow("remove-attribution-rule", (input: { id: string }) => {
  const existing = findAttributionRuleStep({ id: input.id })
  removeAttributionRulesStep(transform({ existing }, ({ existing }) => [existing.id]))
  emitEventStep({
    eventName: AttributionEvents.RULE_REMOVED,
    data: transform({ existing }, ({ existing }) => ({ id: existing.id, product_id: existing.product_id })),
  })
  return new WorkflowResponse(transform({ existing }, ({ existing }) => existing.id as string))
})
