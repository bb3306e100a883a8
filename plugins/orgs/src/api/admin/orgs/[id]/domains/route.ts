import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addOrgDomainWorkflow } from "../../../../../workflows/add-org-domain"
import { ORG_MODULE } from "../../../../../modules/org"
import type OrgModuleService from "../../../../../modules/org/service"
import { orgAccess } from "../../../../utils/org-access"
import type { AdminAddDomain } from "../../../../validators"
import { presentDomain } from "../../../../utils/present-domain"

/** GET /admin/orgs/:id/domains */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const domains = await req.scope
    .resolve<OrgModuleService>(ORG_MODULE)
    .listOrgDomains({ org_id: orgAccess(req).org_id }, { order: { created_at: "ASC" } })
  res.json({ domains: domains.map((d) => presentDomain(d)) })
}

/**
 * POST /admin/orgs/:id/domains: claim a hostname, unverified until its DNS TXT record
 * (`verification` in the answer) is found by POST .../verify, or a platform operator verifies it.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminAddDomain>, res: MedusaResponse) {
  const { result } = await addOrgDomainWorkflow(req.scope).run({
    input: { org_id: orgAccess(req).org_id, ...req.validatedBody },
  })
  res.status(201).json({ domain: presentDomain(result) })
}
