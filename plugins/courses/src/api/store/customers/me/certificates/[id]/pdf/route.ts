import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { CERTIFICATE_FIELDS, certificatePdf } from "../../../../../../utils/certificates"
import { courseService } from "../../../../../../utils/store-courses"

import { resolveStoreOrg } from "@volmify/orgs/tenancy"

/** GET /store/customers/me/certificates/:id/pdf: the PDF, for its owner under their org's key only. */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const [certificate] = await courseService(req).listCertificates(
    { id: req.params.id, customer_id: req.auth_context.actor_id, org_id: org.id, revoked_at: null },
    { take: 1, select: CERTIFICATE_FIELDS }
  )
  if (!certificate) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Certificate "${req.params.id}" was not found`)
  const pdf = await certificatePdf(req, certificate)
  const file = `certificate-${certificate.code}.pdf`
  res.setHeader("content-type", "application/pdf")
  res.setHeader("content-disposition", `attachment; filename="${file}"`)
  res.setHeader("cache-control", "private, no-store")
  res.status(200).send(Buffer.from(pdf))
}
