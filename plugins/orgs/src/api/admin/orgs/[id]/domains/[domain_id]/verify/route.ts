import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ORG_MODULE } from "../../../../../../../modules/org"
import type OrgModuleService from "../../../../../../../modules/org/service"
import { verifyOrgDomainWorkflow } from "../../../../../../../workflows/verify-org-domain"
import { orgAccess } from "../../../../../../utils/org-access"
import { presentDomain } from "../../../../../../utils/present-domain"

/**
 * POST /admin/orgs/:id/domains/:domain_id/verify: looks up the claim's DNS TXT record;
 * found, the hostname is verified for this org (400 naming the record when it is missing,
 * 422 when another org verified the hostname first).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org_id } = orgAccess(req)
  await verifyOrgDomainWorkflow(req.scope).run({ input: { org_id, domain_id: req.params.domain_id } })
  const [domain] = await req.scope.resolve<OrgModuleService>(ORG_MODULE).listOrgDomains({ id: req.params.domain_id, org_id })
  res.json({ domain: presentDomain(domain) })
}
