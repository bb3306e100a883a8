import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { saveInstructorProfileWorkflow } from "../../../../workflows/instructors"
import { adminOrgScope, CATALOG_ROLES, resolveAdminActor } from "../../../utils/tenancy"
import type { AdminInstructor } from "../../../validators"
import type { EmployeeRow } from "../../../../types/rows"

/**
 * POST /admin/instructors/:employee_id: the employee's public profile (name, headline, bio,
 * photo). Catalog roles of the employee's org; a creator edits only their own profile.
 * Another org's employee is a 404.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminInstructor>, res: MedusaResponse) {
  const scope = await adminOrgScope(req, CATALOG_ROLES)
  const employeeId = req.params.employee_id
  let orgId = scope
  if (!orgId) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "org_employee", fields: ["id", "org.id"], filters: { id: employeeId } })
    orgId = (data as Pick<EmployeeRow, "org">[])[0]?.org?.id ?? null
    if (!orgId) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Employee "${employeeId}" was not found`)
  }
  const actor = await resolveAdminActor(req)
  if (actor.kind === "staff" && actor.scope.role === "creator" && actor.scope.employee_id !== employeeId) {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "A creator can edit only their own instructor profile")
  }
  const { result } = await saveInstructorProfileWorkflow(req.scope).run({ input: { org_id: orgId, employee_id: employeeId, ...req.validatedBody } })
  res.json({ instructor: result })
}
