import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { removeOrgDomainWorkflow } from "../../../../../../workflows/remove-org-domain"
import { updateOrgDomainWorkflow } from "../../../../../../workflows/update-org-domain"
import { orgAccess } from "../../../../../utils/org-access"
import type { AdminUpdateDomain } from "../../../../../validators"
import { presentDomain } from "../../../../../utils/present-domain"

/** POST /admin/orgs/:id/domains/:domain_id: make primary; `verified` only for platform operators. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateDomain>, res: MedusaResponse) {
  const { org_id, role } = orgAccess(req)
  if (req.validatedBody.verified !== undefined && role !== "platform") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only platform operators can verify a domain")
  }
  const { result } = await updateOrgDomainWorkflow(req.scope).run({
    input: { org_id, domain_id: req.params.domain_id, ...req.validatedBody },
  })
  // The workflow updates this domain (a domain not of the org is 404 before), so it is in the result.
  res.json({ domain: presentDomain(result!) })
}

/** DELETE /admin/orgs/:id/domains/:domain_id */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await removeOrgDomainWorkflow(req.scope).run({
    input: { org_id: orgAccess(req).org_id, domain_id: req.params.domain_id },
  })
  res.json({ id: req.params.domain_id, object: "org_domain", deleted: true })
}
