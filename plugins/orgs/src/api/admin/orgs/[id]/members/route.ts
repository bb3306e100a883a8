import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { orgAccess } from "../../../../utils/org-access"
import type { AdminListMembersQuery } from "../../../../validators"

/** GET /admin/orgs/:id/members: the org's customers, with their email and name. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListMembersQuery>, res: MedusaResponse) {
  const { type, limit, offset } = req.validatedQuery
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: members, metadata } = await query.graph({
    entity: "org_member",
    fields: ["id", "org_id", "customer_id", "type", "joined_at", "customer.email", "customer.first_name", "customer.last_name"],
    filters: { org_id: orgAccess(req).org_id, ...(type ? { type } : {}) },
    pagination: { skip: offset, take: limit, order: { joined_at: "DESC" } },
  })
  res.json({ members, count: metadata?.count ?? members.length, limit, offset })
}
