import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import { removalRefusal, roleChangeRefusal, statusChangeRefusal } from "../../rules/staff-permissions"
import type { EmployeeRole } from "../../types"

export type EmployeeCheckInput = {
  org_id: string
  employee_id: string
  /** The acting user's role in the org, or "platform" for a platform operator. */
  actor_role: EmployeeRole | "platform"
  /** The acting user: nobody removes or deactivates themselves. */
  actor_user_id?: string
  /** For a role change; absent for a removal. */
  role?: EmployeeRole
  /** For a status change. */
  status?: "active" | "inactive"
}

async function load(container: MedusaContainer, input: EmployeeCheckInput) {
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

const isSelf = (input: EmployeeCheckInput, employee: { user_id: string }) =>
  !!input.actor_user_id && input.actor_user_id === employee.user_id

/**
 * Refuses a role or status change the actor may not make, one that leaves the org without
 * an active owner, and deactivating oneself.
 */
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
    if (input.status) {
      const refusal = statusChangeRefusal(
        asRole(input.actor_role),
        employee.role as EmployeeRole,
        employee.status,
        input.status,
        owners,
        isSelf(input, employee)
      )
      if (refusal) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal)
      }
    }
    return new StepResponse(employee)
  }
)

/** Refuses a removal the actor may not make, the removal of the last owner, and removing oneself. */
export const assertRemovalStep = createStep(
  "assert-org-employee-removal",
  async (input: EmployeeCheckInput, { container }) => {
    const { employee, owners } = await load(container, input)
    const refusal = removalRefusal(asRole(input.actor_role), employee.role as EmployeeRole, owners, isSelf(input, employee))
    if (refusal) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal)
    }
    return new StepResponse(employee)
  }
)
