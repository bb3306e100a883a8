import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import type { EmployeeRole } from "../types"
import { softDeleteEmployeesStep } from "./steps/delete-org-records"
import { assertRemovalStep } from "./steps/employee-checks"

/** Removes an employee from an org's staff (never the last owner, never oneself). */
export const removeEmployeeWorkflow = createWorkflow(
  "remove-org-employee",
  (input: { org_id: string; employee_id: string; actor_role: EmployeeRole | "platform"; actor_user_id?: string }) => {
    const employee = assertRemovalStep(input)
    softDeleteEmployeesStep(transform({ input }, ({ input }) => [input.employee_id]))
    emitEventStep({
      eventName: OrgEvents.EMPLOYEE_REMOVED,
      data: transform({ employee }, ({ employee }) => ({
        id: employee.id,
        org_id: employee.org_id,
        user_id: employee.user_id,
      })),
    })
    return new WorkflowResponse(employee)
  }
)
