import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { actorId, assertEmployeeInOrg, earningsScope } from "../../../utils/tenancy"
import type { AdminRecordPayout } from "../../../validators"

import { recordPayoutWorkflow } from "@volmify/ledger/workflows"
import { toMinor } from "@volmify/ledger/money"

/**
 * POST /admin/earnings/payouts { employee_id, currency_code, amount, reference?, note?, org_id? }:
 * records money paid to an employee (owners, admins). Refused when it would take their
 * payable below zero. `reference` makes a retried request record one payout.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminRecordPayout>, res: MedusaResponse) {
  const body = req.validatedBody
  const scope = await earningsScope(req, body.org_id)
  if (scope.employee_id) throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only owners and admins record payouts")
  await assertEmployeeInOrg(req, body.employee_id, scope.org_id)
  const currency = body.currency_code.toLowerCase()
  if (toMinor(body.amount, currency, { exact: true, field: "amount" }) <= 0n) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "amount must be greater than 0")
  }
  const { result } = await recordPayoutWorkflow(req.scope).run({
    input: {
      org_id: scope.org_id,
      currency_code: currency,
      owner: { type: "employee", id: body.employee_id },
      amount: String(body.amount),
      reference_id: body.reference ? `${scope.org_id}:${body.reference}` : undefined,
      note: body.note ?? null,
      recorded_by: actorId(req) ?? null,
    },
  })
  res.status(result.created ? 201 : 200).json({ payout: result.transaction, created: result.created })
}
