import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { AFFILIATE_OWNER } from "../../../utils/ledger"
import { READ_ROLES, requireAdminOrg } from "../../utils/tenancy"
import type { AdminOrgQuery } from "../../validators"

/** A payout transaction as read below (@volmify/ledger's `ledger_transaction`, with its entries). */
type PayoutTransactionRow = {
  id: string
  currency_code: string
  reference_id: string
  description: string | null
  occurred_at: Date | string
  metadata: { owner_type?: string; owner_id?: string } | null
  entries?: { direction: "debit" | "credit"; amount: BigNumberInput }[] | null
}

/** GET /admin/affiliate-payouts?org_id= -> { payouts } recorded to the org's affiliates (from the ledger). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminOrgQuery>, res: MedusaResponse) {
  const orgId = await requireAdminOrg(req, READ_ROLES, req.validatedQuery?.org_id)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "ledger_transaction",
    fields: ["id", "currency_code", "reference_id", "description", "occurred_at", "metadata", "entries.direction", "entries.amount"],
    filters: { org_id: orgId, kind: "payout" },
  })
  const payouts = (data as PayoutTransactionRow[])
    .filter((t) => t.metadata?.owner_type === AFFILIATE_OWNER)
    .map((t) => ({
      id: t.id,
      affiliate_id: t.metadata!.owner_id,
      currency_code: t.currency_code,
      amount: MathBN.convert((t.entries ?? []).find((e) => e.direction === "debit")?.amount ?? 0).toNumber(),
      reference: t.reference_id,
      note: t.description,
      occurred_at: t.occurred_at,
    }))
    .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)))
  res.json({ payouts })
}
