import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AttributionEvents } from "../events"
import { updateAttributionRulesStep } from "./steps/rule-records"
import { AttributionRuleInput, findAttributionRuleStep, validateAttributionRuleStep } from "./steps/validate-rule"
import { productLock } from "./steps/attribution-rule-lock"

export type UpdateAttributionRuleInput = {
  id: string
  role?: AttributionRuleInput["role"]
  type?: AttributionRuleInput["type"]
  percent_bps?: number | null
  fixed_amounts?: AttributionRuleInput["fixed_amounts"]
  effective_from?: Date | string
  effective_to?: Date | string | null
}

/** Changes a rule's share, role or period, re-checking the pool without the old version. */
export const updateAttributionRuleWorkflow = createWorkflow(
  "update-attribution-rule",
  (input: UpdateAttributionRuleInput) => {
    const existing = findAttributionRuleStep({ id: input.id })
    const lockKey = transform({ existing }, ({ existing }) => productLock(existing.product_id))
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const row = validateAttributionRuleStep(
      transform({ input, existing }, ({ input, existing }) => {
        const { id, ...changes } = input
        const type = changes.type ?? existing.type
        return {
          exclude_id: id,
          rule: {
            product_id: existing.product_id,
            employee_id: existing.employee_id,
            role: changes.role ?? existing.role,
            type,
            percent_bps: "percent_bps" in changes ? changes.percent_bps : type === "fixed" ? 0 : existing.percent_bps,
            fixed_amounts: "fixed_amounts" in changes ? changes.fixed_amounts : type === "percent" ? null : existing.fixed_amounts,
            effective_from: changes.effective_from ?? existing.effective_from,
            effective_to: "effective_to" in changes ? changes.effective_to : existing.effective_to,
          },
        }
      })
    )
    const updated = updateAttributionRulesStep(
      transform({ row, input }, ({ row, input }) => {
        const { org_id: _o, product_id: _p, employee_id: _e, user_id: _u, created_by: _c, ...changes } = row
        return [{ id: input.id, ...changes }]
      })
    )
    emitEventStep({
      eventName: AttributionEvents.RULE_UPDATED,
      data: transform({ input }, ({ input }) => ({ id: input.id })),
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)
