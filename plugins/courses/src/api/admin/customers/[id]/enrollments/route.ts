import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { enrollmentsWithProgress } from "../../../../utils/enrollment-progress"
import { adminOrgScope, assertCustomerInScope } from "../../../../utils/tenancy"

/**
 * GET /admin/customers/:id/enrollments: the customer's enrollments with course, live tier and
 * progress. Org staff see their org's courses only (a customer who is not a member of their
 * org is a 404); platform operators see every org's.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  await assertCustomerInScope(req, req.params.id, orgId)
  const enrollments = await enrollmentsWithProgress(req, { customerId: req.params.id, orgId })
  res.json({ enrollments })
}
