import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateUsersWorkflow } from "@medusajs/medusa/core-flows"
import { ACTIVE_ORG_METADATA_KEY } from "../../../../utils/admin-actor"
import { orgAccess } from "../../../../utils/org-access"

/**
 * POST /admin/orgs/:id/activate: the org switcher. Staff of several orgs choose the org
 * the stock dashboard shows (kept in their user metadata); the x-volmify-org header
 * still overrides it per request.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org_id, user_id } = orgAccess(req)
  await updateUsersWorkflow(req.scope).run({
    input: { updates: [{ id: user_id, metadata: { [ACTIVE_ORG_METADATA_KEY]: org_id } }] },
  })
  res.json({ active_org_id: org_id })
}
