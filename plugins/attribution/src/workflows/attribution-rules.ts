import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AttributionEvents } from "../events"
import { createAttributionRuleStep, removeAttributionRulesStep, updateAttributionRulesStep } from "./steps/rule-records"
import {
  AttributionRuleInput,
  findAttributionRuleStep,
  findEmployeeOpenRulesStep,
  validateAttributionRuleStep,
} from "./steps/validate-rule"

const productLock = (productId: string) => `attribution:product:${productId}`

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

/**
 * Ends an employee's rules at `at` (removing an employee ends their rules): rules in
 * effect get effective_to = at, rules that had not started are deleted.
 */
export const endEmployeeAttributionRulesWorkflow = createWorkflow(
  "end-employee-attribution-rules",
  (input: { employee_id: string; at?: Date; reason?: string }) => {
    // Workflow data is serialized between steps: pass the instant as an ISO string.
    const at = transform({ input }, ({ input }) => (input.at ? new Date(input.at) : new Date()).toISOString())
    const open = findEmployeeOpenRulesStep({ employee_id: input.employee_id, at })
    const ended = updateAttributionRulesStep(
      transform({ open, at, input }, ({ open, at, input }) =>
        open
          .filter((r: any) => new Date(r.effective_from) < new Date(at))
          .map((r: any) => ({ id: r.id, effective_to: new Date(at), ended_reason: input.reason ?? "employee removed" }))
      )
    )
    const removed = removeAttributionRulesStep(
      transform({ open, at }, ({ open, at }) => open.filter((r: any) => new Date(r.effective_from) >= new Date(at)).map((r: any) => r.id))
    )
    const summary = transform({ ended, removed, input }, ({ ended, removed, input }) => ({
      employee_id: input.employee_id,
      ended_ids: ended.map((r: any) => r.id),
      removed_ids: removed,
    }))
    when({ summary }, ({ summary }) => summary.ended_ids.length + summary.removed_ids.length > 0).then(() =>
      emitEventStep({ eventName: AttributionEvents.RULES_ENDED, data: summary })
    )
    return new WorkflowResponse(summary)
  }
)
