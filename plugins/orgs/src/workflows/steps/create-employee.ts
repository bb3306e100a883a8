import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import type { EmployeeRole } from "../../types"

export type CreateEmployeeStepInput = {
  org_id: string
  user_id: string
  role: EmployeeRole
  display_name?: string | null
  title?: string | null
}

/** Adds an existing Medusa user to an org's staff. A user is staff of an org once. */
export const createEmployeeStep = createStep(
  "create-org-employee",
  async (input: CreateEmployeeStepInput, { container }) => {
    const users = container.resolve(Modules.USER)
    const [user] = await users.listUsers({ id: input.user_id }, { take: 1 })
    if (!user) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `User "${input.user_id}" was not found`)
    }
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const [existing] = await orgs.listOrgEmployees(
      { org_id: input.org_id, user_id: input.user_id },
      { take: 1, select: ["id"] }
    )
    if (existing) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `${user.email} is already staff of this org`
      )
    }
    const displayName =
      input.display_name ?? ([user.first_name, user.last_name].filter(Boolean).join(" ") || null)
    const employee = await orgs.createOrgEmployees({
      org_id: input.org_id,
      user_id: input.user_id,
      role: input.role,
      display_name: displayName,
      title: input.title ?? null,
    })
    return new StepResponse(employee, employee.id)
  },
  async (employeeId, { container }) => {
    if (!employeeId) {
      return
    }
    await container.resolve<OrgModuleService>(ORG_MODULE).deleteOrgEmployees(employeeId)
  }
)
