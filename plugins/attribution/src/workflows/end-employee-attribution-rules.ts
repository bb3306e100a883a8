import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AttributionEvents } from "../events"
import { removeAttributionRulesStep, updateAttributionRulesStep } from "./steps/rule-records"
import { findEmployeeOpenRulesStep } from "./steps/validate-rule"

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
          .filter((r) => new Date(r.effective_from) < new Date(at))
          .map((r) => ({ id: r.id, effective_to: new Date(at), ended_reason: input.reason ?? "employee removed" }))
      )
    )
    const removed = removeAttributionRulesStep(
      transform({ open, at }, ({ open, at }) => open.filter((r) => new Date(r.effective_from) >= new Date(at)).map((r) => r.id))
    )
    const summary = transform({ ended, removed, input }, ({ ended, removed, input }) => ({
      employee_id: input.employee_id,
      ended_ids: ended.map((r) => r.id),
      removed_ids: removed,
    }))
    when({ summary }, ({ summary }) => summary.ended_ids.length + summary.removed_ids.length > 0).then(() =>
      emitEventStep({ eventName: AttributionEvents.RULES_ENDED, data: summary })
    )
    return new WorkflowResponse(summary)
  }
)
