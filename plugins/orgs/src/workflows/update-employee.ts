import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import type { EmployeeRole } from "../types"
import { assertRoleChangeStep } from "./steps/employee-checks"
import { updateEmployeesStep } from "./steps/update-org-records"

export type UpdateEmployeeWorkflowInput = {
  org_id: string
  employee_id: string
  actor_role: EmployeeRole | "platform"
  actor_user_id?: string
  role?: EmployeeRole
  status?: "active" | "inactive"
  display_name?: string | null
  title?: string | null
  bio?: string | null
}
/** Changes an employee's role and/or profile (never leaving the org without an owner). */
export const updateEmployeeWorkflow = createWorkflow(
  "update-org-employee",
  (input: UpdateEmployeeWorkflowInput) => {
    const before = assertRoleChangeStep(input)
    const employeeList = updateEmployeesStep(
      transform({ input }, ({ input }) => {
        const { org_id: _o, employee_id, actor_role: _a, actor_user_id: _u, ...changes } = input
        return [{ id: employee_id, ...changes }]
      })
    )
    when({ input, before }, ({ input, before }) => !!input.role && input.role !== before.role).then(() =>
      emitEventStep({
        eventName: OrgEvents.EMPLOYEE_ROLE_CHANGED,
        data: transform({ input, before }, ({ input, before }) => ({
          id: input.employee_id,
          org_id: input.org_id,
          from: before.role,
          to: input.role,
        })),
      })
    )
    return new WorkflowResponse(transform({ employeeList }, ({ employeeList }) => employeeList[0]))
  }
)
