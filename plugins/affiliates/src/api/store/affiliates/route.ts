import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { applyForAffiliateWorkflow } from "../../../workflows/apply-for-affiliate"
import { presentAffiliate } from "../../utils/present"
import { resolveStoreOrg } from "../../utils/tenancy"

/** POST /store/affiliates { code? } -> 201 { affiliate }: the customer applies to the store's program. */
export async function POST(req: AuthenticatedMedusaRequest<{ code?: string | null }> & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const customerId = req.auth_context.actor_id
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [customer],
  } = await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: customerId } })
  const { result } = await applyForAffiliateWorkflow(req.scope).run({
    input: { org_id: org.id, customer_id: customerId, email: customer?.email ?? null, code: req.validatedBody.code ?? null },
  })
  res.status(201).json({ affiliate: presentAffiliate(result) })
}
