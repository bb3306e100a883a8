import { AuthenticatedMedusaRequest, MedusaStoreRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../../../../modules/org"
import type OrgModuleService from "../../../../modules/org/service"
import { joinOrgWorkflow } from "../../../../workflows/join-org"
import { resolveStoreOrg } from "../../../utils/store-org"

type Req = AuthenticatedMedusaRequest<{ type?: "learner" | "community" }> & MedusaStoreRequest

/** GET /store/org/membership: the logged-in customer's membership of this org (404 if none). */
export async function GET(req: Req, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const [member] = await req.scope
    .resolve<OrgModuleService>(ORG_MODULE)
    .listOrgMembers({ org_id: org.id, customer_id: req.auth_context.actor_id }, { take: 1 })
  if (!member) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `You are not a member of ${org.name}`)
  }
  res.json({ member })
}

/**
 * POST /store/org/membership: joins this org (a customer who already has an account,
 * e.g. from another org's storefront, logging in here). Idempotent.
 */
export async function POST(req: Req, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { result } = await joinOrgWorkflow(req.scope).run({
    input: { org_id: org.id, customer_id: req.auth_context.actor_id, type: req.validatedBody?.type },
  })
  res.status(result.created ? 201 : 200).json({ member: result.member })
}
