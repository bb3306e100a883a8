import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { AFFILIATE_OWNER } from "../../../utils/ledger"
import { READ_ROLES, requireAdminOrg } from "../../utils/tenancy"

/** GET /admin/affiliate-payouts?org_id= -> { payouts } recorded to the org's affiliates (from the ledger). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const orgId = await requireAdminOrg(req, READ_ROLES, (req.validatedQuery as any)?.org_id)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "ledger_transaction",
    fields: ["id", "currency_code", "reference_id", "description", "occurred_at", "metadata", "entries.direction", "entries.amount"],
    filters: { org_id: orgId, kind: "payout" },
  })
  const payouts = (data as any[])
    .filter((t) => t.metadata?.owner_type === AFFILIATE_OWNER)
    .map((t) => ({
      id: t.id,
      affiliate_id: t.metadata.owner_id,
      currency_code: t.currency_code,
      amount: MathBN.convert((t.entries ?? []).find((e: any) => e.direction === "debit")?.amount ?? 0).toNumber(),
      reference: t.reference_id,
      note: t.description,
      occurred_at: t.occurred_at,
    }))
    .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)))
  res.json({ payouts })
}
