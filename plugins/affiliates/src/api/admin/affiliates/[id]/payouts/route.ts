import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordAffiliatePayoutWorkflow } from "../../../../../workflows/payouts"
import { loadAffiliateInOrg } from "../../../../../workflows/steps/validate"
import { actorId, adminOrgScope, WRITE_ROLES } from "../../../../utils/tenancy"
import type { AdminPayout } from "../../../../validators"

/**
 * POST /admin/affiliates/:id/payouts { currency_code, amount?, reference?, note? } -> { payout }.
 * Defaults to the whole payable balance; refused (400) below the program's minimum or
 * beyond the balance. `reference` makes it idempotent.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminPayout>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, WRITE_ROLES)
  const affiliate = await loadAffiliateInOrg(req.scope, req.params.id, orgId)
  const { result } = await recordAffiliatePayoutWorkflow(req.scope).run({
    input: { ...req.validatedBody, org_id: affiliate.org_id, affiliate_id: affiliate.id, recorded_by: actorId(req) ?? null },
  })
  res.status(result.created ? 201 : 200).json({
    payout: {
      id: result.transaction?.id ?? null,
      amount: Number(result.amount),
      currency_code: result.currency_code,
      reference: result.reference,
      commissions_paid: result.commissions_paid,
    },
  })
}
