import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AttributionEvents } from "../events"
import { createAttributionRuleStep } from "./steps/rule-records"
import { AttributionRuleInput, validateAttributionRuleStep } from "./steps/validate-rule"
import { productLock } from "./steps/attribution-rule-lock"

/** Adds a rule (refused when the product's percent pool would pass 100 % at any instant). */
export const createAttributionRuleWorkflow = createWorkflow("create-attribution-rule", (input: AttributionRuleInput) => {
  const lockKey = transform({ input }, ({ input }) => productLock(input.product_id))
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
  const row = validateAttributionRuleStep({ rule: input })
  const rule = createAttributionRuleStep(row)
  emitEventStep({
    eventName: AttributionEvents.RULE_CREATED,
    data: transform({ rule }, ({ rule }) => ({ id: rule.id, product_id: rule.product_id, employee_id: rule.employee_id })),
  })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(rule)
})
