import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { CreatePriceListWorkflowInputDTO } from "@medusajs/framework/types"
import { createOrgPriceListWorkflow } from "../../workflows/create-org-price-list"

// The core route's own refetch, so the answer has the same shape as core's.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { fetchPriceList } = require("@medusajs/medusa/api/admin/price-lists/helpers") as {
  fetchPriceList: (id: string, scope: MedusaRequest["scope"], fields?: string[]) => Promise<unknown>
}

/** Replaces core's POST /admin/price-lists handler for org staff (after core's validation). */
export async function createPriceListForOrg(req: MedusaRequest, res: MedusaResponse, orgId: string) {
  const { result } = await createOrgPriceListWorkflow(req.scope).run({
    input: { org_id: orgId, price_list: req.validatedBody as CreatePriceListWorkflowInputDTO },
  })
  const price_list = await fetchPriceList(result.id, req.scope, req.queryConfig?.fields)
  res.status(200).json({ price_list })
}
