import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { CERTIFICATE_FIELDS, presentCertificate } from "../../../../utils/certificates"
import { courseService } from "../../../../utils/store-courses"

import { resolveStoreOrg } from "@volmify/orgs/tenancy"

/** GET /store/customers/me/certificates: the customer's certificates from this org, newest first. */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const certificates = await courseService(req).listCertificates(
    { customer_id: req.auth_context.actor_id, org_id: org.id, revoked_at: null },
    { select: CERTIFICATE_FIELDS, order: { issued_at: "DESC" } }
  )
  res.json({ certificates: certificates.map(presentCertificate) })
}
