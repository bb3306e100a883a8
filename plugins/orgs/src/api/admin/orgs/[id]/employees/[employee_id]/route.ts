import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { removeEmployeeWorkflow } from "../../../../../../workflows/remove-employee"
import { updateEmployeeWorkflow } from "../../../../../../workflows/update-employee"
import { ROLE_RANK } from "../../../../../../rules/staff-permissions"
import { orgAccess } from "../../../../../utils/org-access"
import type { AdminUpdateEmployee } from "../../../../../validators"
import { EMPLOYEE_FIELDS } from "../route"

/**
 * POST /admin/orgs/:id/employees/:employee_id: role and status (owners/admins, under the
 * staff rules); profile fields (owners/admins, or the employee themself).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateEmployee>, res: MedusaResponse) {
  const { org_id, role, user_id } = orgAccess(req)
  const body = req.validatedBody
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const isAdmin = role === "platform" || ROLE_RANK[role] >= ROLE_RANK.admin
  if (!isAdmin) {
    const {
      data: [target],
    } = await query.graph({ entity: "org_employee", fields: ["id", "user_id"], filters: { id: req.params.employee_id, org_id } })
    const onlyProfile = body.role === undefined && body.status === undefined
    if (!target || target.user_id !== user_id || !onlyProfile) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        "Only owners and admins of the org can change staff; you may edit your own profile"
      )
    }
  }
  await updateEmployeeWorkflow(req.scope).run({
    input: { org_id, employee_id: req.params.employee_id, actor_role: role, actor_user_id: user_id, ...body },
  })
  const {
    data: [employee],
  } = await query.graph({ entity: "org_employee", fields: EMPLOYEE_FIELDS, filters: { id: req.params.employee_id } })
  res.json({ employee })
}

/** DELETE /admin/orgs/:id/employees/:employee_id (owners/admins; never the last owner, never oneself). */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org_id, role, user_id } = orgAccess(req)
  await removeEmployeeWorkflow(req.scope).run({
    input: { org_id, employee_id: req.params.employee_id, actor_role: role, actor_user_id: user_id },
  })
  res.json({ id: req.params.employee_id, object: "org_employee", deleted: true })
}
