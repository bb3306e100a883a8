import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { suspendOrgWorkflow } from "../../../../../workflows/suspend-org"

/** POST /admin/orgs/:id/suspend (platform operators). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await suspendOrgWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ org: result })
}
