import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import { removalRefusal, roleChangeRefusal } from "../../rules/staff-permissions"
import type { EmployeeRole } from "../../types"

export type EmployeeCheckInput = {
  org_id: string
  employee_id: string
  /** The acting user's role in the org, or "platform" for a platform operator. */
  actor_role: EmployeeRole | "platform"
  /** For a role change; absent for a removal. */
  role?: EmployeeRole
}

async function load(container: any, input: EmployeeCheckInput) {
  const orgs = container.resolve(ORG_MODULE) as OrgModuleService
  const [employee] = await orgs.listOrgEmployees(
    { id: input.employee_id, org_id: input.org_id },
    { take: 1, select: ["id", "org_id", "user_id", "role", "status"] }
  )
  if (!employee) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Employee "${input.employee_id}" was not found`)
  }
  const owners = await orgs.listOrgEmployees(
    { org_id: input.org_id, role: "owner", status: "active" },
    { select: ["id"] }
  )
  return { employee, owners: owners.length }
}

// A platform operator acts with an owner's powers, and the last-owner rule still holds.
const asRole = (role: EmployeeRole | "platform"): EmployeeRole => (role === "platform" ? "owner" : role)

/** Refuses a role change the actor may not make, or one that leaves the org without owner. */
export const assertRoleChangeStep = createStep(
  "assert-org-role-change",
  async (input: EmployeeCheckInput, { container }) => {
    const { employee, owners } = await load(container, input)
    if (input.role && input.role !== employee.role) {
      const refusal = roleChangeRefusal(asRole(input.actor_role), employee.role as EmployeeRole, input.role, owners)
      if (refusal) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal)
      }
    }
    return new StepResponse(employee)
  }
)

/** Refuses a removal the actor may not make, and the removal of the last owner. */
export const assertRemovalStep = createStep(
  "assert-org-employee-removal",
  async (input: EmployeeCheckInput, { container }) => {
    const { employee, owners } = await load(container, input)
    const refusal = removalRefusal(asRole(input.actor_role), employee.role as EmployeeRole, owners)
    if (refusal) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal)
    }
    return new StepResponse(employee)
  }
)
