import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { orgAccess } from "../../../../utils/org-access"

export const EMPLOYEE_FIELDS = [
  "id",
  "org_id",
  "user_id",
  "role",
  "status",
  "display_name",
  "title",
  "bio",
  "created_at",
  "user.email",
  "user.first_name",
  "user.last_name",
]

/** GET /admin/orgs/:id/employees: the org's staff with their user's email and name. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: employees } = await query.graph({
    entity: "org_employee",
    fields: EMPLOYEE_FIELDS,
    filters: { org_id: orgAccess(req).org_id },
    pagination: { order: { created_at: "ASC" } },
  })
  res.json({ employees })
}
