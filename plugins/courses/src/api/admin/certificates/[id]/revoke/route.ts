import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { revokeCertificateWorkflow } from "../../../../../workflows/revoke-certificate"
import { actorId, adminOrgScope, CATALOG_ROLES } from "../../../../utils/tenancy"
import type { AdminRevokeCertificate } from "../../../../validators"

/**
 * POST /admin/certificates/:id/revoke { reason }: the certificate stops verifying and leaves
 * the student's list. Catalog roles and platform operators; another org's is a 404, an
 * already revoked one 409.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminRevokeCertificate>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, CATALOG_ROLES)
  const { result } = await revokeCertificateWorkflow(req.scope).run({
    input: { id: req.params.id, org_id: orgId, reason: req.validatedBody.reason, revoked_by: actorId(req) ?? null },
  })
  res.json({ certificate: result })
}
