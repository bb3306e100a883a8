import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reactivateOrgWorkflow } from "../../../../../workflows/reactivate-org"

/** POST /admin/orgs/:id/reactivate (platform operators). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await reactivateOrgWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ org: result })
}
